import { createClient } from '@redis/client';

/** `started()`: whether the first connection succeeded; before it, a failure ends the attempt (start refuses) instead of retrying. */
function createGatewayClient(url: string, started: () => boolean) {
  return createClient({
    url,
    disableOfflineQueue: true,
    socket: {
      connectTimeout: 2_000,
      // A new Error, not `cause`: node-redis tests `instanceof Error`, and `cause` may come from another realm (jest's sandbox).
      reconnectStrategy: (retries: number, cause: Error) => (started() ? Math.min(100 * 2 ** retries, 5_000) : new Error(cause.message)),
    },
  });
}

export type RedisClient = ReturnType<typeof createGatewayClient>;

/**
 * The gateway's one Redis connection (REDIS_URL), shared by what every gateway replica must agree on
 * (the response cache, rate limits). It reconnects with backoff; while it is down, commands fail at
 * once instead of queueing, so a Redis outage costs the shared state, not requests' latency.
 */
export async function connectRedis(url: string, log: (message: string) => void): Promise<RedisClient> {
  let reported = false;
  let started = false;
  const client = createGatewayClient(url, () => started);
  client.on('error', (error: Error) => {
    // node-redis emits an error per failed reconnect; one line per outage is enough.
    if (!reported) log(`redis: ${error.message}; reconnecting`);
    reported = true;
  });
  client.on('ready', () => {
    if (reported) log('redis: connected again');
    reported = false;
  });
  try {
    await client.connect();
  } catch (error) {
    throw new Error(`Redis at ${url.replace(/\/\/[^@]*@/, '//')} cannot be reached: ${(error as Error).message}`);
  }
  started = true;
  return client;
}

/** Closes a connection whatever its state (a client that never connected has nothing to close). */
export async function closeRedis(client: RedisClient | null): Promise<void> {
  if (!client?.isOpen) return;
  await client.close().catch(() => client.destroy());
}
