import { z } from 'zod';
import { DEFAULT_POOL_SIZE } from './db';
import { DEFAULT_ROLLUP_BATCH_SIZE, DEFAULT_ROLLUP_INTERVAL_MS } from './rollup-applier';

/** Development defaults; production refuses to start without real secrets (see below). */
export const DEV_INTERNAL_SECRET = 'dev-internal-secret-change-me-0123456789';

const booleanFromEnv = z
  .enum(['true', 'false', '1', '0'])
  .transform((value) => value === 'true' || value === '1');

/** The environment every subgraph reads, parsed once at start into one typed object. */
export function parseSubgraphConfig(name: string, defaultPort: number, env: NodeJS.ProcessEnv = process.env) {
  const prefix = name.toUpperCase();
  const schema = z
    .object({
      NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
      PORT: z.coerce.number().int().min(0).max(65535).default(defaultPort),
      HOST: z.string().default('127.0.0.1'),
      DATABASE_URL: z.string().url(),
      HUB_INTERNAL_SECRET: z.string().min(32).default(DEV_INTERNAL_SECRET),
      SEED: booleanFromEnv.default(true),
      GATEWAY_URL: z.string().url().default('http://127.0.0.1:4000/graphql'),
      LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
      DB_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(DEFAULT_POOL_SIZE),
      ROLLUP_INTERVAL_MS: z.coerce.number().int().min(5).max(60_000).default(DEFAULT_ROLLUP_INTERVAL_MS),
      ROLLUP_BATCH_SIZE: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_ROLLUP_BATCH_SIZE),
    })
    .superRefine((value, ctx) => {
      if (value.NODE_ENV === 'production' && value.HUB_INTERNAL_SECRET === DEV_INTERNAL_SECRET) {
        ctx.addIssue({ code: 'custom', path: ['HUB_INTERNAL_SECRET'], message: 'must be set in production' });
      }
    });
  const parsed = schema.safeParse({
    ...env,
    PORT: env[`${prefix}_PORT`] ?? env.PORT,
    DATABASE_URL: env[`${prefix}_DATABASE_URL`] ?? env.DATABASE_URL,
  });
  if (!parsed.success) {
    throw new Error(`Invalid configuration for ${name}: ${z.prettifyError(parsed.error)}`);
  }
  const c = parsed.data;
  return {
    name,
    env: c.NODE_ENV,
    port: c.PORT,
    host: c.HOST,
    databaseUrl: c.DATABASE_URL,
    internalSecret: c.HUB_INTERNAL_SECRET,
    seed: c.SEED,
    gatewayUrl: c.GATEWAY_URL,
    logLevel: c.LOG_LEVEL,
    poolSize: c.DB_POOL_SIZE,
    rollups: { intervalMs: c.ROLLUP_INTERVAL_MS, batchSize: c.ROLLUP_BATCH_SIZE },
  };
}

export type SubgraphConfig = ReturnType<typeof parseSubgraphConfig>;
