import { z } from 'zod';
import { DEFAULT_POOL_SIZE } from './db';
import { DEFAULT_ROLLUP_BATCH_SIZE, DEFAULT_ROLLUP_INTERVAL_MS } from './rollup-applier';
import { DEV_INTERNAL_SECRET, checkSecret } from './secrets';
import { DEFAULT_CACHE_MAX_AGES } from './cache-hints';

const seconds = z.coerce.number().int().min(0).max(86_400);

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
      // Production refuses to start without a real secret (secrets.ts); development falls back to its default.
      HUB_INTERNAL_SECRET: z.string().optional(),
      SEED: booleanFromEnv.default(true),
      GATEWAY_URL: z.string().url().default('http://127.0.0.1:4000/graphql'),
      LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
      // JSON lines for a collector, or readable ones for a terminal; default by NODE_ENV (logger.ts).
      LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
      DB_POOL_SIZE: z.coerce.number().int().min(2).max(200).default(DEFAULT_POOL_SIZE),
      ROLLUP_INTERVAL_MS: z.coerce.number().int().min(5).max(60_000).default(DEFAULT_ROLLUP_INTERVAL_MS),
      ROLLUP_BATCH_SIZE: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_ROLLUP_BATCH_SIZE),
      // Seconds a public answer may be reused, by kind of data (CacheHint): figures, content, reference data.
      CACHE_MAX_AGE_STATS: seconds.default(DEFAULT_CACHE_MAX_AGES.stats),
      CACHE_MAX_AGE_CONTENT: seconds.default(DEFAULT_CACHE_MAX_AGES.content),
      CACHE_MAX_AGE_REFERENCE: seconds.default(DEFAULT_CACHE_MAX_AGES.reference),
    })
    .superRefine((value, ctx) => checkSecret(ctx, 'HUB_INTERNAL_SECRET', value.HUB_INTERNAL_SECRET, value.NODE_ENV === 'production'));
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
    internalSecret: c.HUB_INTERNAL_SECRET ?? DEV_INTERNAL_SECRET,
    seed: c.SEED,
    gatewayUrl: c.GATEWAY_URL,
    logLevel: c.LOG_LEVEL,
    logFormat: c.LOG_FORMAT ?? (c.NODE_ENV === 'production' ? 'json' as const : 'pretty' as const),
    poolSize: c.DB_POOL_SIZE,
    rollups: { intervalMs: c.ROLLUP_INTERVAL_MS, batchSize: c.ROLLUP_BATCH_SIZE },
    cacheMaxAges: { stats: c.CACHE_MAX_AGE_STATS, content: c.CACHE_MAX_AGE_CONTENT, reference: c.CACHE_MAX_AGE_REFERENCE },
  };
}

export type SubgraphConfig = ReturnType<typeof parseSubgraphConfig>;
