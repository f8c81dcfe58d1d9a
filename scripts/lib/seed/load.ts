import type { ClientBase } from 'pg';
import { chunked, copyRows } from './copy';
import type { World } from './plan';
import type { Progress } from './progress';
import { assertTableShape, deferIndexes, type TableShape } from './schema';

/** Time spent on one table: writing its rows, rebuilding its indexes and constraints, deriving it. */
export interface TableTiming {
  database: string;
  table: string;
  rows: number;
  copyMs: number;
  indexMs: number;
  derivedMs: number;
  note?: string;
}

/** One database's load: its client (inside the load's transaction), the plan, progress and timings. */
export class DatabaseLoad {
  private readonly timings = new Map<string, TableTiming>();

  constructor(
    readonly database: string,
    readonly client: ClientBase,
    readonly world: World,
    readonly progress: Progress,
  ) {}

  timing(table: string): TableTiming {
    let timing = this.timings.get(table);
    if (!timing) {
      timing = { database: this.database, table, rows: 0, copyMs: 0, indexMs: 0, derivedMs: 0 };
      this.timings.set(table, timing);
    }
    return timing;
  }

  allTimings(): TableTiming[] {
    return [...this.timings.values()];
  }

  /** Checks the table is what the loader expects (fails loudly otherwise). */
  check(shape: TableShape): Promise<void> {
    return assertTableShape(this.client, this.database, shape);
  }

  /** Streams `total` generated rows into the table with COPY, with a progress bar. */
  async copy(shape: TableShape, total: number, lines: Iterable<string>): Promise<number> {
    const bar = this.progress.bar(`${this.database}.${shape.table}`, total);
    const started = Date.now();
    const rows = await copyRows(this.client, shape.table, shape.columns, chunked(lines), (n) => bar.add(n));
    bar.done();
    const timing = this.timing(shape.table);
    timing.rows += rows;
    timing.copyMs += Date.now() - started;
    if (rows !== total) throw new Error(`${this.database}.${shape.table}: planned ${total} rows, wrote ${rows}`);
    return rows;
  }

  /**
   * Runs one statement that derives `table` (or a column of it) from raw rows, timed under it.
   * Returns the rows it touched.
   */
  async derive(table: string, label: string, statement: string): Promise<number> {
    const started = Date.now();
    const result = await this.client.query(statement);
    const elapsed = Date.now() - started;
    const timing = this.timing(table);
    timing.derivedMs += elapsed;
    this.progress.log(`  ${this.database}: ${label} — ${result.rowCount ?? 0} rows in ${(elapsed / 1000).toFixed(1)} s`);
    return result.rowCount ?? 0;
  }

  /** Drops the tables' indexes and keys for the bulk load; the returned handle rebuilds them, timed per table. */
  async deferIndexes(tables: readonly string[]) {
    const deferred = await deferIndexes(this.client, tables);
    return {
      rebuild: async (table: string) => {
        const started = Date.now();
        await deferred.rebuild(table, (item, ms) => {
          if (ms >= 1000) this.progress.log(`  ${this.database}: built ${item.name} in ${(ms / 1000).toFixed(1)} s`);
        });
        this.timing(table).indexMs += Date.now() - started;
      },
      remaining: deferred.remaining,
    };
  }

  /** Marks the database seeded, so that `npm start` does not add the sample set on top. */
  async markSeeded(scale: string): Promise<void> {
    await this.client.query(`INSERT INTO hub_seed (name) VALUES ('sample'), ($1) ON CONFLICT (name) DO NOTHING`, [`scale:${scale}`]);
  }
}
