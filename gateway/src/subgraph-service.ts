import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher } from '@apollo/utils.fetcher';
import { IDENTITY_HEADER, signIdentity } from '@kepuri/platform';
import type { GatewayContext } from './context';

/** fetch with a deadline: @apollo/gateway sets none on subgraph calls by itself. */
export function fetcherWithTimeout(timeoutMs: number): Fetcher {
  return ((url: string, init?: RequestInit) => fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) })) as unknown as Fetcher;
}

/**
 * Calls one subgraph, forwarding the caller's verified identity signed with the secret the
 * gateway shares with subgraphs (one signature per client request, reused for every fetch).
 */
export class SignedSubgraphService extends RemoteGraphQLDataSource<GatewayContext> {
  constructor(url: string, private readonly internalSecret: string, fetcher: Fetcher) {
    super({ url, fetcher });
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Health checks and schema loading run without a request context.
    const identity = 'identity' in context && context.identity ? context.identity : { role: 'public' as const };
    const ctx = context as Partial<GatewayContext>;
    ctx.signedIdentity ??= signIdentity(identity, this.internalSecret);
    request.http?.headers.set(IDENTITY_HEADER, await ctx.signedIdentity);
  }
}
