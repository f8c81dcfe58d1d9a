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
 * Adds rows to a rollup table in one statement: a key not there yet is inserted, one that is has
 * the values added to it. Rows are written in the order given (writers pass them in key order).
 * Table and column names are the callers' constants, never input.
 */
export async function addToRollup<T>(
  manager: EntityManager,
  table: string,
  keys: ReadonlyArray<RollupColumn<T>>,
  values: ReadonlyArray<RollupColumn<T>>,
  rows: readonly T[],
): Promise<void> {
  if (rows.length === 0) return;
  const columns = [...keys, ...values];
  await manager.query(
    `INSERT INTO ${table} AS t (${columns.map(([column]) => column).join(', ')})
     SELECT * FROM unnest(${columns.map(([, type], index) => `$${index + 1}::${type}[]`).join(', ')})
     ON CONFLICT (${keys.map(([column]) => column).join(', ')}) DO UPDATE SET
       ${values.map(([column]) => `${column} = t.${column} + EXCLUDED.${column}`).join(', ')}`,
    columns.map(([, , field]) => rows.map((row) => row[field])),
  );
}
