import { Client, type ClientConfig, type Pool } from 'pg';
import { DataSource, type EntityManager, type Logger, type MixedList, type EntitySchema } from 'typeorm';
import type { PostgresDriver } from 'typeorm/driver/postgres/PostgresDriver';

/**
 * Counts every SQL statement a data source sends. Tests use it to prove that a request costs a
 * fixed number of statements however many rows it returns; /metrics exposes it.
 */
export class StatementCounter implements Logger {
  count = 0;
  constructor(private readonly onError?: (message: string) => void) {}
  logQuery(): void {
    this.count += 1;
  }
  logQueryError(error: string | Error, query: string): void {
    // Unique violations are expected: the services turn them into CONFLICT.
    if (isUniqueViolation(error)) return;
    this.onError?.(`query failed: ${error instanceof Error ? error.message : error} — ${query.slice(0, 200)}`);
  }
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

/** Anything that runs SQL: a TypeORM EntityManager or DataSource (seeds, migrations, tests) or a pg client (the large seed). */
export interface SqlRunner {
  query(sql: string, parameters?: unknown[]): Promise<unknown>;
}

/** Connections per subgraph process (DB_POOL_SIZE; see ARCHITECTURE.md, "Rollups applied in batches"). */
export const DEFAULT_POOL_SIZE = 10;

export interface DataSourceOptions {
  url: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: MixedList<Function | string | EntitySchema>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: MixedList<Function | string>;
  applicationName: string;
  poolSize?: number;
  /** Where failed statements are reported (the subgraph's logger). */
  log?: (message: string) => void;
}

/**
 * pg's Client with an 'error' listener of its own for its whole life. pg-pool listens only while a
 * connection is idle and TypeORM only while a query runner holds it; a connection terminated in
 * between (a failover, an administrator's pg_terminate_backend) would otherwise be an unhandled
 * 'error' event, which ends the process. Pool and query runner still see the error and drop the
 * connection; this only reports it.
 */
function clientThatReportsErrors(log?: (message: string) => void): typeof Client {
  return class extends Client {
    constructor(config?: string | ClientConfig) {
      super(config);
      this.on('error', (error: Error) => log?.(`database connection lost: ${error.message}`));
    }
  };
}

export function createDataSource(options: DataSourceOptions): { dataSource: DataSource; statements: StatementCounter } {
  const statements = new StatementCounter(options.log);
  const dataSource = new DataSource({
    type: 'postgres',
    url: options.url,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: 'typeorm_migrations',
    synchronize: false,
    migrationsRun: false,
    logger: statements,
    applicationName: options.applicationName,
    // A request waits at most 2 s for a connection (the database down, or the pool exhausted), then gets SERVICE_UNAVAILABLE.
    extra: { max: options.poolSize ?? DEFAULT_POOL_SIZE, connectionTimeoutMillis: 2_000, Client: clientThatReportsErrors(options.log) },
  });
  return { dataSource, statements };
}

/**
 * Runs one statement as a named prepared statement on one of the pool's connections: PostgreSQL
 * parses and plans it once per connection instead of on every call. For the statements of the
 * write paths that carry a peak (an insert with a CTE costs about half the database time
 * prepared). `name` is the caller's constant for `text`; the statement is counted like any other,
 * and runs outside any transaction (one implicit transaction of its own).
 */
export async function queryPrepared<T>(dataSource: DataSource, name: string, text: string, values: unknown[]): Promise<T[]> {
  dataSource.logger.logQuery(text, values);
  const pool = (dataSource.driver as PostgresDriver).master as Pool;
  const result = await pool.query({ name, text, values });
  return result.rows as T[];
}

/** Any fixed number: it only has to be the same for every instance of one subgraph. */
const MIGRATION_LOCK_KEY = 7_202_009_19;

/**
 * Applies pending migrations, each in its own transaction, under an advisory lock so that several
 * instances of one subgraph starting together do not race.
 */
export async function migrate(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]).catch(() => undefined);
    await runner.release();
  }
}

/**
 * Runs `seed` once per database: the marker row and the seeded rows commit together, and the lock
 * keeps two instances from seeding at once.
 */
export async function seedOnce(dataSource: DataSource, name: string, seed: (manager: EntityManager) => Promise<void>): Promise<boolean> {
  return dataSource.transaction(async (manager) => {
    await manager.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK_KEY + 1]);
    const done = await manager.query('SELECT 1 FROM hub_seed WHERE name = $1', [name]);
    if (done.length > 0) return false;
    await seed(manager);
    await manager.query('INSERT INTO hub_seed (name) VALUES ($1)', [name]);
    return true;
  });
}

/** Multi-row INSERT in chunks: one statement per chunk instead of one per row. */
export async function insertRows(
  manager: EntityManager,
  table: string,
  columns: string[],
  rows: unknown[][],
  chunkSize = 1000,
): Promise<void> {
  for (let start = 0; start < rows.length; start += chunkSize) {
    const chunk = rows.slice(start, start + chunkSize);
    const params: unknown[] = [];
    const tuples = chunk.map((row) => `(${row.map((value) => { params.push(value); return `$${params.length}`; }).join(', ')})`);
    await manager.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, params);
  }
}

/** Whether a query failed on a unique constraint or index (optionally a named one). */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const driverError = (error as { driverError?: { code?: string; constraint?: string } }).driverError ?? (error as { code?: string; constraint?: string });
  return driverError?.code === '23505' && (constraint === undefined || driverError.constraint === constraint);
}
