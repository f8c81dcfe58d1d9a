import 'reflect-metadata';
import autocannon from 'autocannon';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from './lib/postgres';
import { parseStartConfig } from './lib/start-config';
import { startHubProcess } from './bench/hub-process';
import { ms, percentiles, timeSequential } from './bench/measure';
import { dashboardFloors } from './bench/floors';
import { integerOption, parseCli, runCli } from './lib/cli';

/**
 * `npm run bench:dashboard`: the national dashboard (every provincial-level region with its three
 * stats, plus the national totals) through the gateway of a hub started as `npm start` does, on the
 * databases `npm run seed` filled; next to the floor — the same rollup rows read directly, one SQL
 * statement per subgraph, in parallel — and the ratio.
 */
const USAGE = `Usage: npm run bench:dashboard -- [--campaign 2020] [--requests 300] [--seconds 15] [--connections 8]
  The national dashboard through the gateway next to its floor (the rollup rows read directly).`;

const { values } = parseCli({
  usage: USAGE,
  options: {
    campaign: { type: 'string', default: '2020' },
    requests: { type: 'string', default: '300' },
    seconds: { type: 'string', default: '15' },
    connections: { type: 'string', default: '8' },
  },
});
const campaign = integerOption('campaign', values.campaign, 0, 2000);
const root = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const query = await readFile(path.join(root, 'schema/operations/national-dashboard.graphql'), 'utf8');
  const body = JSON.stringify({ query, variables: { campaign } });
  const start = parseStartConfig();
  const gatewayPort = await freePort();
  const hub = await startHubProcess({
    // The federated read itself, every time: the gateway's response cache off (bench:reads measures it on).
    RESPONSE_CACHE: 'off',
    GATEWAY_PORT: String(gatewayPort),
    ACTIVITIES_PORT: '0', ORGANIZATIONS_PORT: '0', VOLUNTEERING_PORT: '0', EVALUATIONS_PORT: '0',
  });
  try {
    const post = async () => {
      const response = await fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
      const json = (await response.json()) as { errors?: unknown; data?: { regions: unknown[] } };
      if (json.errors || !json.data) throw new Error(`dashboard query failed: ${JSON.stringify(json.errors)}`);
      return json.data;
    };
    const first = await post();
    console.log(`dashboard: ${first.regions.length} regions; warming up …`);
    await timeSequential(50, post);

    const sequential = percentiles(await timeSequential(integerOption('requests', values.requests, 0, 1), post));
    const load = await autocannon({
      url: hub.url, method: 'POST', headers: { 'content-type': 'application/json' }, body,
      connections: integerOption('connections', values.connections, 0, 1), duration: integerOption('seconds', values.seconds, 0, 1),
    });

    const floors = await dashboardFloors(start, campaign);
    const floorSamples = await timeSequential(integerOption('requests', values.requests, 0, 1), floors.run);
    await floors.close();
    const floor = percentiles(floorSamples);

    const [version] = (await (async () => {
      const client = new Client({ connectionString: floors.adminUrl });
      await client.connect();
      const { rows } = await client.query('SHOW server_version');
      await client.end();
      return rows.map((row) => row.server_version);
    })());
    console.log(`\nmachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, PostgreSQL ${version}`);
    console.log(`seed: ${floors.describe}`);
    console.log('\n| measure | p50 | p95 | p99 | throughput |');
    console.log('|---|---|---|---|---|');
    console.log(`| dashboard, one client (${values.requests} requests) | ${ms(sequential.p50)} | ${ms(sequential.p95)} | ${ms(sequential.p99)} | ${(1000 / sequential.mean).toFixed(0)} req/s |`);
    console.log(`| dashboard, ${values.connections} connections (${values.seconds} s) | ${load.latency.p50} ms | ${load.latency.p97_5 ?? '–'} ms (p97.5) | ${load.latency.p99} ms | ${load.requests.average.toFixed(0)} req/s (${load.non2xx + load.errors} failed) |`);
    console.log(`| floor: the rollup rows by SQL, one statement per subgraph in parallel | ${ms(floor.p50)} | ${ms(floor.p95)} | ${ms(floor.p99)} | ${(1000 / floor.mean).toFixed(0)} /s |`);
    console.log(`\nratio p95 dashboard / floor: ${(sequential.p95 / floor.p95).toFixed(1)}×  (targets: p95 ≤ 50 ms and ≤ 3× the floor)`);
  } finally {
    await hub.stop();
  }
}

runCli(USAGE, main);
