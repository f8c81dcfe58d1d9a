import type { GraphQLError } from 'graphql';
import type http from 'node:http';
import type { Registry } from 'prom-client';
import type { Identity } from '@kepuri/platform';
import type { GraphQLServer } from '../graphql-server';
import type { LimitChecker } from '../limits';
import type { RateLimits } from '../rate-limits';
import { policyRefusal } from '../playground';
import type { LoadedGraph } from '../loaded-graph';
import type { GatewayOptions } from '../options';
import { SubscriptionBroker } from './broker';
import { UpstreamClients } from './upstream';
import { attachSubscriptionServer } from './ws-server';

export interface Subscriptions {
  broker: SubscriptionBroker;
  upstream: UpstreamClients;
  /** Checks again the open sockets of a user whose memberships changed (closing those no longer allowed with 4403). */
  recheckUser(userSub: string): Promise<void>;
  close(): Promise<void>;
}

export interface SubscriptionParts {
  httpServer: http.Server;
  loaded: LoadedGraph;
  graphql: GraphQLServer;
  upstream: UpstreamClients;
  authenticate(authorization: string | undefined): Promise<Identity>;
  recheck(identity: Identity, fresh: boolean): Promise<Identity>;
  limits: LimitChecker;
  rateLimits: RateLimits;
  /** Bytes a WebSocket message may hold (the HTTP body limit). */
  maxBodyBytes: number;
  metrics: Registry;
  /** Trusted documents under `enforce`: an ad-hoc document of an anonymous or public caller is refused (as over HTTP). */
  adHocRefusal?(query: string, identity: Identity): GraphQLError | null;
  log: (message: string) => void;
}

/** One graphql-ws client per subgraph, shared by the broker and the membership events. */
export function upstreamClients(options: GatewayOptions, loaded: LoadedGraph, log: (message: string) => void): UpstreamClients {
  return new UpstreamClients({
    internalSecret: options.internalSecret,
    url: (name) => loaded.catalog?.subgraphs.get(name)?.url,
    keepAliveMs: options.subscriptions?.keepAliveMs ?? 12_000,
    maxRetryWaitMs: options.subscriptions?.maxRetryWaitMs ?? 5_000,
    log: (message) => log(`subscriptions: ${message}`),
  });
}

/**
 * WebSocket /graphql on the gateway's port: the graphql-ws server, and the broker that subscribes
 * upstream once per subgraph and topic and resolves each event through the gateway's query plans.
 */
export function startSubscriptions(options: GatewayOptions, parts: SubscriptionParts): Subscriptions {
  const settings = options.subscriptions ?? {};
  const broker = new SubscriptionBroker({
    catalog: () => parts.loaded.catalog,
    upstream: parts.upstream,
    // Each event's fields are fetched by a query through this gateway, as the subscriber.
    executor: (query, variables, identity) => parts.graphql.execute({ query, variables }, identity, true),
    queueLimit: 100,
    metrics: parts.metrics,
    log: (message) => parts.log(`subscriptions: ${message}`),
  });
  const webSockets = attachSubscriptionServer({
    httpServer: parts.httpServer,
    schema: () => parts.loaded.apiSchema,
    broker,
    authenticate: parts.authenticate,
    recheck: parts.recheck,
    limits: parts.limits,
    rateLimits: parts.rateLimits,
    trustProxy: options.trustProxy ?? false,
    maxPayloadBytes: parts.maxBodyBytes,
    maxOperationsPerSocket: settings.maxPerSocket ?? 100,
    maxBufferedBytes: settings.maxBufferedBytes ?? 4 * 2 ** 20,
    keepAliveMs: settings.keepAliveMs ?? 12_000,
    executeOperation: (request, identity, ip) => parts.graphql.execute(request, identity, false, ip),
    development: options.development ?? false,
    hideSuggestions: options.production ?? false,
    metrics: parts.metrics,
    refuse: (document, operationName, identity, query) =>
      policyRefusal(document, operationName, identity, options.production ?? false) ?? parts.adHocRefusal?.(query, identity) ?? null,
  });
  return {
    broker,
    upstream: parts.upstream,
    recheckUser: (userSub) => webSockets.recheckUser(userSub),
    async close() {
      // Upstream sockets first: releasing their subscriptions before (as closing the clients' sockets
      // does) would start graphql-ws's lazy-close timer (1 s), holding the process open after close().
      await parts.upstream.dispose();
      await webSockets.close();
      broker.closeAll();
    },
  };
}
