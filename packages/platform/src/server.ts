import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { ApolloServerPluginDrainHttpServer } from '@apollo/server/plugin/drainHttpServer';
import { ApolloServerPluginInlineTraceDisabled, ApolloServerPluginLandingPageDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import express from 'express';
import { GraphQLError, type GraphQLSchema } from 'graphql';
import { useServer } from 'graphql-ws/use/ws';
import http from 'node:http';
import type { Registry } from 'prom-client';
import type { AddressInfo } from 'node:net';
import { formatInfrastructureError } from './availability';
import { hubError } from './errors';
import { IDENTITY_HEADER, secretKey, verifyIdentity, type Identity } from './identity';
import { closeWebSocketServer, subscribeWithFreshContext, webSocketServer } from './ws';
import { REQUEST_ID_HEADER, withRequestId } from './logger';

/** Close codes of the graphql-transport-ws endpoints (besides the protocol's own). */
export const WS_CLOSE = { unauthorized: 4401, forbidden: 4403, tooManySubscriptions: 4429, tryAgainLater: 1013 } as const;

export interface SubgraphServerOptions<TContext extends BaseContext> {
  name: string;
  schema: GraphQLSchema;
  internalSecret: string;
  /** Builds the per-request context (fresh DataLoaders) for a verified caller. */
  createContext: (identity: Identity) => TContext;
  /** Readiness: migrations applied and the database answering. */
  isReady: () => Promise<boolean>;
  includeStacktrace: boolean;
  /** This server's own metrics registry (one per server, so tests can run several in a process). */
  metrics: Registry;
  plugins?: ApolloServerPlugin<TContext>[];
  /** graphql-ws keep-alive (ping) interval on /graphql. */
  keepAliveMs?: number;
}

export interface RunningServer {
  url: string;
  port: number;
  close(): Promise<void>;
}

export interface SubgraphServer {
  app: express.Express;
  httpServer: http.Server;
  listen(port: number, host?: string): Promise<RunningServer>;
  stop(): Promise<void>;
}

/**
 * The HTTP side every subgraph shares: /graphql (only for callers the gateway signed), /health,
 * /ready and /metrics; and WebSocket /graphql (graphql-transport-ws) for the subscriptions, whose
 * connection_init payload carries the gateway's signature in `x-hub-identity`. Built separately
 * from listen() so tests bind port 0.
 */
export async function createSubgraphServer<TContext extends BaseContext>(
  options: SubgraphServerOptions<TContext>,
): Promise<SubgraphServer> {
  const app = express();
  app.disable('x-powered-by');
  // Made once: every request's identity is verified with it.
  const internalKey = secretKey(options.internalSecret);
  // The gateway's request id (a correlation id, nothing more): what this request logs carries it.
  app.use((req, _res, next) => {
    const requestId = req.headers[REQUEST_ID_HEADER];
    if (typeof requestId === 'string' && /^[\w-]{1,100}$/.test(requestId)) withRequestId(requestId, next);
    else next();
  });
  const httpServer = http.createServer(app);
  const apollo = new ApolloServer<TContext>({
    schema: options.schema,
    includeStacktraceInErrorResponses: options.includeStacktrace,
    // The process stops the server itself (run.ts): Apollo's own SIGTERM handler would start a second
    // stop whose barrier the first never releases, leaving the process to its 10 s forced exit.
    stopOnTerminationSignals: false,
    formatError: formatInfrastructureError,
    plugins: [
      ApolloServerPluginDrainHttpServer({ httpServer }),
      ApolloServerPluginLandingPageDisabled(),
      // Traces go to /metrics and logs, not into every response the gateway has to parse.
      ApolloServerPluginInlineTraceDisabled(),
      ...(options.plugins ?? []),
    ],
  });
  await apollo.start();

  app.get('/health', (_req, res) => {
    res.json({ status: 'ok', service: options.name });
  });
  app.get('/ready', async (_req, res) => {
    const ready = await options.isReady().catch(() => false);
    res.status(ready ? 200 : 503).json({ ready, service: options.name });
  });
  app.get('/metrics', async (_req, res) => {
    res.type(options.metrics.contentType).send(await options.metrics.metrics());
  });
  app.use(
    '/graphql',
    express.json({ limit: '2mb' }),
    expressMiddleware(apollo, {
      context: async ({ req }) => {
        const header = req.headers[IDENTITY_HEADER];
        const identity = await verifyIdentity(typeof header === 'string' ? header : undefined, internalKey);
        if (!identity) throw hubError('UNAUTHENTICATED', `${options.name} answers only requests signed by the gateway`);
        return options.createContext(identity);
      },
    }),
  );

  // Subscriptions: the gateway is the only client; a socket without its signature is closed with 4401.
  const wss = webSocketServer(httpServer, '/graphql');
  const identities = new WeakMap<object, Identity>();
  const contexts = new WeakMap<object, Identity>();
  const ws = useServer(
    {
      schema: options.schema,
      onConnect: async (ctx) => {
        const token = ctx.connectionParams?.[IDENTITY_HEADER];
        const identity = await verifyIdentity(typeof token === 'string' ? token : undefined, internalKey);
        if (!identity) {
          ctx.extra.socket.close(WS_CLOSE.unauthorized, 'Unauthorized');
          return false;
        }
        identities.set(ctx, identity);
        return true;
      },
      context: (ctx) => {
        const identity = identities.get(ctx);
        if (!identity) throw new GraphQLError('not authenticated');
        const context = options.createContext(identity);
        contexts.set(context, identity);
        return context;
      },
      subscribe: (args) => subscribeWithFreshContext(args, () => options.createContext(contexts.get(args.contextValue as object)!)),
    },
    wss,
    options.keepAliveMs,
  );

  let stopped = false;
  return {
    app,
    httpServer,
    listen: (port, host = '127.0.0.1') => listen(httpServer, port, host, '/graphql'),
    async stop() {
      if (stopped) return;
      stopped = true;
      await closeWebSocketServer(wss, async () => ws.dispose());
      await apollo.stop();
      if (httpServer.listening) await new Promise<void>((resolve) => httpServer.close(() => resolve()));
    },
  };
}

export function listen(httpServer: http.Server, port: number, host: string, path: string): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(port, host, () => {
      httpServer.off('error', reject);
      const address = httpServer.address() as AddressInfo;
      const hostForUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve({
        url: `http://${hostForUrl}:${address.port}${path}`,
        port: address.port,
        close: () => new Promise<void>((done) => (httpServer.listening ? httpServer.close(() => done()) : done())),
      });
    });
  });
}

