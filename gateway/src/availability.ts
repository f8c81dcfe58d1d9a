import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from './context';

/** Codes that say: nothing is wrong with the request, a part of the hub is out of reach for now. */
const RETRYABLE: ReadonlySet<unknown> = new Set(['SUBGRAPH_UNAVAILABLE', 'SERVICE_UNAVAILABLE']);

/**
 * An answer that failed as a whole only because a part of the hub is out of reach (no data, or every
 * root field null, and every error retryable) is HTTP 503 with Retry-After, so clients, proxies and load balancers retry; an
 * answer with data keeps 200, its errors naming what is missing.
 */
export function availabilityPlugin(retryAfterSeconds: number): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          const { data, errors } = response.body.singleResult;
          const nothing = !data || Object.values(data).every((value) => value === null);
          if (!nothing || !errors?.length || !errors.every((error) => RETRYABLE.has(error.extensions?.code))) return;
          response.http.status = 503;
          response.http.headers.set('retry-after', String(retryAfterSeconds));
        },
      };
    },
  };
}
