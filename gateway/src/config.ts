import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DEV_INTERNAL_SECRET, DEV_JWT_SECRET, checkSecret, readSubgraphManifest } from '@kepuri/platform';
import { DEFAULT_SUBGRAPH_CALLS } from './subgraph-calls';
import { DEFAULT_LIMITS } from './limits';
import { DEFAULT_RATE_LIMITS } from './rate-limits';
import { DEFAULT_MAX_BODY_BYTES } from './transport-errors';
import { DEFAULT_USAGE } from './usage';

export { DEV_JWT_SECRET } from '@kepuri/platform';

/** Hosts development approves for every published subgraph, so a ministry can try the registry on one machine. */
export const LOOPBACK_HOSTS = ['localhost', '127.0.0.1', '[::1]'];

const positive = (max: number) => z.coerce.number().int().min(1).max(max);
const list = z.string().transform((value) => value.split(',').map((item) => item.trim()).filter(Boolean));

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
    // JSON lines for a collector, or readable ones for a terminal; default by NODE_ENV.
    LOG_FORMAT: z.enum(['json', 'pretty']).optional(),
    GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().default('127.0.0.1'),
    // Production refuses to start without real secrets (checkSecret); development falls back to its defaults.
    JWT_SECRET: z.string().optional(),
    HUB_INTERNAL_SECRET: z.string().optional(),
    JWT_ISSUER: z.string().min(1).default('kepuri-hub'),
    JWT_AUDIENCE: z.string().min(1).optional(),
    JWT_JWKS_URL: z.string().url().optional(),
    JWT_MAX_LIFETIME_S: positive(31 * 86_400).default(86_400),
    METRICS_TOKEN: z.string().optional(),
    METRICS_PORT: z.coerce.number().int().min(0).max(65535).optional(),
    REDIS_URL: z.string().url().optional(),
    REDIS_KEY_PREFIX: z.string().default('kepuri:'),
    TRUST_PROXY: z.string().default('false'),
    RATE_LIMIT_WINDOW_S: positive(86_400).default(DEFAULT_RATE_LIMITS.windowSeconds),
    RATE_LIMIT_MUTATIONS_PER_USER: positive(1_000_000).default(DEFAULT_RATE_LIMITS.mutationsPerUser),
    RATE_LIMIT_MUTATIONS_PER_IP: positive(10_000_000).default(DEFAULT_RATE_LIMITS.mutationsPerIp),
    RATE_LIMIT_ANONYMOUS_COST_PER_IP: positive(1_000_000_000).default(DEFAULT_RATE_LIMITS.anonymousCostPerIp),
    REGISTRY_APPROVED_HOSTS: list.optional(),
    DATABASE_URL: z.string().url().optional(),
    // The core subgraphs this gateway registers at start (names, ports, committed SDL).
    SUBGRAPH_MANIFEST: z.string().default(path.resolve(__dirname, '../../subgraphs/manifest.json')),
    REGISTRY_POLL_MS: z.coerce.number().int().min(500).max(600_000).default(5_000),
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(DEFAULT_SUBGRAPH_CALLS.timeoutMs),
    // Per subgraph: `name:ms,name:ms` (a slow ministry subgraph may need longer than the core ones).
    SUBGRAPH_TIMEOUTS: z.string().regex(/^([a-z][a-z0-9-]*:\d+)(,[a-z][a-z0-9-]*:\d+)*$/, 'name:ms[,name:ms…]').optional(),
    SUBGRAPH_BREAKER_FAILURES: positive(1_000).default(DEFAULT_SUBGRAPH_CALLS.breaker.failures),
    SUBGRAPH_SHARE_INFLIGHT: z.enum(['on', 'off']).default('on'),
    SUBGRAPH_BREAKER_OPEN_MS: z.coerce.number().int().min(100).max(600_000).default(DEFAULT_SUBGRAPH_CALLS.breaker.halfOpenAfterMs),
    MAX_QUERY_DEPTH: z.coerce.number().int().min(2).max(100).default(DEFAULT_LIMITS.maxDepth),
    MAX_QUERY_COST: z.coerce.number().int().min(10).max(10_000_000).default(DEFAULT_LIMITS.maxCost),
    MAX_QUERY_ALIASES: z.coerce.number().int().min(0).max(10_000).default(DEFAULT_LIMITS.maxAliases),
    MAX_QUERY_DIRECTIVES: z.coerce.number().int().min(0).max(10_000).default(DEFAULT_LIMITS.maxDirectives),
    MAX_QUERY_TOKENS: z.coerce.number().int().min(100).max(1_000_000).default(DEFAULT_LIMITS.maxTokens),
    COST_LIST_SIZE: z.coerce.number().int().min(1).max(100_000).default(DEFAULT_LIMITS.listSize),
    SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(120_000).default(8_000),
    MAX_BODY_BYTES: z.coerce.number().int().min(1_024).max(100_000_000).default(DEFAULT_MAX_BODY_BYTES),
    WS_MAX_SUBSCRIPTIONS_PER_SOCKET: z.coerce.number().int().min(1).max(10_000).default(100),
    WS_KEEPALIVE_MS: z.coerce.number().int().min(1_000).max(300_000).default(12_000),
    MEMBERSHIP_TTL_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
    WS_MAX_BUFFERED_BYTES: z.coerce.number().int().min(65_536).max(1_073_741_824).default(4 * 2 ** 20),
    RESPONSE_CACHE: z.enum(['on', 'off']).default('on'),
    // Trusted documents: the default depends on NODE_ENV (enforce in production, log otherwise).
    PERSISTED_DOCUMENTS: z.enum(['off', 'log', 'enforce']).optional(),
    USAGE_FLUSH_MS: z.coerce.number().int().min(100).max(3_600_000).default(DEFAULT_USAGE.flushMs),
    USAGE_RETENTION_DAYS: z.coerce.number().int().min(1).max(3_650).default(DEFAULT_USAGE.retentionDays),
  })
  .superRefine((value, ctx) => {
    const production = value.NODE_ENV === 'production';
    checkSecret(ctx, 'JWT_SECRET', value.JWT_SECRET, production);
    checkSecret(ctx, 'HUB_INTERNAL_SECRET', value.HUB_INTERNAL_SECRET, production);
    if (value.METRICS_TOKEN !== undefined) checkSecret(ctx, 'METRICS_TOKEN', value.METRICS_TOKEN, production);
  });

/** Express's `trust proxy` from TRUST_PROXY: true/false, a number of hops, or addresses and subnets. */
function trustProxy(value: string): boolean | number | string {
  if (value === 'true' || value === 'false') return value === 'true';
  return /^\d+$/.test(value) ? Number(value) : value;
}

/** The gateway's environment, parsed once at start into one typed object. */
export function parseGatewayConfig(env: NodeJS.ProcessEnv = process.env) {
  // The gateway's own database (the subgraph registry): GATEWAY_DATABASE_URL, or DATABASE_URL.
  const parsed = schema.safeParse({ ...env, DATABASE_URL: env.GATEWAY_DATABASE_URL ?? env.DATABASE_URL });
  if (!parsed.success) throw new Error(`Invalid gateway configuration: ${z.prettifyError(parsed.error)}`);
  const c = parsed.data;
  const coreSubgraphs = readSubgraphManifest(c.SUBGRAPH_MANIFEST);
  // `<NAME>_URL` routes a core subgraph elsewhere than the committed supergraph says (docker-compose, k8s).
  const subgraphUrls: Record<string, string> = {};
  for (const { name } of coreSubgraphs) {
    const variable = `${name.toUpperCase().replaceAll('-', '_')}_URL`;
    const url = env[variable];
    if (url === undefined) continue;
    if (!z.string().url().safeParse(url).success) throw new Error(`Invalid gateway configuration: ${variable} must be a URL`);
    subgraphUrls[name] = url;
  }
  return {
    env: c.NODE_ENV,
    logLevel: c.LOG_LEVEL,
    logFormat: c.LOG_FORMAT ?? (c.NODE_ENV === 'production' ? 'json' as const : 'pretty' as const),
    port: c.GATEWAY_PORT,
    host: c.HOST,
    jwtSecret: c.JWT_SECRET ?? DEV_JWT_SECRET,
    internalSecret: c.HUB_INTERNAL_SECRET ?? DEV_INTERNAL_SECRET,
    clientTokens: {
      issuer: c.JWT_ISSUER, audience: c.JWT_AUDIENCE, jwksUrl: c.JWT_JWKS_URL, maxLifetimeSeconds: c.JWT_MAX_LIFETIME_S,
      requireExp: c.NODE_ENV === 'production',
    },
    metrics: { token: c.METRICS_TOKEN, port: c.METRICS_PORT },
    redis: c.REDIS_URL ? { url: c.REDIS_URL, keyPrefix: c.REDIS_KEY_PREFIX } : undefined,
    trustProxy: trustProxy(c.TRUST_PROXY),
    rateLimits: {
      windowSeconds: c.RATE_LIMIT_WINDOW_S, mutationsPerUser: c.RATE_LIMIT_MUTATIONS_PER_USER,
      mutationsPerIp: c.RATE_LIMIT_MUTATIONS_PER_IP, anonymousCostPerIp: c.RATE_LIMIT_ANONYMOUS_COST_PER_IP,
    },
    /** Null without a database URL: `npm run token` needs none, the gateway refuses to start. */
    registry: c.DATABASE_URL
      ? {
        databaseUrl: c.DATABASE_URL,
        pollIntervalMs: c.REGISTRY_POLL_MS,
        // Hosts every published subgraph may route to besides those an admin approved for it: loopback in development, none in production.
        approvedHosts: c.REGISTRY_APPROVED_HOSTS ?? (c.NODE_ENV === 'production' ? [] : LOOPBACK_HOSTS),
      }
      : null,
    coreSubgraphs,
    subgraphCalls: {
      timeoutMs: c.SUBGRAPH_TIMEOUT_MS,
      timeouts: Object.fromEntries((c.SUBGRAPH_TIMEOUTS?.split(',') ?? []).map((pair) => pair.split(':')).map(([name, ms]) => [name, Number(ms)])),
      breaker: { failures: c.SUBGRAPH_BREAKER_FAILURES, halfOpenAfterMs: c.SUBGRAPH_BREAKER_OPEN_MS },
      shareInflight: c.SUBGRAPH_SHARE_INFLIGHT === 'on',
    },
    maxBodyBytes: c.MAX_BODY_BYTES,
    shutdownGraceMs: c.SHUTDOWN_GRACE_MS,
    limits: {
      maxDepth: c.MAX_QUERY_DEPTH, maxCost: c.MAX_QUERY_COST, maxAliases: c.MAX_QUERY_ALIASES,
      maxDirectives: c.MAX_QUERY_DIRECTIVES, maxTokens: c.MAX_QUERY_TOKENS, listSize: c.COST_LIST_SIZE,
    },
    subscriptions: { maxPerSocket: c.WS_MAX_SUBSCRIPTIONS_PER_SOCKET, keepAliveMs: c.WS_KEEPALIVE_MS, maxBufferedBytes: c.WS_MAX_BUFFERED_BYTES },
    memberships: { ttlMs: c.MEMBERSHIP_TTL_MS },
    responseCache: c.RESPONSE_CACHE === 'on',
    persistedDocuments: c.PERSISTED_DOCUMENTS ?? (c.NODE_ENV === 'production' ? 'enforce' : 'log'),
    usage: { flushMs: c.USAGE_FLUSH_MS, retentionDays: c.USAGE_RETENTION_DAYS },
    hubVersion: (JSON.parse(readFileSync(path.resolve(__dirname, '../../package.json'), 'utf8')) as { version: string }).version,
    subgraphUrls,
  };
}

export type GatewayConfig = ReturnType<typeof parseGatewayConfig>;
