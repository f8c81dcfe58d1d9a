import type { ApolloServerPlugin } from '@apollo/server';
import type { DocumentNode, GraphQLSchema } from 'graphql';
import { LRUCache } from 'lru-cache';
import type { GatewayContext } from '../context';
import type { UsageRow } from '../registry/client-storage';
import { schemaCoordinates } from '../registry/coordinates';

/** Headers Apollo's clients send (Apollo Client's `name`/`version`, Router's client awareness). */
export const CLIENT_NAME_HEADER = 'apollographql-client-name';
export const CLIENT_VERSION_HEADER = 'apollographql-client-version';
/** What a request that names no client is recorded as. */
export const UNKNOWN_CLIENT = 'unknown';

export interface UsageSettings {
  /** How often the counts go to the database (USAGE_FLUSH_MS, default 10 s). */
  flushMs: number;
  /** Days of buckets kept, and judged by the checks (USAGE_RETENTION_DAYS, default 30). */
  retentionDays: number;
}

export const DEFAULT_USAGE: UsageSettings = { flushMs: 10_000, retentionDays: 30 };

/**
 * Which schema coordinates each (client name, client version, operation, document) used and how
 * often: counted in memory, the coordinates computed once per distinct document, and written every
 * `flushMs` as one multi-row upsert into the day's buckets (never a write per request). A failed
 * write keeps the counts for the next flush; stop() writes what is left.
 */
export class UsageCollector {
  private pending = new Map<string, UsageRow>();
  private readonly coordinates = new LRUCache<string, string[]>({ max: 10_000 });
  private readonly timer: NodeJS.Timeout;
  private flushing: Promise<void> = Promise.resolve();

  constructor(
    private readonly write: (rows: UsageRow[], retentionDays: number) => Promise<void>,
    private readonly settings: UsageSettings,
    private readonly log: (message: string) => void,
  ) {
    this.timer = setInterval(() => void this.flush(), settings.flushMs);
    this.timer.unref();
  }

  record(request: { clientName: string; clientVersion: string; operationName: string; documentHash: string; document: DocumentNode; schema: GraphQLSchema }): void {
    const key = JSON.stringify([request.clientName, request.clientVersion, request.operationName, request.documentHash]);
    const row = this.pending.get(key);
    if (row) {
      row.requests += 1;
      return;
    }
    let coordinates = this.coordinates.get(request.documentHash);
    if (!coordinates) {
      coordinates = schemaCoordinates(request.schema, request.document);
      this.coordinates.set(request.documentHash, coordinates);
    }
    this.pending.set(key, { clientName: request.clientName, clientVersion: request.clientVersion, operationName: request.operationName, documentHash: request.documentHash, coordinates, requests: 1 });
  }

  /** Writes what was counted since the last flush; flushes run one after another. */
  flush(): Promise<void> {
    this.flushing = this.flushing.then(async () => {
      if (this.pending.size === 0) return;
      const rows = [...this.pending.values()];
      this.pending = new Map();
      try {
        await this.write(rows, this.settings.retentionDays);
      } catch (error) {
        this.log(`usage: writing ${rows.length} row(s) failed, kept for the next flush: ${(error as Error).message}`);
        for (const row of rows) {
          const key = JSON.stringify([row.clientName, row.clientVersion, row.operationName, row.documentHash]);
          const current = this.pending.get(key);
          if (current) current.requests += row.requests;
          else this.pending.set(key, row);
        }
      }
    });
    return this.flushing;
  }

  /** Stops the timer and writes what is left (gateway stop). */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }
}

/** Counts every operation that executes, except the gateway's own lookups and subgraphs' signed calls. */
export function usagePlugin(collector: UsageCollector): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async executionDidStart({ contextValue, request, queryHash, document, schema, operationName }) {
          if (contextValue.internal || contextValue.identity.role === 'service') return;
          const header = (name: string) => request.http?.headers.get(name)?.slice(0, 64) || undefined;
          collector.record({
            clientName: header(CLIENT_NAME_HEADER) ?? UNKNOWN_CLIENT,
            clientVersion: header(CLIENT_VERSION_HEADER) ?? '',
            operationName: (operationName ?? '').slice(0, 256),
            documentHash: queryHash,
            document,
            schema,
          });
        },
      };
    },
  };
}
