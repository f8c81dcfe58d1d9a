import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import type { Logger } from './logger';

/**
 * One `debug` line per GraphQL operation (name, kind, time, error codes). Off at the default level
 * `info`; with LOG_LEVEL=debug the gateway's line and each subgraph's line of one request share its
 * request id and trace id.
 */
export function requestLogPlugin<TContext extends BaseContext>(logger: Logger): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      if (!logger.isLevelEnabled('debug')) return;
      const started = performance.now();
      return {
        async willSendResponse({ operationName, operation, errors }) {
          logger.debug({
            operationName: operationName ?? null,
            operation: operation?.operation ?? null,
            ms: Math.round((performance.now() - started) * 10) / 10,
            errors: errors?.map((error) => String(error.extensions?.code ?? 'INTERNAL_SERVER_ERROR')) ?? [],
          }, 'graphql operation');
        },
      };
    },
  };
}
