import type { Client } from 'pg';
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

/**
 * Waits for a backend (of `applicationName`, when given) that waits on a lock `blocker` holds;
 * returns its pid.
 */
export async function backendBlockedBy(db: Client, blocker: number, applicationName?: string): Promise<number> {
  const deadline = Date.now() + 15_000;
  for (;;) {
    const { rows } = await db.query<{ pid: number }>(
      `SELECT pid FROM pg_stat_activity WHERE ($2::text IS NULL OR application_name = $2) AND $1 = ANY(pg_blocking_pids(pid))`, [blocker, applicationName ?? null]);
    if (rows.length > 0) return rows[0].pid;
    if (Date.now() > deadline) throw new Error(`no ${applicationName ?? 'backend'} reached the lock`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}
