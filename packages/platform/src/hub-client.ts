import { GraphQLError } from 'graphql';
import { SERVICE_HEADER, signServiceIdentity } from './identity';

/**
 * A subgraph's window on the rest of the graph: GraphQL through the gateway as `service`, so a
 * subgraph learns what another owns (an organisation's place in the hierarchy, an entity's
 * status) through federation and never from another's tables.
 */
export class HubClient {
  constructor(
    private readonly subgraph: string,
    private readonly gatewayUrl: () => string,
    private readonly internalSecret: string,
    private readonly timeoutMs = 5_000,
  ) {}

  async query<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
    let body: { data?: T; errors?: Array<{ message: string }> };
    try {
      const response = await fetch(this.gatewayUrl(), {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          [SERVICE_HEADER]: await signServiceIdentity(this.subgraph, this.internalSecret),
        },
        body: JSON.stringify({ query, variables }),
        signal: AbortSignal.timeout(this.timeoutMs),
      });
      body = (await response.json()) as typeof body;
    } catch (error) {
      throw new GraphQLError(`${this.subgraph} could not reach the hub: ${(error as Error).message}`, {
        extensions: { code: 'DOWNSTREAM_SERVICE_ERROR' },
      });
    }
    if (body.errors?.length || !body.data) {
      throw new GraphQLError(`${this.subgraph} lookup failed: ${body.errors?.map((error) => error.message).join('; ') ?? 'no data'}`, {
        extensions: { code: 'DOWNSTREAM_SERVICE_ERROR' },
      });
    }
    return body.data;
  }
}
