import { RemoteGraphQLDataSource, type GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import type { Fetcher, FetcherResponse } from '@apollo/utils.fetcher';
import { GraphQLError } from 'graphql';
import { IDENTITY_HEADER, signIdentity } from '@kepuri/platform';
import type { GatewayContext } from './context';

/**
 * fetch with a deadline (@apollo/gateway sets none on subgraph calls by itself). A subgraph's
 * well-formed GraphQL answer counts as its answer whatever the HTTP status (GraphQL over HTTP answers
 * a refused request with 4xx and `{ errors }`): it reaches the gateway's plan as a 200, so each
 * error keeps its own code, message and path instead of becoming "401: Unauthorized".
 */
export function fetcherWithTimeout(timeoutMs: number): Fetcher {
  return (async (url: string, init?: RequestInit) => {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
    if (response.ok || !/json/.test(response.headers.get('content-type') ?? '')) return response;
    const text = await response.text();
    let graphql = false;
    try {
      const body = JSON.parse(text) as { errors?: unknown };
      graphql = Array.isArray(body?.errors) && body.errors.length > 0;
    } catch {
      // not JSON after all: the status decides below
    }
    return new Response(text, { status: graphql ? 200 : response.status, statusText: graphql ? 'OK' : response.statusText, headers: response.headers });
  }) as unknown as Fetcher;
}

/**
 * A subgraph call as the hub makes it: a failure to reach the subgraph, or an answer that is not
 * GraphQL, reaches the client as DOWNSTREAM_SERVICE_ERROR with nothing of the subgraph's address or
 * raw body (logged instead).
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export class HubDataSource<TContext extends Record<string, any> = GatewayContext> extends RemoteGraphQLDataSource<TContext> {
  /** `allowed`: whether the URL's host is approved for this subgraph now; nothing is sent to one that is not. */
  constructor(
    url: string,
    fetcher: Fetcher,
    private readonly name: string,
    private readonly log: (message: string) => void,
    private readonly allowed: () => boolean = () => true,
  ) {
    super({ url, fetcher });
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
    throw new GraphQLError('A service of the hub did not answer; try again later', { extensions: { code: 'DOWNSTREAM_SERVICE_ERROR' } });
  }
}

/**
 * Calls one core subgraph, forwarding the caller's verified identity signed with the secret the
 * gateway shares with subgraphs (one signature per client request, reused for every fetch).
 */
export class SignedSubgraphService extends HubDataSource<GatewayContext> {
  constructor(url: string, private readonly internalSecret: string, fetcher: Fetcher, name: string, log: (message: string) => void) {
    super(url, fetcher, name, log);
  }

  override async willSendRequest({ request, context }: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<void> {
    // Health checks and schema loading run without a request context.
    const identity = 'identity' in context && context.identity ? context.identity : { role: 'public' as const };
    const ctx = context as Partial<GatewayContext>;
    ctx.signedIdentity ??= signIdentity(identity, this.internalSecret);
    request.http?.headers.set(IDENTITY_HEADER, await ctx.signedIdentity);
  }
}
