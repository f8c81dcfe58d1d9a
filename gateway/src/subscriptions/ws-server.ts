import {
  GraphQLError, getOperationAST, specifiedRules, validate, type DocumentNode, type ExecutionArgs, type ExecutionResult,
  type GraphQLFormattedError, type GraphQLSchema,
} from 'graphql';
import type { Context } from 'graphql-ws';
import { useServer, type Extra } from 'graphql-ws/use/ws';
import { decodeJwt } from 'jose';
import proxyAddr from 'proxy-addr';
import type http from 'node:http';
import { Counter, Gauge, type Registry } from 'prom-client';
import type { WebSocketServer } from 'ws';
import { type Identity, WS_CLOSE, closeWebSocketServer, webSocketServer } from '@kepuri/platform';
import { withoutSuggestions, type LimitChecker } from '../limits';
import type { RateLimits } from '../rate-limits';
import type { SubscriptionBroker } from './broker';

export interface SubscriptionServerOptions {
  httpServer: http.Server;
  /** The API schema in force (null until the supergraph is loaded). */
  schema(): GraphQLSchema | null;
  broker: SubscriptionBroker;
  /** The caller's identity from `Bearer <JWT>`, exactly as for HTTP (token, then memberships). */
  authenticate(authorization: string | undefined): Promise<Identity>;
  /** The identity's memberships checked again (before each operation, and when they change). */
  recheck(identity: Identity, fresh: boolean): Promise<Identity>;
  limits: LimitChecker;
  rateLimits: RateLimits;
  /** Express's `trust proxy`, to read the client's address from the upgrade request as HTTP does. */
  trustProxy: boolean | number | string;
  /** Bytes one message may hold; a larger one closes the socket with 1009 (ws's default would be 100 MiB). */
  maxPayloadBytes: number;
  /** Operations at once on one socket (subscriptions, and queries in flight). */
  maxOperationsPerSocket: number;
  /** Bytes a socket may have waiting to be written before its subscriber counts as too slow (1013). */
  maxBufferedBytes: number;
  keepAliveMs: number;
  /** Queries and mutations over the socket run through the gateway like HTTP ones. */
  executeOperation(request: { query: string; operationName?: string | null; variables?: Record<string, unknown> }, identity: Identity, ip: string | undefined): Promise<{
    data?: Record<string, unknown> | null;
    errors?: ReadonlyArray<GraphQLFormattedError>;
  }>;
  development: boolean;
  /** Production: validation errors without "Did you mean …?" (the schema stays hidden). */
  hideSuggestions: boolean;
  metrics?: Registry;
  /** A policy refusal for this caller's valid operation (production introspection, read-only roles), or null. */
  refuse?(document: DocumentNode, operationName: string | null | undefined, identity: Identity, query: string): GraphQLError | null;
}

interface Connection {
  identity: Identity;
  /** When the client's token expires (epoch ms); the socket is closed with 4401 at the first event after it. */
  expiresAt: number | null;
  ip: string | undefined;
  socket: Extra['socket'];
}

interface OperationContext {
  identity: Identity;
  query: string;
  /** The graphql-ws operation id, for `next` messages sent by the broker. */
  id: string;
  socket: Extra['socket'];
  connection: Connection;
}

/**
 * A function that holds a socket's writes until the end of the current tick: the broker fans an event out in one
 * synchronous pass, so every message a socket gets for that event leaves in one write (a system
 * call per socket and event, not per subscription). Uses ws's underlying net.Socket when present.
 */
function corkingUntilNextTick(): (socket: Extra['socket']) => void {
  const corked = new Set<{ cork(): void; uncork(): void }>();
  return (socket) => {
    const raw = (socket as unknown as { _socket?: { cork(): void; uncork(): void } })._socket;
    if (!raw || corked.has(raw)) return;
    raw.cork();
    corked.add(raw);
    if (corked.size === 1) {
      process.nextTick(() => {
        for (const held of corked) held.uncork();
        corked.clear();
      });
    }
  };
}

/** The bearer token from connection_init: `{ authorization: "Bearer …" }` (as the HTTP header) or `{ token }`. */
function bearerFrom(params: Readonly<Record<string, unknown>> | undefined): string | undefined {
  const value = params?.authorization ?? params?.Authorization ?? (typeof params?.token === 'string' ? `Bearer ${params.token}` : undefined);
  return typeof value === 'string' ? value : undefined;
}

const coded = (message: string, code: string, extensions: Record<string, unknown> = {}) =>
  new GraphQLError(message, { extensions: { code, ...extensions } });

/** graphql-ws sends `error.toJSON()`; results from the gateway's executor are already formatted. */
function toGraphQLErrors(errors: ReadonlyArray<GraphQLFormattedError> | undefined): GraphQLError[] | undefined {
  return errors?.map((error) => new GraphQLError(error.message, { path: error.path, extensions: error.extensions }));
}

/**
 * Parsed and validated documents by query text, per schema: thousands of dashboards subscribe with
 * the same few documents, and a reconnect storm should not parse and validate each one again.
 */
class DocumentCache {
  private readonly entries = new Map<string, { document: DocumentNode } | { errors: GraphQLError[] }>();
  private schema: GraphQLSchema | null = null;

  constructor(private readonly size: number, private readonly limits: LimitChecker, private readonly hideSuggestions: boolean) {}

  check(schema: GraphQLSchema, query: string): { document: DocumentNode } | { errors: GraphQLError[] } {
    if (schema !== this.schema) {
      this.entries.clear();
      this.schema = schema;
    }
    const cached = this.entries.get(query);
    if (cached) return cached;
    let entry: { document: DocumentNode } | { errors: GraphQLError[] };
    try {
      const document = this.limits.parse(query);
      const invalid = validate(schema, document, specifiedRules);
      entry = invalid.length > 0
        ? {
          errors: invalid.map((error) => new GraphQLError(this.hideSuggestions ? withoutSuggestions(error.message) : error.message, {
            nodes: error.nodes, extensions: { code: 'GRAPHQL_VALIDATION_FAILED' },
          })),
        }
        : { document };
    } catch (error) {
      entry = { errors: [error instanceof GraphQLError && error.extensions.code ? error : coded((error as Error).message, 'GRAPHQL_PARSE_FAILED')] };
    }
    if (this.entries.size >= this.size) this.entries.delete(this.entries.keys().next().value!);
    this.entries.set(query, entry);
    return entry;
  }
}

/**
 * WebSocket /graphql on the gateway's own port, subprotocol graphql-transport-ws. connection_init
 * carries the same JWT as HTTP; operations get the same validation and the same depth and cost
 * limits; subscriptions go to the broker. Close codes: 4401 a token that is invalid or expired
 * (at connection_init, or at the first event after it expires), 4403 a token whose user does not act
 * for the organisation it claims, 1013 also when memberships cannot be checked, 4429 more operations at once than
 * a socket may hold, 1013 a subscriber too slow to keep up; graphql-ws's own 4400 (a message
 * that breaks the protocol), 4408 (no connection_init in time), 4409, 4500 (an internal error).
 */
export function attachSubscriptionServer(options: SubscriptionServerOptions): { wss: WebSocketServer; recheckUser(userSub: string): Promise<void>; close(): Promise<void> } {
  const wss = webSocketServer(options.httpServer, '/graphql', { maxPayload: options.maxPayloadBytes });
  const connections = new WeakMap<object, Connection>();
  /** Open sockets of users whose rights rest on memberships (organizer, supervisor), by user. */
  const byUser = new Map<string, Set<Connection>>();
  const trust = typeof options.trustProxy === 'boolean' ? () => options.trustProxy as boolean : proxyAddr.compile(String(options.trustProxy).split(',').map((value) => value.trim()));
  const addressOf = (request: http.IncomingMessage) =>
    typeof options.trustProxy === 'number' ? proxyAddr(request, (_address, hop) => hop < (options.trustProxy as number)) : proxyAddr(request, trust);
  /** Checks a socket's memberships again; a user who no longer acts for the claimed organisation is closed with 4403. */
  const recheck = async (connection: Connection, fresh = false): Promise<GraphQLError | null> => {
    try {
      await options.recheck(connection.identity, fresh);
      return null;
    } catch (error) {
      const refusal = error instanceof GraphQLError ? error : coded('The memberships could not be checked', 'DOWNSTREAM_SERVICE_ERROR');
      if (refusal.extensions.code === 'FORBIDDEN') {
        refused.inc({ reason: 'forbidden' });
        connection.socket.close(WS_CLOSE.forbidden, 'Forbidden: the token\'s user no longer acts for its organisation');
      }
      return refusal;
    }
  };
  const registers = options.metrics ? [options.metrics] : [];
  new Gauge({ name: 'hub_ws_connections', help: 'Open WebSocket connections on /graphql.', registers, collect() { this.set(wss.clients.size); } });
  const documents = new DocumentCache(1_000, options.limits, options.hideSuggestions);
  const corkUntilNextTick = corkingUntilNextTick();
  const refused = new Counter({ name: 'hub_ws_refused_total', help: 'WebSocket connections or operations refused, by reason.', labelNames: ['reason'], registers });

  const server = useServer<Record<string, unknown>, Record<PropertyKey, never>>(
    {
      onConnect: async (ctx) => {
        const authorization = bearerFrom(ctx.connectionParams);
        try {
          const identity = await options.authenticate(authorization);
          const exp = authorization ? decodeJwt(authorization.replace(/^Bearer\s+/i, '')).exp : undefined;
          const connection: Connection = { identity, expiresAt: typeof exp === 'number' ? exp * 1000 : null, ip: addressOf(ctx.extra.request), socket: ctx.extra.socket };
          connections.set(ctx, connection);
          if (identity.sub && (identity.role === 'organizer' || identity.role === 'supervisor')) {
            byUser.set(identity.sub, (byUser.get(identity.sub) ?? new Set()).add(connection));
          }
          return true;
        } catch (error) {
          const code = (error as { extensions?: { code?: string } }).extensions?.code;
          if (code === 'FORBIDDEN') {
            refused.inc({ reason: 'forbidden' });
            ctx.extra.socket.close(WS_CLOSE.forbidden, 'Forbidden: the token\'s user does not act for its organisation');
          } else if (code === 'DOWNSTREAM_SERVICE_ERROR') {
            refused.inc({ reason: 'unavailable' });
            ctx.extra.socket.close(WS_CLOSE.tryAgainLater, 'Try again later: memberships could not be checked');
          } else {
            refused.inc({ reason: 'unauthenticated' });
            ctx.extra.socket.close(WS_CLOSE.unauthorized, 'Unauthorized: the bearer token is invalid or expired');
          }
          return false;
        }
      },
      onClose: (ctx) => {
        const connection = connections.get(ctx);
        const held = connection?.identity.sub ? byUser.get(connection.identity.sub) : undefined;
        if (!connection || !held) return;
        held.delete(connection);
        if (held.size === 0) byUser.delete(connection.identity.sub!);
      },
      onSubscribe: async (ctx: Context<Record<string, unknown>, Extra>, id, payload) => {
        const connection = connections.get(ctx)!;
        if (Object.keys(ctx.subscriptions).length > options.maxOperationsPerSocket) {
          refused.inc({ reason: 'too_many' });
          ctx.extra.socket.close(WS_CLOSE.tooManySubscriptions, `Too many subscriptions: at most ${options.maxOperationsPerSocket} per socket`);
          return [coded(`At most ${options.maxOperationsPerSocket} operations per socket`, 'RATE_LIMITED')];
        }
        const schema = options.schema();
        if (!schema) return [coded('The gateway is not ready', 'INTERNAL_SERVER_ERROR')];
        const checked = documents.check(schema, payload.query);
        if ('errors' in checked) {
          refused.inc({ reason: 'invalid' });
          return checked.errors;
        }
        const { document } = checked;
        if (!getOperationAST(document, payload.operationName)) {
          // As over HTTP (transport-errors.ts): a request error, before anything runs.
          const message = payload.operationName ? `Unknown operation named "${payload.operationName}"` : 'Must provide operation name if query contains multiple operations';
          return [coded(message, 'OPERATION_RESOLUTION_FAILURE')];
        }
        const refusal = options.refuse?.(document, payload.operationName, connection.identity, payload.query);
        if (refusal) {
          refused.inc({ reason: 'policy' });
          return [refusal];
        }
        const tooComplex = options.limits.check(schema, document, payload.operationName, payload.variables);
        if (tooComplex.length > 0) {
          refused.inc({ reason: 'too_complex' });
          return tooComplex;
        }
        // A membership removed or lowered since connection_init counts from the next operation (and closes the socket).
        const revoked = await recheck(connection);
        if (revoked) return [revoked];
        const operation = getOperationAST(document, payload.operationName)!;
        // Queries and mutations meet the rate limits inside the gateway's executor (Apollo Server's plugins); subscriptions here.
        if (operation.operation === 'subscription') {
          const limited = await options.rateLimits.check({
            identity: connection.identity, ip: connection.ip, operation, cost: () => options.limits.cost(schema, document, payload.operationName, payload.variables),
          });
          if (limited) {
            refused.inc({ reason: 'rate_limited' });
            return [limited];
          }
        }
        const contextValue: OperationContext = { identity: connection.identity, query: payload.query, id, socket: ctx.extra.socket, connection };
        return {
          schema,
          document,
          operationName: payload.operationName,
          variableValues: payload.variables ?? {},
          contextValue,
        } satisfies ExecutionArgs;
      },
      execute: async (args: ExecutionArgs): Promise<ExecutionResult> => {
        const context = args.contextValue as OperationContext;
        const result = await options.executeOperation(
          { query: context.query, operationName: args.operationName, variables: (args.variableValues ?? {}) as Record<string, unknown> },
          context.identity,
          context.connection.ip,
        );
        return { data: result.data, errors: toGraphQLErrors(result.errors) };
      },
      subscribe: (args: ExecutionArgs) => {
        const context = args.contextValue as OperationContext;
        const { socket, connection } = context;
        // A graphql-transport-ws `next` message around a result serialized once for all its subscribers.
        const prefix = `{"id":${JSON.stringify(context.id)},"type":"next","payload":`;
        return options.broker.subscribe(
          {
            schema: args.schema,
            document: args.document,
            operationName: args.operationName,
            variables: (args.variableValues ?? {}) as Record<string, unknown>,
            identity: context.identity,
          },
          {
            // Per event: a subscriber whose token has expired gets no more events (4401).
            accept: () => {
              if (connection.expiresAt === null || Date.now() < connection.expiresAt) return true;
              socket.close(WS_CLOSE.unauthorized, 'Unauthorized: the bearer token has expired');
              return false;
            },
            send: (resultJson) => {
              if (socket.readyState !== socket.OPEN) return false;
              if (socket.bufferedAmount > options.maxBufferedBytes) {
                socket.close(WS_CLOSE.tryAgainLater, 'Subscriber too slow: too many undelivered events');
                return false;
              }
              corkUntilNextTick(socket);
              socket.send(`${prefix}${resultJson}}`);
              return true;
            },
            overflow: () => socket.close(WS_CLOSE.tryAgainLater, 'Subscriber too slow: too many undelivered events'),
          },
        );
      },
    },
    wss,
    options.keepAliveMs,
  );

  return {
    wss,
    async recheckUser(userSub) {
      await Promise.all([...(byUser.get(userSub) ?? [])].map((connection) => recheck(connection, true)));
    },
    close: () => closeWebSocketServer(wss, async () => server.dispose()),
  };
}
