import path from 'node:path';
import { z } from 'zod';

const schema = z.object({
  DATABASE_URL: z.string().url().optional(),
  GATEWAY_DATABASE_URL: z.string().url().optional(),
  PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  PG_DATA_DIR: z.string().default(path.resolve(__dirname, '../../.data/postgres')),
  PG_LOG: z.enum(['true', 'false']).default('false'),
  SEED: z.enum(['true', 'false']).default('true'),
  GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
});

/** `npm start`'s own environment, parsed once; the processes it starts parse theirs. */
export function parseStartConfig(env: NodeJS.ProcessEnv = process.env) {
  const parsed = schema.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid configuration: ${z.prettifyError(parsed.error)}`);
  const c = parsed.data;
  return {
    externalDatabaseUrl: c.DATABASE_URL,
    gatewayDatabaseUrl: c.GATEWAY_DATABASE_URL,
    pgPort: c.PG_PORT,
    pgDataDir: c.PG_DATA_DIR,
    pgLog: c.PG_LOG === 'true',
    seed: c.SEED === 'true',
    gatewayPort: c.GATEWAY_PORT,
  };
}
