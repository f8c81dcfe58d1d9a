import type express from 'express';
import type http from 'node:http';
import type { Registry } from 'prom-client';
import type { Logger, RunningServer, SubgraphManifest } from '@kepuri/platform';
import type { ClientTokenOptions } from './auth';
import type { SubgraphCallSettings } from './subgraph-calls';
import type { OperationLimits } from './limits';
import type { PersistedDocumentsMode } from './persisted-documents';
import type { UsageSettings } from './usage';
import type { MetricsExposure } from './metrics';
import type { RateLimitSettings } from './rate-limits';
import type { OpenRegistry, RegistryOptions } from './registry';
import type { SubscriptionBroker } from './subscriptions/broker';
import type { UpstreamClients } from './subscriptions/upstream';

/** A page the gateway serves besides its own (the hub's dashboard): it mounts its routes on the app. */
export interface GatewayPage {
  mount(app: express.Express): void;
  /** The operations the page sends, registered at start as a client of the registry (its trusted documents). */
  client?: { name: string; documents(): string[] };
}


export interface GatewayOptions {
  /**
   * The subgraph registry on the gateway's database: the supergraph comes from it (the core
   * subgraphs registered at start) and follows every publish without a restart.
   */
  registry?: RegistryOptions;
  /** A fixed supergraph instead of the registry (tools without a database). */
  supergraphSdl?: string;
  /**
   * The deployment's core subgraphs (subgraphs/manifest.json): registered at start, the only ones the
   * gateway sends its signed identity to and whose membership directives it trusts.
   */
  coreSubgraphs: SubgraphManifest;
  /** Subgraph name → URL, overriding the routing URLs inside the supergraph. */
  subgraphUrls?: Record<string, string>;
  jwtSecret: string;
  /** How client tokens are checked besides the secret (issuer, audience, an OIDC JWKS, `exp`); production requires `exp`. */
  clientTokens?: Omit<ClientTokenOptions, 'secret'>;
  internalSecret: string;
  /** Deadlines (per subgraph) and circuit breakers of subgraph calls (default 2 s; 5 failures open a circuit for 5 s). */
  subgraphCalls?: SubgraphCallSettings;
  /** Bytes a request body (and a WebSocket message) may hold (default 2 MB, like Apollo Router). */
  maxBodyBytes?: number;
  /** Development only: stack traces and unmasked unexpected errors. */
  development?: boolean;
  /**
   * Production policy (NODE_ENV=production): introspection and the playground only for developer
   * and admin tokens. Off: open to everyone (development, test). Developer tokens are read-only either way.
   */
  production?: boolean;
  /** Operation limits (tokens, depth, aliases, directives, cost), the same on HTTP and WebSocket; unset ones take the defaults. */
  limits?: Partial<OperationLimits>;
  /** Where /metrics is served: to a token, or on a port of its own (production serves it only so). */
  metrics?: MetricsExposure;
  /** Rate limits for the public; unset ones take the defaults (docs/ARCHITECTURE.md, "Rate limits"). */
  rateLimits?: Partial<RateLimitSettings>;
  /** Redis (REDIS_URL): what every gateway replica must share (rate limits, the response cache, persisted queries) lives there; without it, in memory. */
  redis?: { url: string; keyPrefix?: string };
  /** Express's `trust proxy` (TRUST_PROXY): which proxies' X-Forwarded-For gives the client's address. Default: none. */
  trustProxy?: boolean | number | string;
  /** The response cache for anonymous queries (default on; RESPONSE_CACHE=off turns it off). */
  responseCache?: boolean;
  /** How long the gateway trusts a user's memberships before reading them again (default 30 s, up to 10,000 users). */
  memberships?: { ttlMs?: number; max?: number };
  subscriptions?: {
    /** Operations at once on one WebSocket (default 100). */
    maxPerSocket?: number;
    /** WebSocket ping interval, to clients and to subgraphs (default 12 s). */
    keepAliveMs?: number;
    /** Bytes a socket may have unwritten before it is closed with 1013, too slow (default 4 MiB). */
    maxBufferedBytes?: number;
    /** Ceiling of the reconnect backoff to subgraphs (default 5 s). */
    maxRetryWaitMs?: number;
  };
  /**
   * Trusted documents (PERSISTED_DOCUMENTS): `off` (default here), `log` or `enforce` — the latter
   * refuses ad-hoc documents from anonymous and public callers. The configuration defaults to
   * `enforce` in production and `log` otherwise.
   */
  persistedDocuments?: PersistedDocumentsMode;
  /** Usage recording (USAGE_FLUSH_MS, USAGE_RETENTION_DAYS); needs the registry. */
  usage?: Partial<UsageSettings>;
  /** The hub's version (package.json): the version its own pages register as clients with. */
  hubVersion?: string;
  /** How long close() lets requests in flight finish before it cuts their connections (default 8 s). */
  shutdownGraceMs?: number;
  /** Pages served beside the GraphQL endpoint, the playground and the registry. */
  pages?: GatewayPage[];
  /** Where the gateway's logs go (default: the console, prefixed `[gateway]`). */
  logger?: Logger;
}

export interface Gateway {
  app: express.Express;
  httpServer: http.Server;
  metrics: Registry;
  /** Subscriptions: the broker (counts) and the upstream clients (their connections). */
  subscriptions: { broker: SubscriptionBroker; upstream: UpstreamClients };
  /** The subgraph registry, when the gateway runs with one. */
  registry: OpenRegistry | null;
  listen(port: number, host?: string): Promise<RunningServer>;
  close(): Promise<void>;
}
