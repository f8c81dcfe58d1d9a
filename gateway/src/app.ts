import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer, type ApolloServerPlugin } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { ApolloServerPluginLandingPageLocalDefault } from '@apollo/server/plugin/landingPage/default';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import http from 'node:http';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { listen, type RunningServer } from '../../subgraphs/shared/src/server';
import { identify, identifyService } from './auth';
import { SERVICE_HEADER } from '../../subgraphs/shared/src/identity';
import type { GatewayContext } from './context';
import { SignedIdentityDataSource, fetcherWithTimeout } from './subgraph-source';

export interface GatewayOptions {
  /** The composed supergraph (schema/supergraph.graphql). */
  supergraphSdl: string;
  /** Subgraph name → URL, overriding the routing URLs inside the supergraph. */
  subgraphUrls?: Record<string, string>;
  jwtSecret: string;
  internalSecret: string;
  subgraphTimeoutMs?: number;
  /** Development only: stack traces in errors and the local landing page. */
  development?: boolean;
}

export interface Gateway {
  app: express.Express;
  httpServer: http.Server;
  metrics: Registry;
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
  const gateway = new ApolloGateway({
    supergraphSdl: options.supergraphSdl,
    buildService: ({ name, url }) => new SignedIdentityDataSource(options.subgraphUrls?.[name] ?? url!, options.internalSecret, fetcher),
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    includeStacktraceInErrorResponses: options.development ?? false,
    // Subgraphs may include stack traces of their own; outside development none leaves the gateway.
    formatError: (formatted) => {
      if (options.development || !formatted.extensions) return formatted;
      const { stacktrace: _stacktrace, exception: _exception, ...extensions } = formatted.extensions;
      return { ...formatted, extensions };
    },
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      options.development ? ApolloServerPluginLandingPageLocalDefault({ embed: true }) : ApolloServerPluginLandingPageDisabled(),
      metricsPlugin(metrics),
    ],
  });
  await apollo.start();
  let loaded = true;

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: 'gateway' });
  });
  app.get('/ready', (_req, res) => {
    res.status(loaded ? 200 : 503).json({ ready: loaded, service: 'gateway' });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.contentType).send(await metrics.metrics());
  });
  app.use(
    '/graphql',
    express.json({ limit: '1mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const service = req.headers[SERVICE_HEADER];
        if (typeof service === 'string') return { identity: await identifyService(service, options.internalSecret) };
        return { identity: await identify(req.headers.authorization, options.jwtSecret) };
      },
    }),
  );
  app.get('/', (_req, res) => res.redirect('/graphql'));

  let closed = false;
  return {
    app,
    httpServer,
    metrics,
    listen: (port, host = '127.0.0.1') => listen(httpServer, port, host, '/graphql'),
    async close() {
      if (closed) return;
      closed = true;
      loaded = false;
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}
