import type { GraphQLSchema } from 'graphql';
import { SubscriptionCatalog } from './subscriptions/catalog';

/**
 * The graph this gateway serves right now: the API schema and what the subscription layer and the
 * membership check read from the supergraph (the catalog). Apollo Server serves HTTP from its own
 * copy; the WebSocket endpoint and the membership check read this one. A supergraph the catalog
 * cannot read leaves the previous one in force.
 */
export class LoadedGraph {
  apiSchema: GraphQLSchema | null = null;
  catalog: SubscriptionCatalog | null = null;
  private readonly listeners: Array<(catalog: SubscriptionCatalog) => void> = [];

  constructor(
    private readonly urlOverrides: Record<string, string>,
    private readonly coreSubgraphs: ReadonlySet<string>,
    private readonly log: (message: string) => void,
  ) {}

  /** @apollo/gateway's onSchemaLoadOrUpdate. */
  readonly update = ({ apiSchema, coreSupergraphSdl }: { apiSchema: GraphQLSchema; coreSupergraphSdl: string }): void => {
    try {
      this.catalog = SubscriptionCatalog.build(apiSchema, coreSupergraphSdl, this.urlOverrides, this.coreSubgraphs);
      this.apiSchema = apiSchema;
    } catch (error) {
      this.log(`subscriptions: the new supergraph could not be read; keeping the previous one: ${(error as Error).stack ?? error}`);
      return;
    }
    for (const listener of this.listeners) listener(this.catalog);
  };

  /** Called with every catalog from now on (and at once with the current one). */
  follow(listener: (catalog: SubscriptionCatalog) => void): void {
    this.listeners.push(listener);
    if (this.catalog) listener(this.catalog);
  }
}
