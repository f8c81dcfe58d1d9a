import { hash } from 'node:crypto';
import type { ApolloServerPlugin, GraphQLRequestContext } from '@apollo/server';
import ApolloServerPluginResponseCache from '@apollo/server-plugin-response-cache';
import { InMemoryLRUCache, PrefixingKeyValueCache, type KeyValueCache } from '@apollo/utils.keyvaluecache';
import { Counter, type Registry } from 'prom-client';
import type { Identity } from '@kepuri/platform';
import type { GatewayContext } from '../context';
import type { RedisClient } from '../redis';
import { RedisStore, TieredStore } from './redis-store';

/**
 * Cached reads with bounded staleness. The policy of an answer is what the subgraphs declared: each
 * sends `cache-control` from its `@cacheControl` hints and @apollo/gateway keeps the most restrictive
 * (the shortest max-age, `private` if any is, nothing cacheable from a subgraph that sends none), so the
 * gateway names no field. On top, what only the gateway knows:
 *
 * - An answer to an identified caller (any token, or a subgraph's service call) is `private`: only the
 *   anonymous public's answers are the same for everyone. A mutation is never cacheable.
 * - The response cache (`@apollo/server-plugin-response-cache`) keeps anonymous HTTP queries' cacheable
 *   answers for their max-age — in this process's memory, or in Redis (`REDIS_URL`) so every replica
 *   serves the same entries. Identified callers never read or write it; neither do the gateway's own
 *   operations (subscription events' lookups, the membership check: `executeOperation`, no HTTP), so
 *   the live path always reads the subgraphs.
 * - Persisted query documents (APQ) are kept in the same store, so a document registered on one
 *   replica is known to all.
 *
 * HTTP then says it (Apollo's cache-control plugin): `max-age=N, public` for a cacheable anonymous
 * answer, with `age` when it came from the cache; `max-age=N, private` for an identified caller;
 * `no-store` for anything uncacheable, errors and mutations included; and `vary: authorization`, so a
 * CDN keeps the anonymous answer for anonymous requests only.
 */
export interface ResponseCaching {
  /** Apollo Server's cache: persisted query documents (and nothing else). */
  store: KeyValueCache<string>;
  plugins: ApolloServerPlugin<GatewayContext>[];
}

export interface ResponseCachingOptions {
  /** The response cache on (default) or off (RESPONSE_CACHE=off); the HTTP policy applies either way. */
  enabled: boolean;
  /** The gateway's Redis connection, when it has one: the cache is shared through it. */
  redis: RedisClient | null;
  /** Before every key the gateway writes to Redis. */
  keyPrefix: string;
  metrics: Registry;
}

export function isAnonymous(identity: Identity): boolean {
  return identity.role === 'public' && identity.sub === undefined && identity.org === undefined;
}

/** Only `__typename`/introspection at the root: answered by the gateway alone, never cacheable, not worth a lookup. */
function reachesSubgraphs(requestContext: GraphQLRequestContext<GatewayContext>): boolean {
  return requestContext.operation?.selectionSet.selections.some((selection) => selection.kind !== 'Field' || !selection.name.value.startsWith('__')) ?? false;
}

/** Whether an answer may come from, and go to, the shared cache: an anonymous HTTP query that reaches a subgraph. */
function shareable(requestContext: GraphQLRequestContext<GatewayContext>): boolean {
  const { request, contextValue, operation } = requestContext;
  return request.http !== undefined && !contextValue.internal && isAnonymous(contextValue.identity)
    && operation?.operation === 'query' && reachesSubgraphs(requestContext);
}

/** Who may share an answer, which only the gateway knows; and how it went, for /metrics. */
function sharingPlugin(lookups: Counter<'result'> | null): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      let looked = false;
      return {
        async didResolveOperation({ operation, contextValue, overallCachePolicy }) {
          // Subgraphs' hints speak for the data; these two speak for the caller and the operation.
          if (operation?.operation !== 'query') overallCachePolicy.restrict({ maxAge: 0 });
          else if (!isAnonymous(contextValue.identity)) overallCachePolicy.restrict({ scope: 'PRIVATE' });
        },
        async responseForOperation(requestContext) {
          looked = lookups !== null && shareable(requestContext);
          return null;
        },
        async willSendResponse({ request, response, metrics }) {
          if (looked) lookups?.inc({ result: metrics.responseCacheHit ? 'hit' : 'miss' });
          if (!request.http) return;
          const vary = response.http.headers.get('vary');
          response.http.headers.set('vary', vary ? `${vary}, authorization` : 'authorization');
        },
      };
    },
  };
}

export function responseCaching(options: ResponseCachingOptions): ResponseCaching {
  const lookups = new Counter({
    name: 'hub_response_cache_requests_total',
    help: 'Anonymous queries looked up in the response cache, by result (hit, miss).',
    labelNames: ['result'],
    registers: [options.metrics],
  });
  const storeErrors = new Counter({
    name: 'hub_response_cache_store_errors_total',
    help: 'Shared cache (Redis) commands that failed; each was a miss or a dropped write.',
    registers: [options.metrics],
  });
  const local = new InMemoryLRUCache<string>();
  const shared = options.redis
    ? new PrefixingKeyValueCache(new RedisStore(options.redis, () => storeErrors.inc()), options.keyPrefix)
    : local;
  const plugins: ApolloServerPlugin<GatewayContext>[] = [sharingPlugin(options.enabled ? lookups : null)];
  if (options.enabled) {
    plugins.push(ApolloServerPluginResponseCache<GatewayContext>({
      cache: shared,
      // No sessions: identified callers never touch the cache, so only anonymous answers are kept and a
      // PRIVATE one (a subgraph said so) is simply not stored.
      sessionId: async () => null,
      shouldReadFromCache: async (requestContext) => shareable(requestContext),
      shouldWriteToCache: async (requestContext) => shareable(requestContext),
      // The plugin's key with the document's sha256 (Apollo has it already) in place of its text: the
      // same key, without hashing the whole document again on every hit.
      generateCacheKey: (requestContext, keyData) => hash('sha256', JSON.stringify({ ...(keyData as object), source: requestContext.queryHash })),
    }));
  }
  // A persisted document never changes under its hash: read from memory first, Redis when another replica registered it.
  return { store: options.redis ? new TieredStore(local, shared) : local, plugins };
}
