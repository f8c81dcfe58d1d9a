import 'reflect-metadata';
import os from 'node:os';
import { Client } from 'pg';
import type { DataSource } from 'typeorm';
import { createDataSource, migrate, seedOnce } from '@kepuri/platform';
import { CORE_SUBGRAPHS } from '../subgraphs';
import { ACTIVITIES_TABLES, loadActivities } from './load-activities';
import { EVALUATIONS_TABLES, loadEvaluations } from './load-evaluations';
import { ORGANIZATIONS_TABLES, loadOrganizations } from './load-organizations';
import { VOLUNTEERING_TABLES, loadVolunteering } from './load-volunteering';
import { DatabaseLoad, type TableTiming } from './load';
import { planWorld, type World } from './plan';
import { Progress } from './progress';
import type { ScaleSpec } from './scales';
import { assertTableShape, nonEmptyTables, truncateHubTables, type TableShape } from './schema';

export type SubgraphName = 'activities' | 'organizations' | 'volunteering' | 'evaluations';
/** Longest load first (measured at the large scale). */
const LOAD_ORDER: readonly SubgraphName[] = ['volunteering', 'activities', 'evaluations', 'organizations'];
export const SUBGRAPH_NAMES: readonly SubgraphName[] = ['organizations', 'activities', 'volunteering', 'evaluations'];

/** What each database's loader writes, in order; checked against the migrated tables before any write. */
const LOADERS: Record<SubgraphName, { tables: TableShape[]; load(load: DatabaseLoad): Promise<void> }> = {
  organizations: { tables: ORGANIZATIONS_TABLES, load: loadOrganizations },
  activities: { tables: ACTIVITIES_TABLES, load: loadActivities },
  volunteering: { tables: VOLUNTEERING_TABLES, load: loadVolunteering },
  evaluations: { tables: EVALUATIONS_TABLES, load: loadEvaluations },
};

export interface SeedOptions {
  /** The URL each subgraph connects with (its own database and role). */
  databases: Record<SubgraphName, string>;
  /** `small` is the sample set of `npm start`; otherwise a generated scale. */
  scale: 'small' | ScaleSpec;
  /** Today, for the demo campaign (default: now). The same day gives the same rows. */
  now?: Date;
  /** Truncate the hub's tables first; without it, non-empty tables stop the seed. */
  reset?: boolean;
  /** Progress bars on stdout (default: true). */
  progress?: boolean;
  /**
   * How many databases load at once (default: the machine's cores, at most 4). The longest loads
   * start first; 1 loads them one after another (clean per-table timings).
   */
  concurrency?: number;
  log?: (line: string) => void;
}

export interface SeedReport {
  scale: string;
  tables: TableTiming[];
  phases: Record<'migrate' | 'plan' | 'load' | 'analyze' | 'total', number>;
  /** Rows of every hub table after the load, per database. */
  counts: Record<SubgraphName, Record<string, number>>;
}

export class NonEmptyError extends Error {}

/**
 * Migrates the four databases with each subgraph's own migrations, then loads them: the sample
 * set through the subgraphs' seed functions (`small`), or a generated world streamed with COPY,
 * each database in one transaction (committed only when all four loaded).
 */
export async function runSeed(options: SeedOptions): Promise<SeedReport> {
  const log = options.log ?? ((line: string) => console.log(line));
  const now = options.now ?? new Date();
  const scaleName = options.scale === 'small' ? 'small' : options.scale.name;
  const phases: SeedReport['phases'] = { migrate: 0, plan: 0, load: 0, analyze: 0, total: 0 };
  const started = Date.now();

  const dataSources = new Map<SubgraphName, DataSource>();
  const clients = await connectAll(options.databases);
  try {
    // 1. Never write over data unless asked to; asked to, empty the tables before migrating, so
    //    that migrations which backfill from existing rows have none to read.
    const occupied: string[] = [];
    for (const name of SUBGRAPH_NAMES) {
      const tables = await nonEmptyTables(clients[name]);
      if (tables.length > 0) occupied.push(`${name}: ${tables.join(', ')}`);
    }
    if (occupied.length > 0 && !options.reset) {
      throw new NonEmptyError(`the hub's tables are not empty (${occupied.join('; ')}); rerun with --reset to replace their data`);
    }
    if (options.reset) for (const name of SUBGRAPH_NAMES) await truncateHubTables(clients[name]);

    // 2. Each subgraph's migrations through its own TypeORM data source, as buildSubgraph makes it.
    await migrateDatabases(options.databases, log, dataSources);
    phases.migrate = Date.now() - started;

    if (options.scale === 'small') {
      const loadStarted = Date.now();
      for (const name of SUBGRAPH_NAMES) {
        const definition = CORE_SUBGRAPHS.find((subgraph) => subgraph.name === name)!.definition;
        const seed = definition.seed;
        if (seed) await seedOnce(dataSources.get(name)!, 'sample', (manager) => seed(manager, now));
      }
      phases.load = Date.now() - loadStarted;
      const counts = await countAll(clients);
      phases.total = Date.now() - started;
      return { scale: scaleName, tables: countsAsTimings(counts), phases, counts };
    }

    // 3. The generated world: planned once, checked against the tables, then streamed in (each
    //    database in one transaction that empties its tables again first, with --reset).
    const planStarted = Date.now();
    const world = planWorld(options.scale, now);
    phases.plan = Date.now() - planStarted;
    log(`  planned ${world.regions.length.toLocaleString('en-US')} regions, ${world.organizations.length.toLocaleString('en-US')} organisations, `
      + `${world.activities.count.toLocaleString('en-US')} activities in ${(phases.plan / 1000).toFixed(1)} s`);
    for (const name of SUBGRAPH_NAMES) {
      for (const shape of LOADERS[name].tables) await assertTableShape(clients[name], name, shape);
    }
    const loadStarted = Date.now();
    const timings = await loadAll(world, clients, {
      reset: options.reset ?? false,
      progress: options.progress ?? true,
      concurrency: Math.max(1, Math.min(4, options.concurrency ?? os.availableParallelism())),
    }, log);
    phases.load = Date.now() - loadStarted;

    const analyzeStarted = Date.now();
    await Promise.all(SUBGRAPH_NAMES.map((name) => clients[name].query('VACUUM (ANALYZE)')));
    phases.analyze = Date.now() - analyzeStarted;
    const counts = await countAll(clients);
    phases.total = Date.now() - started;
    return { scale: scaleName, tables: timings, phases, counts };
  } finally {
    await Promise.all(Object.values(clients).map((client) => client.end().catch(() => undefined)));
    for (const dataSource of dataSources.values()) if (dataSource.isInitialized) await dataSource.destroy();
  }
}

/**
 * Applies each subgraph's pending migrations to its database with the subgraph's own entities and
 * migrations (the data source buildSubgraph makes). Keeps the data sources open in `keep` if given.
 */
export async function migrateDatabases(
  databases: Record<SubgraphName, string>,
  log: (line: string) => void = () => undefined,
  keep?: Map<SubgraphName, DataSource>,
): Promise<void> {
  for (const name of SUBGRAPH_NAMES) {
    const definition = CORE_SUBGRAPHS.find((subgraph) => subgraph.name === name)!.definition;
    const { dataSource } = createDataSource({
      url: databases[name], entities: definition.entities, migrations: definition.migrations,
      applicationName: `kepuri-seed-${name}`, poolSize: 2,
    });
    await dataSource.initialize();
    try {
      const applied = await migrate(dataSource);
      if (applied.length > 0) log(`  ${name}: applied ${applied.join(', ')}`);
    } finally {
      if (keep) keep.set(name, dataSource);
      else await dataSource.destroy();
    }
  }
}

async function connectAll(databases: Record<SubgraphName, string>): Promise<Record<SubgraphName, Client>> {
  const clients = {} as Record<SubgraphName, Client>;
  try {
    for (const name of SUBGRAPH_NAMES) {
      const client = new Client({ connectionString: databases[name], application_name: `kepuri-seed-${name}` });
      await client.connect();
      clients[name] = client;
    }
  } catch (error) {
    await Promise.all(Object.values(clients).map((client) => client.end().catch(() => undefined)));
    throw error;
  }
  return clients;
}

/**
 * The four loads, `concurrency` at a time (one thread generates rows while PostgreSQL parses,
 * indexes and recounts beside it), each in its own transaction; all commit only when all
 * succeeded, else all roll back.
 */
async function loadAll(
  world: World,
  clients: Record<SubgraphName, Client>,
  { reset, progress: showProgress, concurrency }: { reset: boolean; progress: boolean; concurrency: number },
  log: (line: string) => void,
): Promise<TableTiming[]> {
  const progress = new Progress(showProgress);
  const loads = SUBGRAPH_NAMES.map((name) => new DatabaseLoad(name, clients[name], world, progress));
  for (const load of loads) {
    await load.client.query('BEGIN');
    await load.client.query(`SET LOCAL maintenance_work_mem = '1GB'`);
    await load.client.query('SET LOCAL synchronous_commit = off');
    if (reset) await truncateHubTables(load.client);
  }
  try {
    const run = async (load: DatabaseLoad) => {
      try {
        await LOADERS[load.database as SubgraphName].load(load);
      } catch (error) {
        // Stop the other loads at once: ending their connections aborts their transactions.
        for (const other of loads) if (other !== load) (other.client as Client & { connection: { stream: { destroy(): void } } }).connection.stream.destroy();
        throw error;
      }
    };
    // A few lanes, each taking the next database; the heaviest (volunteering's rollups, then the
    // activities' check-ins and indexes) go first so that the lanes finish close together.
    const queue = [...LOAD_ORDER].map((name) => loads.find((load) => load.database === name)!);
    await Promise.all(Array.from({ length: concurrency }, async () => {
      for (let next = queue.shift(); next; next = queue.shift()) await run(next);
    }));
    for (const load of loads) await load.client.query('COMMIT');
  } catch (error) {
    for (const load of loads) await load.client.query('ROLLBACK').catch(() => undefined);
    throw error;
  } finally {
    progress.stop();
  }
  log('');
  return loads.flatMap((load) => load.allTimings());
}

async function countAll(clients: Record<SubgraphName, Client>): Promise<SeedReport['counts']> {
  const counts = {} as SeedReport['counts'];
  for (const name of SUBGRAPH_NAMES) {
    const { rows } = await clients[name].query<{ table_name: string; n: string }>(`
      SELECT table_name, (xpath('/row/n/text()', query_to_xml(format('SELECT count(*) AS n FROM %I', table_name), false, true, '')))[1]::text AS n
        FROM information_schema.tables
       WHERE table_schema = current_schema() AND table_type = 'BASE TABLE' AND table_name NOT IN ('typeorm_migrations', 'hub_seed')
       ORDER BY table_name`);
    counts[name] = Object.fromEntries(rows.map((row) => [row.table_name, Number(row.n)]));
  }
  return counts;
}

function countsAsTimings(counts: SeedReport['counts']): TableTiming[] {
  return SUBGRAPH_NAMES.flatMap((database) => Object.entries(counts[database])
    .map(([table, rows]) => ({ database, table, rows, copyMs: 0, indexMs: 0, derivedMs: 0 })));
}
