import 'reflect-metadata';
import { Client } from 'pg';
import { DataSource, type Logger } from 'typeorm';
import { definition as activitiesDefinition } from '../subgraphs/activities/src/app';
import { HubClient, ANONYMOUS } from '@kepuri/platform';
import { openHubDatabases } from './lib/seed/databases';
import { integerOption, parseCli, runCli } from './lib/cli';

/**
 * `npm run explain:search [-- --keyword 节水 --first 20]`
 *
 * Runs what the gateway's `activities(filter: { keyword }, first)` costs the activities subgraph —
 * the ActivityService's own page and count statements, captured as TypeORM sends them, not retyped
 * — against the seeded database, then EXPLAIN (ANALYZE, BUFFERS) of each. Exits 1 when a plan
 * reads the activities table sequentially.
 */

interface Captured {
  sql: string;
  parameters: unknown[];
}

/** Records every statement the service sends (and otherwise stays quiet). */
class CapturingLogger implements Logger {
  readonly statements: Captured[] = [];
  logQuery(query: string, parameters?: unknown[]): void {
    this.statements.push({ sql: query, parameters: parameters ?? [] });
  }
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  logMigration(): void {}
  log(): void {}
}

const USAGE = `Usage: npm run explain:search [-- --keyword 节水 --first 20]
  EXPLAIN (ANALYZE, BUFFERS) of what the activities subgraph sends for a keyword search; exits 1 when a
  plan reads the activities table sequentially.`;

function parseArguments(): { keyword: string; first: number } {
  const { values } = parseCli({ usage: USAGE, options: { keyword: { type: 'string', default: '节水' }, first: { type: 'string' } } });
  return { keyword: values.keyword, first: integerOption('first', values.first, 20, 1, 200) };
}

/** The node types of a text plan, in order of first appearance (e.g. Bitmap Heap Scan, Sort, Limit). */
function planNodes(plan: string): string[] {
  const nodes = plan.split('\n')
    .map((line) => line.replace(/^\s*(->\s*)?/, ''))
    .filter((line) => /\(cost=/.test(line))
    .map((line) => line.slice(0, line.indexOf('  (cost=')).replace(/ (on|using) .*$/, ''));
  return [...new Set(nodes)];
}

async function main(): Promise<number> {
  const { keyword, first } = parseArguments();
  const databases = await openHubDatabases();
  console.log(databases.description);
  const logger = new CapturingLogger();
  // The subgraph's entities and services, on a data source like its own but with a recording logger.
  const dataSource = new DataSource({
    type: 'postgres', url: databases.urls.activities, entities: activitiesDefinition.entities,
    synchronize: false, migrationsRun: false, logger, applicationName: 'kepuri-explain-search', extra: { max: 2 },
  });
  const client = new Client({ connectionString: databases.urls.activities, application_name: 'kepuri-explain-search' });
  try {
    await dataSource.initialize();
    await client.connect();
    const { rows: [{ count }] } = await client.query<{ count: string }>('SELECT count(*) FROM activities');
    console.log(`activities: ${Number(count).toLocaleString('en-US')} rows`);
    const services = activitiesDefinition.createServices(dataSource, {
      now: () => new Date(),
      hub: new HubClient('activities', () => 'http://127.0.0.1:1/graphql', 'unused-by-this-query'),
    });
    const started = logger.statements.length;
    const page = await services.activities.list({ keyword }, first, undefined, ANONYMOUS);
    const statements = logger.statements.slice(started).filter((statement) => /^\s*SELECT/i.test(statement.sql));
    console.log(`activities(filter: { keyword: "${keyword}" }, first: ${first}): totalCount ${page.totalCount}, ${page.edges.length} on the page, `
      + `${statements.length} statements\n`);

    let sequential = false;
    for (const [n, statement] of statements.entries()) {
      const label = /COUNT\(/i.test(statement.sql) ? 'count' : 'page';
      const { rows } = await client.query<{ 'QUERY PLAN': string }>(`EXPLAIN (ANALYZE, BUFFERS) ${statement.sql}`, statement.parameters);
      const plan = rows.map((row) => row['QUERY PLAN']).join('\n');
      console.log(`── statement ${n + 1} (${label}) ──\n${statement.sql}\n-- parameters: ${JSON.stringify(statement.parameters)}\n\n${plan}\n`);
      const nodes = planNodes(plan);
      console.log(`plan nodes: ${nodes.join(', ')}; execution ${/Execution Time: ([\d.]+ ms)/.exec(plan)?.[1] ?? '?'}\n`);
      if (/Seq Scan on activities\b/.test(plan)) {
        sequential = true;
        console.log(`✗ the ${label} statement reads activities sequentially\n`);
      }
    }
    if (statements.length === 0) throw new Error('the service sent no SELECT: nothing to explain');
    console.log(sequential ? 'FAIL: a keyword search plan contains Seq Scan on activities' : 'OK: no Seq Scan on activities in the keyword search plans');
    return sequential ? 1 : 0;
  } finally {
    await client.end().catch(() => undefined);
    if (dataSource.isInitialized) await dataSource.destroy();
    await databases.close();
  }
}

runCli(USAGE, main);
