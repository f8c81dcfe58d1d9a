import path from 'node:path';
import { z } from 'zod';
import { DEV_INTERNAL_SECRET, readSubgraphManifest } from '@kepuri/platform';
import { DEFAULT_LIMITS } from './limits';

export const DEV_JWT_SECRET = 'dev-jwt-secret-change-me-0123456789abcdef';

const schema = z
  .object({
    NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
    GATEWAY_PORT: z.coerce.number().int().min(0).max(65535).default(4000),
    HOST: z.string().default('127.0.0.1'),
    JWT_SECRET: z.string().min(32).default(DEV_JWT_SECRET),
    HUB_INTERNAL_SECRET: z.string().min(32).default(DEV_INTERNAL_SECRET),
    DATABASE_URL: z.string().url().optional(),
    // The core subgraphs this gateway registers at start (names, ports, committed SDL).
    SUBGRAPH_MANIFEST: z.string().default(path.resolve(__dirname, '../../subgraphs/manifest.json')),
    REGISTRY_POLL_MS: z.coerce.number().int().min(500).max(600_000).default(5_000),
    SUBGRAPH_TIMEOUT_MS: z.coerce.number().int().min(100).max(120_000).default(10_000),
    MAX_QUERY_DEPTH: z.coerce.number().int().min(2).max(100).default(DEFAULT_LIMITS.maxDepth),
    MAX_QUERY_COST: z.coerce.number().int().min(10).max(10_000_000).default(DEFAULT_LIMITS.maxCost),
    WS_MAX_SUBSCRIPTIONS_PER_SOCKET: z.coerce.number().int().min(1).max(10_000).default(100),
    WS_KEEPALIVE_MS: z.coerce.number().int().min(1_000).max(300_000).default(12_000),
    MEMBERSHIP_TTL_MS: z.coerce.number().int().min(100).max(3_600_000).default(30_000),
    WS_MAX_BUFFERED_BYTES: z.coerce.number().int().min(65_536).max(1_073_741_824).default(4 * 2 ** 20),
    REDIS_URL: z.string().url().optional(),
    RESPONSE_CACHE: z.enum(['on', 'off']).default('on'),
  })
  .superRefine((value, ctx) => {
    if (value.NODE_ENV !== 'production') return;
    if (value.JWT_SECRET === DEV_JWT_SECRET) ctx.addIssue({ code: 'custom', path: ['JWT_SECRET'], message: 'must be set in production' });
    if (value.HUB_INTERNAL_SECRET === DEV_INTERNAL_SECRET) {
      ctx.addIssue({ code: 'custom', path: ['HUB_INTERNAL_SECRET'], message: 'must be set in production' });
    }
  });

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
    port: c.GATEWAY_PORT,
    host: c.HOST,
    jwtSecret: c.JWT_SECRET,
    internalSecret: c.HUB_INTERNAL_SECRET,
    /** Null without a database URL: `npm run token` needs none, the gateway refuses to start. */
    registry: c.DATABASE_URL ? { databaseUrl: c.DATABASE_URL, pollIntervalMs: c.REGISTRY_POLL_MS } : null,
    coreSubgraphs,
    subgraphTimeoutMs: c.SUBGRAPH_TIMEOUT_MS,
    limits: { maxDepth: c.MAX_QUERY_DEPTH, maxCost: c.MAX_QUERY_COST },
    subscriptions: { maxPerSocket: c.WS_MAX_SUBSCRIPTIONS_PER_SOCKET, keepAliveMs: c.WS_KEEPALIVE_MS, maxBufferedBytes: c.WS_MAX_BUFFERED_BYTES },
    memberships: { ttlMs: c.MEMBERSHIP_TTL_MS },
    redis: c.REDIS_URL ? { url: c.REDIS_URL } : undefined,
    responseCache: c.RESPONSE_CACHE === 'on',
    subgraphUrls,
  };
}

export type GatewayConfig = ReturnType<typeof parseGatewayConfig>;
