import type { GraphQLFormattedError } from 'graphql';
import type { Identity } from '@kepuri/platform';
import type { EntityLookup } from './catalog';

/** Runs a query through the gateway (query planning, every subgraph) as a caller. */
export type GatewayExecutor = (
  query: string,
  variables: Record<string, unknown>,
  identity: Identity,
) => Promise<{ data?: Record<string, unknown> | null; errors?: ReadonlyArray<GraphQLFormattedError> }>;

/**
 * One distinct subscription's part of a lookup: its selection below an entity, with its variables
 * and fragments renamed under the group's own prefix so that parts of several groups can share
 * one query.
 */
export interface LookupPart {
  /** Unique per group: `g12`. */
  prefix: string;
  lookup: EntityLookup;
  /** The renamed selection set, printed. */
  selection: string;
  /** Renamed fragment name → printed definition. */
  fragments: ReadonlyMap<string, string>;
  /** Renamed variable name → printed definition (`$g12_first: Int`). */
  variableDefinitions: ReadonlyMap<string, string>;
  /** Renamed variable name → value. */
  variables: Readonly<Record<string, unknown>>;
}

export interface LookupAnswer {
  entity: Record<string, unknown> | null;
  /** Errors below the entity, with paths relative to it. */
  errors: GraphQLFormattedError[];
}

interface Pending {
  part: LookupPart;
  key: unknown;
  identityKey: string;
  identity: Identity;
  resolve(answer: LookupAnswer): void;
  reject(error: unknown): void;
}

/** At most this many entity lookups in one query (a query's size stays bounded however many groups there are). */
const MAX_PER_QUERY = 40;

/**
 * The lookups of one event, gathered across every group of its topic and sent as one query per
 * identity: `g3_0: thing(id: $g3_0_k) { … } g7_0: thing(id: $g7_0_k) { … }`. Each group's
 * document is executed synchronously up to its first lookup, so every group's first-level lookups
 * are queued before the batch flushes on the next tick; the gateway then plans one operation
 * (one fetch per subgraph) instead of one per group.
 */
export class LookupBatch {
  private pending: Pending[] = [];
  private scheduled = false;
  private readonly counters = new Map<string, number>();

  constructor(private readonly executor: GatewayExecutor) {}

  load(part: LookupPart, key: unknown, identity: Identity, identityKey: string): Promise<LookupAnswer> {
    return new Promise((resolve, reject) => {
      this.pending.push({ part, key, identity, identityKey, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        process.nextTick(() => this.flush());
      }
    });
  }

  private flush(): void {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    const byIdentity = new Map<string, Pending[]>();
    for (const item of batch) {
      const list = byIdentity.get(item.identityKey) ?? [];
      list.push(item);
      byIdentity.set(item.identityKey, list);
    }
    for (const items of byIdentity.values()) {
      for (let start = 0; start < items.length; start += MAX_PER_QUERY) void this.run(items.slice(start, start + MAX_PER_QUERY));
    }
  }

  private async run(items: Pending[]): Promise<void> {
    const header = new Map<string, string>();
    const fragments = new Map<string, string>();
    const variables: Record<string, unknown> = {};
    const fields: string[] = [];
    const aliases: string[] = [];
    for (const item of items) {
      const n = this.counters.get(item.part.prefix) ?? 0;
      this.counters.set(item.part.prefix, n + 1);
      const alias = `${item.part.prefix}_${n}`;
      aliases.push(alias);
      header.set(`${alias}_k`, `$${alias}_k: ${item.part.lookup.argumentType}`);
      variables[`${alias}_k`] = item.key;
      for (const [name, definition] of item.part.variableDefinitions) header.set(name, definition);
      Object.assign(variables, item.part.variables);
      for (const [name, fragment] of item.part.fragments) fragments.set(name, fragment);
      fields.push(`${alias}: ${item.part.lookup.queryField}(${item.part.lookup.argument}: $${alias}_k) ${item.part.selection}`);
    }
    const query = [`query HubEventLookups(${[...header.values()].join(', ')}) { ${fields.join(' ')} }`, ...fragments.values()].join('\n');
    try {
      const result = await this.executor(query, variables, items[0].identity);
      items.forEach((item, index) => {
        const alias = aliases[index];
        // An error under an alias is that part's; one without a path (the query refused) is everyone's.
        const errors = (result.errors ?? [])
          .filter((error) => !error.path || error.path[0] === alias)
          .map((error) => ({ ...error, path: error.path?.slice(1) }));
        item.resolve({ entity: (result.data?.[alias] ?? null) as Record<string, unknown> | null, errors });
      });
    } catch (error) {
      for (const item of items) item.reject(error);
    }
  }
}
