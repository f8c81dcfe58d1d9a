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
