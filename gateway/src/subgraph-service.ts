import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import type { KeyObject } from 'node:crypto';
import { IDENTITY_HEADER, REQUEST_ID_HEADER, currentRequestId, secretKey, signIdentity } from '@kepuri/platform';
import type { GatewayContext } from './context';
import type { SubgraphCalls } from './subgraph-calls';

/**
 * A subgraph call as the hub makes it (through SubgraphCalls: deadline, circuit breaker, keep-alive):
 * a subgraph that cannot be reached, times out or is failing reaches the client as
 * SUBGRAPH_UNAVAILABLE naming it; an answer that is not GraphQL as DOWNSTREAM_SERVICE_ERROR; neither
 * carries the subgraph's address or raw body (logged instead).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export class HubDataSource<TContext extends Record<string, any> = GatewayContext> extends RemoteGraphQLDataSource<TContext> {
  /** `allowed`: whether the URL's host is approved for this subgraph now; nothing is sent to one that is not. */
  constructor(
    url: string,
    private readonly calls: SubgraphCalls,
    private readonly name: string,
    private readonly log: (message: string) => void,
    private readonly allowed: () => boolean = () => true,
  ) {
    super({ url, fetcher: calls.fetcher(name) });
  }

  override willSendRequest(_options: GraphQLDataSourceProcessOptions<TContext>): void | Promise<void> {
    if (this.allowed()) return;
    this.log(`subgraph ${this.name}: ${this.url} is not an approved host for it; nothing sent`);
    throw new GraphQLError('A service of the hub is not available', { extensions: { code: 'DOWNSTREAM_SERVICE_ERROR' } });
  }

  override async errorFromResponse(response: FetcherResponse): Promise<GraphQLError> {
    return new GraphQLError(`HTTP ${response.status} ${response.statusText} from ${response.url}`);
  }

  override didEncounterError(error: Error): void {
    this.log(`subgraph ${this.name} (${this.url}): ${error.message}`);
    throw this.calls.unavailable(this.name, error)
      ?? new GraphQLError('A service of the hub did not answer; try again later', { extensions: { code: 'DOWNSTREAM_SERVICE_ERROR' } });
  }
}

/**
 * Calls one core subgraph, forwarding the caller's verified identity signed with the secret the
 * gateway shares with subgraphs (one signature per client request, reused for every fetch).
 */
export class SignedSubgraphService extends HubDataSource<GatewayContext> {
  private readonly internalKey: KeyObject;

  constructor(url: string, internalSecret: string, calls: SubgraphCalls, name: string, log: (message: string) => void) {
    super(url, calls, name, log);
    this.internalKey = secretKey(internalSecret);
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Health checks and schema loading run without a request context.
    const identity = 'identity' in context && context.identity ? context.identity : { role: 'public' as const };
    const ctx = context as Partial<GatewayContext>;
    ctx.signedIdentity ??= signIdentity(identity, this.internalKey);
    request.http?.headers.set(IDENTITY_HEADER, await ctx.signedIdentity);
    // The subgraph's log lines of this request carry the gateway's request id.
    const requestId = currentRequestId();
    if (requestId) request.http?.headers.set(REQUEST_ID_HEADER, requestId);
  }
}
