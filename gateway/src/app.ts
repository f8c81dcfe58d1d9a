import express from 'express';
import http from 'node:http';
import { createLogger, listen } from '@kepuri/platform';
import { ClientTokens } from './auth';
import { ErrorMasking } from './error-masking';
import { startGraphQLServer } from './graphql-server';
import { DEFAULT_LIMITS, limitChecker } from './limits';
import { LoadedGraph } from './loaded-graph';
import { connectMemberships } from './memberships';
import { createMetrics, metricsServer } from './metrics';
import type { Gateway, GatewayOptions } from './options';
import { DEFAULT_RATE_LIMITS, RateLimits } from './rate-limits';
import { closeRedis, connectRedis } from './redis';
import { trustedDocuments } from './persisted-documents';
import { hubClients, openRegistry } from './registry';
import { DEFAULT_USAGE } from './usage';
import { responseCaching } from './response-cache';
import { mountRoutes } from './routes';
import { startSubscriptions, upstreamClients } from './subscriptions';
import { DEFAULT_MAX_BODY_BYTES } from './transport-errors';

export type { Gateway, GatewayOptions, GatewayPage } from './options';

/** The gateway, built from its parts; separate from listen() so tests bind port 0. */
export async function build(options: GatewayOptions): Promise<Gateway> {
  const logger = options.logger ?? createLogger('gateway');
  // The parts log plain messages; pino's methods need their logger bound.
  const log = { info: (message: string) => logger.info(message), error: (message: string) => logger.error(message) };
  if (!options.registry && !options.supergraphSdl) throw new Error('The gateway needs a registry database or a supergraph');
  const app = express().disable('x-powered-by').set('trust proxy', options.trustProxy ?? false);
  const httpServer = http.createServer(app);
  const metrics = createMetrics();
  const limits = limitChecker({ ...DEFAULT_LIMITS, ...options.limits });
  const masking = new ErrorMasking(options.development ?? false, log.error);
  const maxBodyBytes = options.maxBodyBytes ?? DEFAULT_MAX_BODY_BYTES;
  const redis = options.redis ? await connectRedis(options.redis.url, log.error) : null;
  const rateLimits = new RateLimits({ ...DEFAULT_RATE_LIMITS, ...options.rateLimits }, { redis, keyPrefix: options.redis?.keyPrefix ?? 'kepuri:' });
  const caching = responseCaching({ enabled: options.responseCache ?? true, redis, keyPrefix: options.redis?.keyPrefix ?? 'kepuri:', metrics });
  // Checks judge breaking changes by the usage the gateway keeps; the hub's own pages register as clients.
  const registry = options.registry
    ? await openRegistry(
      { usageDays: options.usage?.retentionDays ?? DEFAULT_USAGE.retentionDays, ...options.registry }, options.coreSubgraphs, options.subgraphUrls ?? {},
      (message) => log.info(`registry: ${message}`), hubClients(options.pages ?? [], options.hubVersion ?? '0.0.0'),
    )
    : null;
  const trusted = trustedDocuments(options, { registry, metrics, log });
  const loaded = new LoadedGraph(options.subgraphUrls ?? {}, new Set(options.coreSubgraphs.map((core) => core.name)), log.error);
  const graphql = await startGraphQLServer(options, { httpServer, metrics, registry, loaded, limits, rateLimits, masking, caching, trusted, logger, log: log.error }).catch(async (error: unknown) => {
    await trusted.stop();
    await registry?.close();
    await closeRedis(redis);
    throw error;
  });
  const upstream = upstreamClients(options, loaded, log.error);
  const memberships = connectMemberships({
    loaded, upstream, execute: graphql.execute, ttlMs: options.memberships?.ttlMs ?? 30_000, max: options.memberships?.max ?? 10_000, log: log.error,
  });
  const tokens = new ClientTokens({ secret: options.jwtSecret, requireExp: options.production ?? false, ...options.clientTokens });
  const authenticate = async (authorization: string | undefined) => memberships.check.verify(await tokens.verify(authorization));
  const subscriptions = startSubscriptions(options, {
    httpServer, loaded, graphql, upstream, authenticate, recheck: (identity, fresh) => memberships.check.verify(identity, fresh), limits, rateLimits, maxBodyBytes, metrics,
    adHocRefusal: trusted.adHocRefusal, log: log.error });
  // A membership change reaches open sockets at once (removed or lowered: closed with 4403).
  memberships.check.onForget((userSub) => void subscriptions.recheckUser(userSub));
  const metricsHttp = metricsServer(metrics);
  let closed = false;
  mountRoutes(app, options, { graphql, registry, metrics, authenticate, identify: (authorization) => tokens.verify(authorization), serving: () => !closed, masking, maxBodyBytes, log: log.error });

  return {
    app,
    httpServer,
    metrics,
    subscriptions,
    registry,
    async listen(port, host = '127.0.0.1') {
      const running = await listen(httpServer, port, host, '/graphql');
      if (options.metrics?.port !== undefined) await listen(metricsHttp, options.metrics.port, host, '/metrics');
      return running;
    },
    async close() {
      if (closed) return;
      closed = true;
      await subscriptions.close();
      memberships.stop();
      await graphql.apollo.stop();
      // What was counted since the last flush is written before the registry's database closes.
      await trusted.stop();
      await graphql.calls.close();
      await registry?.close();
      await closeRedis(redis);
      if (metricsHttp.listening) await new Promise<void>((resolve) => metricsHttp.close(() => resolve()));
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
