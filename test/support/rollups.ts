import type { DataSource } from 'typeorm';

export interface RollupTable {
  live: string;
  scratch: string;
  /** Columns of counts: live rows where all are zero are left out (they net to nothing). */
  numbers: string[];
}

/**
 * Recounts into scratch copies of the rollup tables (temp tables on one connection) with the
 * subgraph's own SQL recount, and returns per table the live rows the recount lacks and the
 * recount rows the live table lacks — both empty when the incremental maintenance is right.
 */
export async function compareWithRecount(
  dataSource: DataSource,
  tables: RollupTable[],
  recount: (manager: DataSource['manager']) => Promise<void>,
): Promise<Record<string, { missing: unknown[]; extra: unknown[] }>> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    for (const table of tables) await runner.query(`CREATE TEMP TABLE ${table.scratch} (LIKE ${table.live})`);
    await recount(runner.manager);
    const result: Record<string, { missing: unknown[]; extra: unknown[] }> = {};
    for (const table of tables) {
      const live = table.numbers.length === 0 ? table.live : `${table.live} WHERE ${table.numbers.map((column) => `${column} <> 0`).join(' OR ')}`;
      result[table.live] = {
        missing: await runner.query(`SELECT * FROM ${live} EXCEPT SELECT * FROM ${table.scratch}`),
        extra: await runner.query(`SELECT * FROM ${table.scratch} EXCEPT SELECT * FROM ${live}`),
      };
    }
    for (const table of tables) await runner.query(`DROP TABLE ${table.scratch}`);
    return result;
  } finally {
    await runner.release();
  }
}
