import express from 'express';
import http from 'node:http';
import { listen } from '@kepuri/platform';
import { identify } from './auth';
import { startGraphQLServer } from './graphql-server';
import { DEFAULT_LIMITS } from './limits';
import { LoadedGraph } from './loaded-graph';
import { connectMemberships } from './memberships';
import { createMetrics } from './metrics';
import { CONSOLE_LOGGER, type Gateway, type GatewayOptions } from './options';
import { closeRedis, connectRedis } from './redis';
import { openRegistry } from './registry';
import { responseCaching } from './response-cache';
import { mountRoutes } from './routes';
import { startSubscriptions, upstreamClients } from './subscriptions';

export type { Gateway, GatewayOptions, GatewayPage } from './options';

/** The gateway, built from its parts; separate from listen() so tests bind port 0. */
export async function build(options: GatewayOptions): Promise<Gateway> {
  const logger = options.logger ?? CONSOLE_LOGGER;
  if (!options.registry && !options.supergraphSdl) throw new Error('The gateway needs a registry database or a supergraph');
  const app = express().disable('x-powered-by');
  const httpServer = http.createServer(app);
  const metrics = createMetrics();
  const limits = options.limits ?? DEFAULT_LIMITS;
  const redis = options.redis ? await connectRedis(options.redis.url, logger.error) : null;
  const caching = responseCaching({ enabled: options.responseCache ?? true, redis, keyPrefix: options.redis?.keyPrefix ?? 'kepuri:', metrics });
  const registry = options.registry
    ? await openRegistry(options.registry, options.coreSubgraphs, options.subgraphUrls ?? {}, (message) => logger.info(`registry: ${message}`))
    : null;
  const loaded = new LoadedGraph(options.subgraphUrls ?? {}, new Set(options.coreSubgraphs.map((core) => core.name)), logger.error);
  const graphql = await startGraphQLServer(options, { httpServer, metrics, registry, loaded, limits, caching }).catch(async (error: unknown) => {
    await registry?.close();
    await closeRedis(redis);
    throw error;
  });
  const upstream = upstreamClients(options, loaded, logger.error);
  const memberships = connectMemberships({
    loaded, upstream, execute: graphql.execute, ttlMs: options.memberships?.ttlMs ?? 30_000, max: options.memberships?.max ?? 10_000, log: logger.error,
  });
  const authenticate = async (authorization: string | undefined) => memberships.check.verify(await identify(authorization, options.jwtSecret));
  const subscriptions = startSubscriptions(options, { httpServer, loaded, graphql, upstream, authenticate, limits, metrics, log: logger.error });
  let closed = false;
  mountRoutes(app, options, { graphql, registry, metrics, authenticate, serving: () => !closed, log: logger.error });

  return {
    app,
    httpServer,
    metrics,
    subscriptions,
    registry,
    listen: (port, host = '127.0.0.1') => listen(httpServer, port, host, '/graphql'),
    async close() {
      if (closed) return;
      closed = true;
      await subscriptions.close();
      memberships.stop();
      await graphql.apollo.stop();
      await registry?.close();
      await closeRedis(redis);
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
