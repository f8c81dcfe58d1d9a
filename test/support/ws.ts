import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';

export interface ClosedSocket {
  code: number;
  reason: string;
}

/** The real graphql-ws client against a hub's WebSocket /graphql; records how the socket closed. */
export interface TestWsClient {
  client: Client;
  closed: Promise<ClosedSocket>;
  subscribe<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>): Subscription<T>;
  dispose(): Promise<void>;
}

export interface SubscriptionResult<T> {
  data?: T | null;
  errors?: Array<{ message: string; path?: Array<string | number>; extensions?: Record<string, unknown> }>;
}

/** One subscription's results as they arrive, to await in order. */
export interface Subscription<T> {
  results: Array<SubscriptionResult<T>>;
  /** Set when the subscription ended with an error (GraphQL errors, or the socket's close event). */
  error: unknown;
  completed: boolean;
  /** The next result not yet taken; rejects after `timeoutMs`. */
  next(timeoutMs?: number): Promise<SubscriptionResult<T>>;
  /** Resolves when the subscription has ended (error or complete). */
  ended(timeoutMs?: number): Promise<void>;
  unsubscribe(): void;
}

export function wsUrl(httpUrl: string): string {
  return httpUrl.replace(/^http/, 'ws');
}

export function connect(url: string, token?: string, options: { retryAttempts?: number } = {}): TestWsClient {
  let closedResolve!: (value: ClosedSocket) => void;
  const closed = new Promise<ClosedSocket>((resolve) => (closedResolve = resolve));
  const client = createClient({
    url: wsUrl(url),
    webSocketImpl: WebSocket,
    retryAttempts: options.retryAttempts ?? 0,
    connectionParams: token ? { authorization: `Bearer ${token}` } : {},
    on: { closed: (event) => closedResolve({ code: (event as { code: number }).code, reason: String((event as { reason?: string }).reason ?? '') }) },
  });
  return {
    client,
    closed,
    subscribe<T>(query: string, variables?: Record<string, unknown>): Subscription<T> {
      const results: Array<SubscriptionResult<T>> = [];
      let taken = 0;
      const waiters: Array<() => void> = [];
      const wake = () => waiters.splice(0).forEach((resolve) => resolve());
      const subscription: Subscription<T> = {
        results,
        error: undefined,
        completed: false,
        async next(timeoutMs = 5_000) {
          const deadline = Date.now() + timeoutMs;
          while (results.length <= taken) {
            if (subscription.error || subscription.completed) throw new Error(`subscription ended: ${JSON.stringify(subscription.error ?? 'complete')}`);
            const left = deadline - Date.now();
            if (left <= 0) throw new Error(`no result within ${timeoutMs} ms`);
            await new Promise<void>((resolve) => {
              const timer = setTimeout(resolve, left);
              waiters.push(() => {
                clearTimeout(timer);
                resolve();
              });
            });
          }
          return results[taken++];
        },
        async ended(timeoutMs = 5_000) {
          const deadline = Date.now() + timeoutMs;
          while (!subscription.error && !subscription.completed) {
            if (Date.now() > deadline) throw new Error(`subscription did not end within ${timeoutMs} ms`);
            await new Promise((resolve) => setTimeout(resolve, 10));
          }
        },
        unsubscribe: () => undefined,
      };
      subscription.unsubscribe = client.subscribe<T>({ query, variables }, {
        next: (result) => {
          results.push(result as SubscriptionResult<T>);
          wake();
        },
        error: (error) => {
          subscription.error = error;
          wake();
        },
        complete: () => {
          subscription.completed = true;
          wake();
        },
      });
      return subscription;
    },
    dispose: async () => client.dispose(),
  };
}

/** Waits `ms` and returns what arrived meanwhile: for asserting that nothing (more) came. */
export function settle(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
