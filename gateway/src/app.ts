import { ApolloGateway, RemoteGraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import http from 'node:http';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { listen, type RunningServer, SERVICE_HEADER, type Identity, type SubgraphManifest } from '@kepuri/platform';
import { identify, identifyService } from './auth';
import type { GatewayContext } from './context';
import { SignedIdentityDataSource, fetcherWithTimeout } from './subgraph-source';
import type { GraphQLFormattedError, GraphQLSchema } from 'graphql';
import { DEFAULT_LIMITS, limitsPlugin, type OperationLimits } from './limits';
import { SubscriptionBroker } from './subscriptions/broker';
import { SubscriptionCatalog } from './subscriptions/catalog';
import { UpstreamClients } from './subscriptions/upstream';
import { attachSubscriptionServer } from './subscriptions/ws-server';
import { MembershipCheck, type MembershipRow } from './memberships';
import { accessPolicyPlugin, mountPlayground, policyRefusal } from './playground';
import { mountDashboard } from './dashboard';
import { openRegistry, type OpenRegistry, type RegistryOptions } from './registry';
import { registryRouter } from './registry/http';

export interface GatewayOptions {
  /**
   * The subgraph registry on the gateway's database: the supergraph comes from it (the core
   * subgraphs registered at start) and follows every publish without a restart.
   */
  registry?: RegistryOptions;
  /** A fixed supergraph instead of the registry (tools without a database). */
  supergraphSdl?: string;
  /**
   * The deployment's core subgraphs (subgraphs/manifest.json): registered at start, and the only ones
   * the gateway sends its signed identity to.
   */
  coreSubgraphs: SubgraphManifest;
  /** Subgraph name → URL, overriding the routing URLs inside the supergraph. */
  subgraphUrls?: Record<string, string>;
  jwtSecret: string;
  internalSecret: string;
  subgraphTimeoutMs?: number;
  /** Development only: stack traces in errors. */
  development?: boolean;
  /**
   * Production policy (NODE_ENV=production): introspection and the playground only for developer
   * and admin tokens. Off: open to everyone (development, test). Developer tokens are read-only either way.
   */
  production?: boolean;
  /** Depth and cost limits, the same on HTTP and WebSocket. */
  limits?: OperationLimits;
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

function metricsPlugin(metrics: Registry): ApolloServerPlugin<GatewayContext> {
  const requests = new Counter({ name: 'hub_graphql_requests_total', help: 'GraphQL requests', labelNames: ['outcome'], registers: [metrics] });
  const duration = new Histogram({
    name: 'hub_graphql_request_duration_seconds',
    help: 'GraphQL request duration at the gateway',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [metrics],
  });
  return {
    async requestDidStart() {
      const stop = duration.startTimer();
      return {
        async willSendResponse({ errors }) {
          stop();
          requests.inc({ outcome: errors?.length ? 'error' : 'ok' });
        },
      };
    },
  };
}

/** The gateway app: built separately from listen() so tests bind port 0. */
export async function build(options: GatewayOptions): Promise<Gateway> {
  const app = express();
  app.disable('x-powered-by');
  const httpServer = http.createServer(app);
  const metrics = new Registry();
  metrics.setDefaultLabels({ service: 'gateway' });
  collectDefaultMetrics({ register: metrics });

  const fetcher = fetcherWithTimeout(options.subgraphTimeoutMs ?? 10_000);
  const registry = options.registry
    ? await openRegistry(options.registry, options.coreSubgraphs, options.subgraphUrls ?? {}, (message) => console.log(`[gateway] registry: ${message}`))
    : null;
  if (!registry && !options.supergraphSdl) throw new Error('The gateway needs a registry database or a supergraph');
  // @apollo/gateway otherwise reports usage to Apollo every hour (and once more at stop) and probes
  // the cloud providers' metadata addresses at start. The hub runs on government networks, often cut
  // off from the internet, and sends nothing outside them; the library reads only this variable.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: registry ? registry.source.hook : options.supergraphSdl!,
    // The hub's signed identity goes to its own subgraphs only: a published ministry subgraph gets
    // none, so it never holds a header the core subgraphs would trust.
    buildService: ({ name, url }) =>
      options.coreSubgraphs.some((core) => core.name === name)
        ? new SignedIdentityDataSource(options.subgraphUrls?.[name] ?? url!, options.internalSecret, fetcher)
        : new RemoteGraphQLDataSource({ url: options.subgraphUrls?.[name] ?? url!, fetcher }),
  });
  // The API schema and supergraph in force, for the WebSocket endpoint (Apollo Server does not serve it).
  let apiSchema: GraphQLSchema | null = null;
  let catalog: SubscriptionCatalog | null = null;
  gateway.onSchemaLoadOrUpdate(({ apiSchema: schema, coreSupergraphSdl }) => {
    try {
      catalog = SubscriptionCatalog.build(schema, coreSupergraphSdl, options.subgraphUrls);
      apiSchema = schema;
    } catch (error) {
      console.error('[gateway] subscriptions: the new supergraph could not be read; keeping the previous one', error);
    }
  });
  const limits = options.limits ?? DEFAULT_LIMITS;
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: options.development ?? false,
    // index.ts stops the gateway on SIGINT/SIGTERM; Apollo's own handler would race it (see the subgraphs' server.ts).
    stopOnTerminationSignals: false,
    // Apollo would turn introspection off for everyone under NODE_ENV=production; the playground's policy decides instead.
    introspection: true,
    // Subgraphs may include stack traces of their own; outside development none leaves the gateway.
    formatError: (formatted) => {
      if (options.development || !formatted.extensions) return formatted;
      const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions;
      return { ...formatted, extensions };
    },
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      // The gateway serves its own offline playground (./playground), never Apollo's CDN-loaded page.
      ApolloServerPluginLandingPageDisabled(),
      accessPolicyPlugin(options.production ?? false),
      metricsPlugin(metrics),
      limitsPlugin(limits),
    ],
  });
  await apollo.start().catch(async (error: unknown) => {
    await registry?.close();
    throw error;
  });

  const executeOperation = async (
    request: { query: string; operationName?: string | null; variables?: Record<string, unknown> },
    identity: Identity,
    internal = false,
  ): Promise<{ data?: Record<string, unknown> | null; errors?: ReadonlyArray<GraphQLFormattedError> }> => {
    const response = await apollo.executeOperation(
      { query: request.query, operationName: request.operationName ?? undefined, variables: request.variables },
      { contextValue: { identity, internal } },
    );
    if (response.body.kind !== 'single') return { errors: [{ message: 'Incremental delivery is not offered over WebSocket' }] };
    return response.body.singleResult;
  };
  // The gateway asks the organizations subgraph, through its own query plan, as a service.
  const memberships = new MembershipCheck({
    ttlMs: options.memberships?.ttlMs ?? 30_000,
    max: options.memberships?.max ?? 10_000,
    lookup: async (userSub) => {
      const { data, errors } = await executeOperation(
        { query: 'query UserMemberships($userSub: String!) { userMemberships(userSub: $userSub) { organizationId role } }', variables: { userSub } },
        { role: 'service', subgraph: 'gateway' },
        true,
      );
      if (errors?.length || !data) throw new Error(errors?.[0]?.message ?? 'no answer');
      return data.userMemberships as MembershipRow[];
    },
  });
  const authenticate = async (authorization: string | undefined) => memberships.verify(await identify(authorization, options.jwtSecret));
  const subscriptionOptions = options.subscriptions ?? {};
  const upstream = new UpstreamClients({
    internalSecret: options.internalSecret,
    url: (name) => catalog?.subgraphs.get(name)?.url,
    keepAliveMs: subscriptionOptions.keepAliveMs ?? 12_000,
    maxRetryWaitMs: subscriptionOptions.maxRetryWaitMs ?? 5_000,
    log: (message) => console.error(`[gateway] subscriptions: ${message}`),
  });
  // Memberships changed at any instance of the organizations subgraph count at once at every gateway.
  const stopMembershipEvents = upstream.subscribe('organizations', 'subscription { membershipChanged }', {
    next: (result) => {
      const userSub = (result.data as { membershipChanged?: unknown } | null | undefined)?.membershipChanged;
      if (typeof userSub === 'string') memberships.forget(userSub);
    },
    refused: (errors) => console.error(`[gateway] memberships: the organizations subgraph refused membershipChanged: ${errors[0]?.message}`),
  });
  const broker = new SubscriptionBroker({
    catalog: () => catalog,
    upstream,
    // Each event's fields are fetched by a query through this gateway, as the subscriber.
    executor: (query, variables, identity) => executeOperation({ query, variables }, identity, true),
    queueLimit: 100,
    metrics,
    log: (message) => console.error(`[gateway] subscriptions: ${message}`),
  });
  const webSockets = attachSubscriptionServer({
    httpServer,
    schema: () => apiSchema,
    broker,
    authenticate,
    limits,
    maxOperationsPerSocket: subscriptionOptions.maxPerSocket ?? 100,
    maxBufferedBytes: subscriptionOptions.maxBufferedBytes ?? 4 * 2 ** 20,
    keepAliveMs: subscriptionOptions.keepAliveMs ?? 12_000,
    executeOperation: (request, identity) => executeOperation(request, identity),
    development: options.development ?? false,
    metrics,
    refuse: (document, operationName, identity) => policyRefusal(document, operationName, identity, options.production ?? false),
  });
  let loaded = true;

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  app.get('/ready', async (_req, res) => {
    const ready = loaded && (registry ? await registry.ping() : true);
    res.status(ready ? 200 : 503).json({ ready, service: 'gateway' });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.contentType).send(await metrics.metrics());
  });
  mountPlayground(app, { endpoint: '/graphql', restricted: options.production ?? false });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const service = req.headers[SERVICE_HEADER];
        if (typeof service === 'string') return { identity: await identifyService(service, options.internalSecret) };
        return { identity: await authenticate(req.headers.authorization) };
      },
    }),
  );
  mountDashboard(app);
  app.get('/', (_req, res) => res.redirect('/graphql'));
  if (registry) {
    app.use(
      '/registry',
      registryRouter({
        registry: registry.registry,
        jwtSecret: options.jwtSecret,
        afterChange: () => registry.source.refresh(),
        log: (message) => console.error(`[gateway] ${message}`),
      }),
    );
  }

  let closed = false;
  return {
    app,
    httpServer,
    metrics,
    subscriptions: { broker, upstream },
    registry,
    listen: (port, host = '127.0.0.1') => listen(httpServer, port, host, '/graphql'),
    async close() {
      if (closed) return;
      closed = true;
      loaded = false;
      // Upstream sockets first: releasing their subscriptions before (as closing the clients' sockets
      // does) would start graphql-ws's lazy-close timer (1 s), holding the process open after close().
      await upstream.dispose();
      await webSockets.close();
      stopMembershipEvents();
      broker.closeAll();
      await apollo.stop();
      await registry?.close();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
