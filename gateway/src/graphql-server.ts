import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import type { GraphQLFormattedError } from 'graphql';
import type http from 'node:http';
import type { Registry } from 'prom-client';
import { requestLogPlugin, type Identity, type Logger } from '@kepuri/platform';
import { availabilityPlugin } from './availability';
import type { GatewayContext } from './context';
import type { ErrorMasking } from './error-masking';
import { limitsPlugin, suggestionsOffPlugin, type LimitChecker } from './limits';
import type { LoadedGraph } from './loaded-graph';
import { metricsPlugin } from './metrics';
import type { GatewayOptions } from './options';
import { accessPolicyPlugin } from './playground';
import { rateLimitsPlugin, type RateLimits } from './rate-limits';
import type { OpenRegistry } from './registry';
import { DEFAULT_SUBGRAPH_CALLS, SubgraphCalls } from './subgraph-calls';
import { HubDataSource, SignedSubgraphService } from './subgraph-service';
import { operationResolutionPlugin } from './transport-errors';
import type { ResponseCaching } from './response-cache';
import type { TrustedDocuments } from './persisted-documents';

export interface GraphQLRequest {
  query: string;
  operationName?: string | null;
  variables?: Record<string, unknown>;
}

export interface GraphQLResult {
  data?: Record<string, unknown> | null;
  errors?: ReadonlyArray<GraphQLFormattedError>;
}

export interface GraphQLServer {
  apollo: ApolloServer<GatewayContext>;
  /** Subgraph calls (their connection pool closes with the gateway). */
  calls: SubgraphCalls;
  /**
   * Runs an operation through the gateway's query planner as `identity`: the WebSocket endpoint's
   * queries, subscription events' lookups and the membership check. `internal` skips the limits
   * (event lookups whose parts passed them as the subscribers' own operations).
   */
  execute(request: GraphQLRequest, identity: Identity, internal?: boolean, ip?: string): Promise<GraphQLResult>;
}

/**
 * @apollo/gateway under Apollo Server: the supergraph from the registry (or a fixed one), subgraph
 * calls with a deadline and — to core subgraphs only — the caller's signed identity, and the hub's
 * plugins (access policy, metrics, limits). Started before it returns.
 */
export async function startGraphQLServer(
  options: GatewayOptions,
  parts: { httpServer: http.Server; metrics: Registry; registry: OpenRegistry | null; loaded: LoadedGraph; limits: LimitChecker; rateLimits: RateLimits; masking: ErrorMasking; caching: ResponseCaching;
    /** The registry's trusted documents (served ahead of APQ) and the plugins that apply the mode and record usage. */
    trusted: Pick<TrustedDocuments, 'store' | 'plugins'>;
    logger: Logger; log: (message: string) => void },
): Promise<GraphQLServer> {
  const calls = new SubgraphCalls(options.subgraphCalls ?? DEFAULT_SUBGRAPH_CALLS, parts.metrics);
  const urlOf = (name: string, url: string | undefined) => options.subgraphUrls?.[name] ?? url!;
  // @apollo/gateway otherwise reports usage to Apollo every hour (and once more at stop) and probes
  // the cloud providers' metadata addresses at start. The hub runs on government networks, often cut
  // off from the internet, and sends nothing outside them; the library reads only this variable.
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  const gateway = new ApolloGateway({
    supergraphSdl: parts.registry ? parts.registry.source.hook : options.supergraphSdl!,
    // The signed identity goes to core subgraphs only: a published subgraph never holds a header the core ones would trust.
    buildService: ({ name, url }) =>
      options.coreSubgraphs.some((core) => core.name === name)
        ? new SignedSubgraphService(urlOf(name, url), options.internalSecret, calls, name, parts.log)
        : new HubDataSource(urlOf(name, url), calls, name, parts.log, () => parts.registry?.hosts.allows(name, urlOf(name, url)) ?? true),
  });
  gateway.onSchemaLoadOrUpdate(parts.loaded.update);
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: options.development ?? false,
    // index.ts stops the gateway on SIGINT/SIGTERM; Apollo's own handler would race it (see the platform's server.ts).
    stopOnTerminationSignals: false,
    // Apollo would turn introspection off for everyone under NODE_ENV=production; the access policy decides instead.
    introspection: true,
    parseOptions: parts.limits.parseOptions,
    // Persisted queries' documents (shared through Redis when the gateway has it).
    cache: parts.caching.store,
    // A hash names a registered document first, then an automatic persisted query.
    persistedQueries: { cache: parts.trusted.store.persistedQueryStore(parts.caching.store) },
    // Outside development nothing unexpected, no stack trace and nothing of a subgraph leaves the gateway.
    formatError: parts.masking.formatError,
    plugins: [
      // At close: no new connections, requests in flight finish within the grace, idle keep-alive connections close.
      ApolloServerPluginDrainHttpServer({ httpServer: parts.httpServer, stopGracePeriodMillis: options.shutdownGraceMs ?? 8_000 }),
      // The gateway serves its own offline playground, never Apollo's CDN-loaded page.
      ApolloServerPluginLandingPageDisabled(),
      accessPolicyPlugin(options.production ?? false),
      ...parts.trusted.plugins,
      metricsPlugin(parts.metrics),
      requestLogPlugin(parts.logger),
      operationResolutionPlugin(),
      limitsPlugin(parts.limits),
      rateLimitsPlugin(parts.rateLimits, parts.limits),
      availabilityPlugin(Math.ceil((options.subgraphCalls ?? DEFAULT_SUBGRAPH_CALLS).breaker.halfOpenAfterMs / 1000)),
      ...(options.production ? [suggestionsOffPlugin<GatewayContext>()] : []),
      ...parts.caching.plugins,
    ],
  });
  await apollo.start();
  const server: GraphQLServer = {
    apollo,
    calls,
    async execute(request, identity, internal = false, ip) {
      // A WebSocket operation gets a request id of its own; lookups made within a request keep its id.
      if (!parts.masking.requestId) return parts.masking.run(() => server.execute(request, identity, internal, ip));
      const response = await apollo.executeOperation(
        { query: request.query, operationName: request.operationName ?? undefined, variables: request.variables },
        { contextValue: { identity, internal, ip } },
      );
      if (response.body.kind !== 'single') return { errors: [{ message: 'Incremental delivery is not offered over WebSocket' }] };
      return response.body.singleResult;
    },
  };
  return server;
}
