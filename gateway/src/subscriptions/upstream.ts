import { GraphQLError, type ExecutionResult } from 'graphql';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { IDENTITY_HEADER, signIdentity } from '@kepuri/platform';

export interface UpstreamOptions {
  internalSecret: string;
  /** Subgraph name → its HTTP /graphql URL (the WebSocket endpoint is the same URL, ws://). */
  url(subgraph: string): string | undefined;
  keepAliveMs?: number;
  /** Ceiling of the reconnect backoff. */
  maxRetryWaitMs?: number;
  log?: (message: string) => void;
}

export interface UpstreamSink {
  next(result: ExecutionResult): void;
  /** The subgraph refused the operation (GraphQL errors): retrying would not help. */
  refused(errors: readonly GraphQLError[]): void;
}

export interface UpstreamState {
  subgraph: string;
  connected: boolean;
  connects: number;
}

/** A graphql-ws `error` message carries GraphQL errors; anything else is a lost or closed connection. */
function isGraphQLErrors(error: unknown): error is Array<{ message: string; extensions?: Record<string, unknown> }> {
  return Array.isArray(error) && error.every((item) => item && typeof item === 'object' && 'message' in item);
}

/**
 * One graphql-ws client per subgraph, shared by every upstream subscription to it: lazy (opened by
 * the first subscription, closed after the last), keep-alive pings, and reconnection with backoff
 * forever. After a reconnect graphql-ws sends every active subscription again, so a subgraph
 * restart costs subscribers a gap, not their subscriptions. The gateway authenticates as the
 * `service` identity signed with the shared secret, fresh on every (re)connect.
 */
export class UpstreamClients {
  private readonly clients = new Map<string, Client>();
  private readonly states = new Map<string, UpstreamState>();
  private disposed = false;

  constructor(private readonly options: UpstreamOptions) {}

  state(): UpstreamState[] {
    return [...this.states.values()].map((state) => ({ ...state }));
  }

  /** Resolves once the subgraph's socket is connected (for tests and readiness); false on timeout. */
  async waitConnected(subgraph: string, timeoutMs: number): Promise<boolean> {
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.states.get(subgraph)?.connected) return true;
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    return false;
  }

  private client(subgraph: string): Client {
    const existing = this.clients.get(subgraph);
    if (existing) return existing;
    const url = this.options.url(subgraph);
    if (!url) throw new Error(`no URL for subgraph ${subgraph}`);
    const state: UpstreamState = { subgraph, connected: false, connects: 0 };
    this.states.set(subgraph, state);
    const maxWait = this.options.maxRetryWaitMs ?? 5_000;
    const client = createClient({
      url: url.replace(/^http/, 'ws'),
      webSocketImpl: WebSocket,
      lazy: true,
      lazyCloseTimeout: 1_000,
      keepAlive: this.options.keepAliveMs ?? 10_000,
      retryAttempts: Number.POSITIVE_INFINITY,
      shouldRetry: () => !this.disposed,
      retryWait: (retries) => new Promise((resolve) => setTimeout(resolve, Math.min(maxWait, 100 * 2 ** retries) * (0.5 + Math.random() / 2))),
      connectionParams: async () => ({ [IDENTITY_HEADER]: await signIdentity({ role: 'service', subgraph: 'gateway' }, this.options.internalSecret) }),
      on: {
        connected: () => {
          state.connected = true;
          state.connects += 1;
          if (state.connects > 1) this.options.log?.(`reconnected to ${subgraph}`);
        },
        closed: (event) => {
          if (state.connected && !this.disposed) this.options.log?.(`lost ${subgraph} (${(event as { code?: number }).code ?? 'closed'}); reconnecting`);
          state.connected = false;
        },
      },
    });
    this.clients.set(subgraph, client);
    return client;
  }

  /**
   * Subscribes upstream; returns the unsubscribe. Connection failures are retried by the client.
   * A fatal close (a close code graphql-ws never retries, e.g. 4401 when the secrets differ) is
   * retried here after a pause, so that a misconfigured subgraph fixed later is picked up.
   */
  subscribe(subgraph: string, query: string, sink: UpstreamSink): () => void {
    let stopped = false;
    let unsubscribe: (() => void) | null = null;
    let retry: NodeJS.Timeout | null = null;
    const start = () => {
      if (stopped || this.disposed) return;
      unsubscribe = this.client(subgraph).subscribe<Record<string, unknown>>({ query }, {
        next: (result) => sink.next(result as ExecutionResult),
        error: (error) => {
          unsubscribe = null;
          if (stopped || this.disposed) return;
          if (isGraphQLErrors(error)) {
            sink.refused(error.map((item) => new GraphQLError(item.message, { extensions: item.extensions })));
            return;
          }
          this.options.log?.(`upstream subscription to ${subgraph} failed (${describe(error)}); retrying`);
          retry = setTimeout(start, this.options.maxRetryWaitMs ?? 5_000);
          retry.unref();
        },
        complete: () => {
          unsubscribe = null;
        },
      });
    };
    start();
    return () => {
      stopped = true;
      if (retry) clearTimeout(retry);
      // After dispose the sockets are closing anyway; releasing the subscription now would only start
      // graphql-ws's lazy-close timer, which would keep a stopped gateway's process alive for a second.
      if (!this.disposed) unsubscribe?.();
    };
  }

  async dispose(): Promise<void> {
    this.disposed = true;
    // graphql-ws's dispose rethrows how a connection attempt under way ended (a close event): nothing to do about it now.
    await Promise.all([...this.clients.values()].map((client) => Promise.resolve(client.dispose()).catch(() => undefined)));
    this.clients.clear();
  }
}

function describe(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error) return `close ${(error as { code: number }).code}`;
  return error instanceof Error ? error.message : String(error);
}
