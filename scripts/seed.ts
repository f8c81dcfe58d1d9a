import 'reflect-metadata';
import { createInterface } from 'node:readline/promises';
import { Client } from 'pg';
import { NonEmptyError, SUBGRAPH_NAMES, runSeed, type SeedReport, type SubgraphName } from './lib/seed';
import { openHubDatabases, type HubDatabases } from './lib/seed/databases';
import { scaleSpec } from './lib/seed/scales';
import { UsageError, parseCli, runCli } from './lib/cli';

/**
 * `npm run seed -- --scale small|medium|large [--reset] [--yes] [--today YYYY-MM-DD]`
 *
 * Loads the databases `npm start` uses (embedded PostgreSQL in PG_DATA_DIR on PG_PORT, started for
 * the run if it is not running, or DATABASE_URL): each subgraph's migrations, then the sample set
 * (small) or a deterministic generated one (medium, large) streamed in with COPY.
 */
const USAGE = `Usage: npm run seed -- --scale small|medium|large [--reset] [--yes] [--today YYYY-MM-DD] [--serial]
  --scale   small: the sample set of npm start; medium: 50,000 activities; large: 500,000 activities,
            10 million check-ins, 2 million feedback, 1 million volunteers
  --reset   empty the hub's tables first (asks for confirmation unless --yes)
  --yes     do not ask
  --today   the day the demo campaign is built around (default: today); the same day and scale give the same rows
  --serial  load the four databases one after another (clean per-table timings); default: as many at once as cores`;

function parseArguments() {
  const { values } = parseCli({
    usage: USAGE,
    options: {
      scale: { type: 'string' },
      today: { type: 'string' },
      reset: { type: 'boolean', default: false },
      yes: { type: 'boolean', short: 'y', default: false },
      serial: { type: 'boolean', default: false },
    },
  });
  if (!values.scale) throw new UsageError('--scale is required');
  if (!['small', 'medium', 'large'].includes(values.scale)) throw new UsageError(`--scale must be small, medium or large (got ${values.scale})`);
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw new UsageError('--today must be YYYY-MM-DD');
  return { scale: values.scale, today: values.today, reset: values.reset, yes: values.yes, serial: values.serial };
}

async function confirm(question: string): Promise<boolean> {
  if (!process.stdin.isTTY) return false;
  const prompt = createInterface({ input: process.stdin, output: process.stdout });
  try {
    return /^y(es)?$/i.test((await prompt.question(`${question} [y/N] `)).trim());
  } finally {
    prompt.close();
  }
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const thousands = (n: number) => n.toLocaleString('en-US');

async function databaseSizes(urls: Record<SubgraphName, string>): Promise<Record<SubgraphName, number>> {
  const sizes = {} as Record<SubgraphName, number>;
  for (const name of SUBGRAPH_NAMES) {
    const client = new Client({ connectionString: urls[name] });
    await client.connect();
    try {
      sizes[name] = Number((await client.query('SELECT pg_database_size(current_database()) AS size')).rows[0].size);
    } finally {
      await client.end();
    }
  }
  return sizes;
}

function printReport(report: SeedReport, sizes: Record<SubgraphName, number>): void {
  console.log(`\nSeeded scale ${report.scale} in ${seconds(report.phases.total)} `
    + `(migrations ${seconds(report.phases.migrate)}, plan ${seconds(report.phases.plan)}, load ${seconds(report.phases.load)}, `
    + `vacuum/analyze ${seconds(report.phases.analyze)})\n`);
  const rows = report.tables.filter((t) => t.rows > 0 || t.copyMs > 0);
  console.log(`${'table'.padEnd(36)}${'rows'.padStart(13)}${'copy'.padStart(9)}${'indexes'.padStart(9)}${'derived'.padStart(9)}${'rows/s'.padStart(12)}`);
  for (const t of rows) {
    const busy = t.copyMs + t.indexMs + t.derivedMs;
    console.log(`${`${t.database}.${t.table}`.padEnd(36)}${thousands(t.rows).padStart(13)}${seconds(t.copyMs).padStart(9)}`
      + `${seconds(t.indexMs).padStart(9)}${seconds(t.derivedMs).padStart(9)}${(busy > 0 ? thousands(Math.round(t.rows / (busy / 1000))) : '').padStart(12)}`
      + `${t.note ? `  (${t.note})` : ''}`);
  }
  console.log('\nDatabase sizes:');
  for (const name of SUBGRAPH_NAMES) console.log(`  kepuri_${name.padEnd(14)} ${(sizes[name] / 1024 / 1024).toFixed(0).padStart(7)} MB`);
}

async function main(): Promise<number> {
  const options = parseArguments();
  const scale = scaleSpec(options.scale);
  let databases: HubDatabases | undefined;
  const interrupted = (signal: NodeJS.Signals) => {
    console.error(`\n${signal}: stopping (the load's transactions roll back)`);
    void (databases?.close() ?? Promise.resolve()).finally(() => process.exit(130));
  };
  process.on('SIGINT', interrupted);
  process.on('SIGTERM', interrupted);
  try {
    databases = await openHubDatabases();
    console.log(databases.description);
    const { urls, adminUrl } = databases;
    if (options.reset && !options.yes
      && !(await confirm(`--reset deletes every row of the hub's tables in kepuri_* on ${new URL(adminUrl).host}. Continue?`))) {
      console.error('Not confirmed (pass --yes to skip the question).');
      return 1;
    }
    const now = options.today ? new Date(`${options.today}T12:00:00+08:00`) : new Date();
    console.log(`Seeding scale ${options.scale}${options.reset ? ' (after emptying the tables)' : ''} …`);
    const report = await runSeed({ databases: urls, scale, now, reset: options.reset, concurrency: options.serial ? 1 : undefined, progress: true });
    printReport(report, await databaseSizes(urls));
    return 0;
  } catch (error) {
    if (error instanceof NonEmptyError) {
      console.error(`Refusing to seed: ${error.message}`);
      return 2;
    }
    throw error;
  } finally {
    await databases?.close();
  }
}

runCli(USAGE, main);
