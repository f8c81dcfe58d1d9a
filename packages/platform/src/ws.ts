import { createSourceEventStream, execute, type ExecutionArgs, type ExecutionResult } from 'graphql';
import type http from 'node:http';
import { WebSocketServer } from 'ws';

/**
 * Maps an async iterable value by value. Unlike an async generator, `return()` reaches the source at
 * once even while a `next()` is waiting, so an unsubscribe never waits for the next event.
 */
export function mapAsyncIterable<T, U>(source: AsyncIterable<T>, map: (value: T) => U | Promise<U>): AsyncIterableIterator<U> {
  const iterator = source[Symbol.asyncIterator]();
  return {
    async next() {
      const result = await iterator.next();
      return result.done ? { done: true, value: undefined } : { done: false, value: await map(result.value) };
    },
    async return() {
      await iterator.return?.();
      return { done: true, value: undefined };
    },
    async throw(error: unknown) {
      if (iterator.throw) {
        const result = await iterator.throw(error);
        return result.done ? { done: true, value: undefined } : { done: false, value: await map(result.value) };
      }
      throw error;
    },
    [Symbol.asyncIterator]() {
      return this;
    },
  };
}

/**
 * graphql-js `subscribe`, except that every event executes with a context of its own: a context
 * holds per-request DataLoaders, and one shared across the events of a long subscription would
 * serve the second event from the first one's cache.
 */
export async function subscribeWithFreshContext(
  args: ExecutionArgs,
  contextForEvent: () => unknown,
): Promise<AsyncIterableIterator<ExecutionResult> | ExecutionResult> {
  const stream = await createSourceEventStream(args);
  if (!(Symbol.asyncIterator in stream)) return stream as ExecutionResult;
  return mapAsyncIterable(stream as AsyncIterable<unknown>, (payload) =>
    execute({ ...args, rootValue: payload, contextValue: contextForEvent() }) as ExecutionResult | Promise<ExecutionResult>);
}

/** The largest message a WebSocket endpoint takes unless told otherwise (ws's own default is 100 MiB). */
export const DEFAULT_MAX_WS_PAYLOAD = 2_000_000;

/** A WebSocket endpoint on an existing HTTP server (same port), at one path; a larger message closes the socket with 1009. */
export function webSocketServer(httpServer: http.Server, path: string, options: { maxPayload?: number } = {}): WebSocketServer {
  return new WebSocketServer({ server: httpServer, path, maxPayload: options.maxPayload ?? DEFAULT_MAX_WS_PAYLOAD });
}

/**
 * Closes a WebSocket server: `dispose` (graphql-ws closes every socket with 1001 Going away), then
 * sockets that have not finished their closing handshake after `graceMs` are cut, so that
 * `httpServer.close()` (which waits for every connection, upgraded ones included) cannot hang.
 */
export async function closeWebSocketServer(wss: WebSocketServer, dispose: () => Promise<void>, graceMs = 1_000): Promise<void> {
  const sockets = [...wss.clients];
  await Promise.race([dispose().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, graceMs).unref())]);
  const deadline = Date.now() + graceMs;
  while (sockets.some((socket) => socket.readyState !== socket.CLOSED) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  for (const socket of sockets) if (socket.readyState !== socket.CLOSED) socket.terminate();
}
