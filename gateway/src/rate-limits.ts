import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError, Kind, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { RateLimiterMemory, RateLimiterRedis, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { Identity } from '@kepuri/platform';
import type { GatewayContext } from './context';
import type { LimitChecker } from './limits';
import type { RedisClient } from './redis';

/**
 * Rate limits for the public (docs/ARCHITECTURE.md, "Rate limits"), per window of `windowSeconds`:
 * mutation fields a public user (a token with `sub`) may send, mutation fields the public may send
 * from one IP address, and the operation cost anonymous callers may spend from one IP address.
 * Accounts the hub issued to organisations, the host and publishers answer for their own use and
 * are not limited here; the gateway's own lookups never are.
 */
export interface RateLimitSettings {
  windowSeconds: number;
  mutationsPerUser: number;
  mutationsPerIp: number;
  anonymousCostPerIp: number;
}

export const DEFAULT_RATE_LIMITS: RateLimitSettings = { windowSeconds: 60, mutationsPerUser: 60, mutationsPerIp: 600, anonymousCostPerIp: 300_000 };

type LimitName = 'mutationsPerUser' | 'mutationsPerIp' | 'anonymousCostPerIp';

/** Who asks and what: the operation's type, its root fields and its cost. */
export interface RateLimitedCall {
  identity: Identity;
  ip: string | undefined;
  operation: OperationDefinitionNode;
  /** The operation's cost (asked only for anonymous callers). */
  cost: () => number;
}

const rootFields = (operation: OperationDefinitionNode) => operation.selectionSet.selections.filter((selection) => selection.kind === Kind.FIELD).length || 1;

export class RateLimits {
  private readonly limiters: Record<LimitName, RateLimiterAbstract>;

  /**
   * With `redis` the counters live there, shared by every gateway (an in-memory limiter stands in
   * while Redis is unreachable, so an outage costs the sharing, not the limits); without it, in memory.
   */
  constructor(readonly settings: RateLimitSettings, store: { redis: RedisClient | null; keyPrefix: string }) {
    const limiter = (name: LimitName): RateLimiterAbstract => {
      const options = { points: settings[name], duration: settings.windowSeconds, keyPrefix: `${store.keyPrefix}rate:${name}` };
      const memory = new RateLimiterMemory(options);
      return store.redis ? new RateLimiterRedis({ ...options, storeClient: store.redis, useRedisPackage: true, insuranceLimiter: memory }) : memory;
    };
    this.limiters = { mutationsPerUser: limiter('mutationsPerUser'), mutationsPerIp: limiter('mutationsPerIp'), anonymousCostPerIp: limiter('anonymousCostPerIp') };
  }

  /** RATE_LIMITED for a call over a limit (its points are spent all the same), or null. */
  async check(call: RateLimitedCall): Promise<GraphQLError | null> {
    if (call.identity.role !== 'public') return null;
    const ip = call.ip ?? 'unknown';
    const consume: Array<[LimitName, string, number]> = [];
    if (call.operation.operation === 'mutation') {
      const fields = rootFields(call.operation);
      if (call.identity.sub) consume.push(['mutationsPerUser', call.identity.sub, fields]);
      consume.push(['mutationsPerIp', ip, fields]);
    }
    if (!call.identity.sub) consume.push(['anonymousCostPerIp', ip, Math.max(1, Math.ceil(call.cost()))]);
    for (const [name, key, points] of consume) {
      try {
        await this.limiters[name].consume(key, points);
      } catch (refusal) {
        if (!(refusal instanceof RateLimiterRes)) throw refusal;
        return rateLimited(name, this.settings, refusal.msBeforeNext);
      }
    }
    return null;
  }
}

function rateLimited(name: LimitName, settings: RateLimitSettings, msBeforeNext: number): GraphQLError {
  const retryAfter = Math.max(1, Math.ceil(msBeforeNext / 1000));
  const what = {
    mutationsPerUser: `${settings.mutationsPerUser} mutation fields per user`,
    mutationsPerIp: `${settings.mutationsPerIp} mutation fields per address`,
    anonymousCostPerIp: `operations costing ${settings.anonymousCostPerIp} per address without a token`,
  }[name];
  // Typed loosely: graphql-yoga (a dev dependency, for bench:gateways) narrows `http.headers` to a record
  // for every program, while Apollo Server wants a HeaderMap.
  const extensions: Record<string, unknown> = { code: 'RATE_LIMITED', limit: name, retryAfter, http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfter)]]) } };
  return new GraphQLError(`Too many requests: at most ${what} every ${settings.windowSeconds} s; retry after ${retryAfter} s`, { extensions });
}

/** The limits on HTTP (and on WebSocket queries and mutations, which run through Apollo Server too), before anything is planned. */
export function rateLimitsPlugin(limits: RateLimits, checker: LimitChecker): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, operation, request, contextValue }) {
          if (contextValue.internal || !operation) return;
          const refusal = await limits.check({
            identity: contextValue.identity,
            ip: contextValue.ip,
            operation,
            cost: () => checker.cost(schema, document as DocumentNode, request.operationName, request.variables),
          });
          if (refusal) throw refusal;
        },
      };
    },
  };
}
