import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import type { Registry } from 'prom-client';
import { SERVICE_HEADER, type Identity } from '@kepuri/platform';
import { identifyService } from './auth';
import type { ErrorMasking } from './error-masking';
import type { GraphQLServer } from './graphql-server';
import type { GatewayOptions } from './options';
import { metricsRoute } from './metrics';
import { mountPlayground } from './playground';
import type { OpenRegistry } from './registry';
import { registryRouter } from './registry/http';
import { graphqlTransport, notFound, transportErrorHandler } from './transport-errors';

export interface RouteParts {
  graphql: GraphQLServer;
  registry: OpenRegistry | null;
  metrics: Registry;
  authenticate(authorization: string | undefined): Promise<Identity>;
  /** The token's identity alone (no membership check): the registry's callers. */
  identify(authorization: string | undefined): Promise<Identity>;
  /** Readiness besides the registry's database: false once the gateway is closing. */
  serving(): boolean;
  masking: ErrorMasking;
  /** Bytes a request body may hold. */
  maxBodyBytes: number;
  log: (message: string) => void;
}

/**
 * The gateway's HTTP routes: health, readiness and metrics, the playground (before GraphQL: it
 * answers browsers' GET /graphql), GraphQL over HTTP, the pages it is given, and the registry API.
 */
export function mountRoutes(app: express.Express, options: GatewayOptions, parts: RouteParts): void {
  const { registry } = parts;
  app.use(parts.masking.middleware);
  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  app.get('/ready', async (_req, res) => {
    const ready = parts.serving() && (registry ? await registry.ping() : true);
    res.status(ready ? 200 : 503).json({ ready, service: 'gateway' });
  });
  app.get('/metrics', metricsRoute(parts.metrics, options.metrics ?? {}, options.production ?? false));
  mountPlayground(app, { endpoint: '/graphql', restricted: options.production ?? false });
  app.use(
    '/graphql',
    ...graphqlTransport(parts.maxBodyBytes),
    expressMiddleware(parts.graphql.apollo, {
      context: async ({ req }) => {
        // A subgraph's own lookup through the graph, signed as a service; everyone else by their token.
        const service = req.headers[SERVICE_HEADER];
        if (typeof service === 'string') return { identity: await identifyService(service, options.internalSecret) };
        return { identity: await parts.authenticate(req.headers.authorization), ip: req.ip };
      },
    }),
  );
  for (const page of options.pages ?? []) page.mount(app);
  app.get('/', (_req, res) => res.redirect('/graphql'));
  if (registry) {
    app.use(
      '/registry',
      registryRouter({
        registry: registry.registry,
        views: registry.views,
        afterClientChange: () => registry.documents.refresh(),
        identify: parts.identify,
        reserved: new Set(options.coreSubgraphs.map((core) => core.name)),
        defaultHosts: registry.defaultHosts,
        afterChange: () => registry.source.refresh(),
        log: parts.log,
      }),
    );
  }
  // Never Express's HTML pages: unknown paths and failures answer in JSON, without stack or paths.
  app.use(notFound);
  app.use(transportErrorHandler(parts.maxBodyBytes, parts.log));
}
