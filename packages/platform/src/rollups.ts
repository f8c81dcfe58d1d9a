import type { EntityManager } from 'typeorm';

/**
 * The rows of a batched read (`unnest(…) WITH ORDINALITY AS k(…, ord)`), grouped by the key they
 * answer: group i holds the rows of key i, in the order read.
 */
export function byOrdinal<R extends { ord: string }>(keyCount: number, rows: readonly R[]): R[][] {
  const groups = Array.from({ length: keyCount }, (): R[] => []);
  for (const row of rows) groups[Number(row.ord) - 1].push(row);
  return groups;
}

/**
 * Incremental rollups: a write applies what a record contributes after it minus what it
 * contributed before, merged by key. Rows come out in one order (their keys compared by code
 * unit), and every writer upserts in array order, so concurrent writers lock rollup rows in the
 * same order and never wait on each other in a cycle.
 */
export function inKeyOrder<T>(rows: T[], keyOf: (row: T) => string): T[] {
  return rows.map((row) => [keyOf(row), row] as const).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}

/** rows(after) − rows(before), merged by key, without rows that net to nothing, in key order. */
export function rollupDifference<T extends object>(before: T[], after: T[], keyOf: (row: T) => string, numeric: ReadonlyArray<keyof T>): T[] {
  const merged = new Map<string, T>();
  const add = (row: T, sign: number) => {
    const key = keyOf(row);
    const current = merged.get(key) ?? ({ ...row, ...Object.fromEntries(numeric.map((field) => [field, 0])) } as T);
    for (const field of numeric) (current[field] as number) = (current[field] as number) + sign * (row[field] as number);
    merged.set(key, current);
  };
  for (const row of before) add(row, -1);
  for (const row of after) add(row, 1);
  return inKeyOrder([...merged.values()].filter((row) => numeric.some((field) => row[field] !== 0)), keyOf);
}

/** A rollup table's column: its name in SQL, its SQL type, and the row field it holds. */
export type RollupColumn<T> = readonly [column: string, type: string, field: keyof T];

/**
 * A rollup table and the journal its writes go through. A write never updates the rollup rows
 * (the nation's row would serialise every write in the country): it inserts what it adds into the
 * journal, in its own transaction, and the rollup applier (rollup-applier.ts) folds the journal
 * into the table in batches. The journal has the rollup's key and value columns plus `seq` (bigint
 * identity, the primary key), `written_by` (xid8, default pg_current_xact_id(), indexed: a batch
 * takes whole writes) and `recorded_at` (timestamptz, default now()). Names are the callers'
 * constants, never input.
 */
export interface JournaledRollup<T> {
  table: string;
  journal: string;
  keys: ReadonlyArray<RollupColumn<T>>;
  values: ReadonlyArray<RollupColumn<T>>;
}

/** The statements that create the journal of rollup table `table` (for a migration): its columns, with the journal's own three first. */
export function createJournalSql(table: string, journal: string): string[] {
  return [
    `CREATE TABLE ${journal} (
       seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
       written_by xid8 NOT NULL DEFAULT pg_current_xact_id(),
       recorded_at timestamptz NOT NULL DEFAULT now(),
       LIKE ${table} INCLUDING DEFAULTS)`,
    `CREATE INDEX ${journal}_written_by ON ${journal} (written_by)`,
  ];
}

/** Records rows to add to a rollup, in the caller's transaction: one plain insert into its journal. */
export async function journalRollup<T>(manager: EntityManager, rollup: JournaledRollup<T>, rows: readonly T[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = [...rollup.keys, ...rollup.values];
  await manager.query(
    `INSERT INTO ${rollup.journal} (${columns.map(([column]) => column).join(', ')})
     SELECT * FROM unnest(${columns.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ')})`,
    columns.map(([, , field]) => rows.map((row) => row[field])),
  );
}

/**
 * The SQL that folds journal rows `$1` (their seq numbers) into the rollup: summed per key, added to
 * the row of that key (inserted when missing), keys in one order. Returns the keys it moved, as
 * row fields.
 */
export function foldJournalSql<T>(rollup: JournaledRollup<T>): string {
  const keys = rollup.keys.map(([column]) => column).join(', ');
  return `INSERT INTO ${rollup.table} AS t (${[...rollup.keys, ...rollup.values].map(([column]) => column).join(', ')})
    SELECT ${keys}, ${rollup.values.map(([column]) => `sum(${column})`).join(', ')}
      FROM ${rollup.journal} WHERE seq = ANY($1::bigint[])
     GROUP BY ${keys} ORDER BY ${keys}
    ON CONFLICT (${keys}) DO UPDATE SET ${rollup.values.map(([column]) => `${column} = t.${column} + EXCLUDED.${column}`).join(', ')}
    RETURNING ${rollup.keys.map(([column, , field]) => `t.${column} AS "${String(field)}"`).join(', ')}`;
}
