import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import type { RedisClient } from '../redis';

/**
 * Apollo's KeyValueCache on the gateway's one Redis connection (gateway/src/redis.ts). A few lines
 * instead of @apollo/utils.keyvadapter + keyv + @keyv/redis: those would bring a second Redis client
 * and a second reconnect policy, and this one must fail the way the hub wants. A command that fails
 * (Redis down: the connection fails fast instead of queueing) is a miss on read and a dropped write, so
 * an outage costs the cache, never a request.
 */
export class RedisStore implements KeyValueCache<string> {
  constructor(
    private readonly client: RedisClient,
    private readonly onError: (error: unknown) => void,
  ) {}

  async get(key: string): Promise<string | undefined> {
    try {
      return (await this.client.get(key)) ?? undefined;
    } catch (error) {
      this.onError(error);
      return undefined;
    }
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    try {
      // Apollo's ttl is in seconds; none (or 0) means no expiry.
      const ttl = options?.ttl;
      await this.client.set(key, value, ttl ? { expiration: { type: 'PX', value: Math.ceil(ttl * 1000) } } : undefined);
    } catch (error) {
      this.onError(error);
    }
  }

  async delete(key: string): Promise<boolean> {
    try {
      return (await this.client.del(key)) > 0;
    } catch (error) {
      this.onError(error);
      return false;
    }
  }
}

/**
 * A local cache in front of a shared one, for values that never change under their key (persisted
 * query documents, keyed by their hash): read locally first, written to both. Apollo gives persisted
 * documents no expiry; in the shared store they get `sharedTtl` (anyone may register documents, and a
 * forgotten one is only registered again by its client), locally the LRU bounds them.
 */
export class TieredStore implements KeyValueCache<string> {
  constructor(
    private readonly local: KeyValueCache<string>,
    private readonly shared: KeyValueCache<string>,
    private readonly sharedTtl = 86_400,
  ) {}

  async get(key: string): Promise<string | undefined> {
    const local = await this.local.get(key);
    if (local !== undefined) return local;
    const shared = await this.shared.get(key);
    if (shared !== undefined) await this.local.set(key, shared);
    return shared;
  }

  async set(key: string, value: string, options?: KeyValueCacheSetOptions): Promise<void> {
    await Promise.all([this.local.set(key, value, options), this.shared.set(key, value, { ttl: options?.ttl || this.sharedTtl })]);
  }

  async delete(key: string): Promise<boolean> {
    const [local, shared] = await Promise.all([this.local.delete(key), this.shared.delete(key)]);
    return Boolean(local) || Boolean(shared);
  }
}
