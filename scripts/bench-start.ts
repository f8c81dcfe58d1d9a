import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from './lib/postgres';
import { startHubProcess } from './bench/hub-process';
import { percentiles } from './bench/measure';
import { integerOption, parseCli, runCli } from './lib/cli';

const USAGE = `Usage: npm run bench:start -- [--runs 3]
  npm start from an empty data directory to the first answer, several times; then on the kept data.`;
const { values } = parseCli({ usage: USAGE, options: { runs: { type: 'string' } } });

/**
 * `npm run bench:start`: from `npm start` on an empty data directory (initdb, migrations, seed) to
 * the first answer of the walking-skeleton query, several times; then the same on the kept data.
 */
const QUERY = '{ activities(first: 3) { totalCount edges { node { id title region { name } organizer { name } volunteerCount serviceHours averageRating feedbackCount checkInCount } } } }';

async function once(dataDir: string): Promise<number> {
  const started = Date.now();
  const hub = await startHubProcess({
    PG_DATA_DIR: dataDir, PG_PORT: String(await freePort()), GATEWAY_PORT: String(await freePort()), SEED: 'true', NODE_ENV: 'development',
    ACTIVITIES_PORT: '0', ORGANIZATIONS_PORT: '0', VOLUNTEERING_PORT: '0', EVALUATIONS_PORT: '0',
  });
  try {
    const response = await fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
    const json = (await response.json()) as { data?: { activities: { totalCount: number } } };
    if (!json.data || json.data.activities.totalCount === 0) throw new Error('no answer');
    return (Date.now() - started) / 1000;
  } finally {
    await hub.stop();
  }
}

async function main(): Promise<void> {
  const runs = integerOption('runs', values.runs, 3, 1, 20);
  const fresh: number[] = [];
  const kept: number[] = [];
  for (let run = 0; run < runs; run += 1) {
    const dataDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'kepuri-start-bench-')), 'postgres');
    fresh.push(await once(dataDir));
    kept.push(await once(dataDir));
    await rm(path.dirname(dataDir), { recursive: true, force: true });
  }
  const show = (label: string, samples: number[]) =>
    console.log(`${label}: median ${percentiles(samples).p50.toFixed(1)} s (runs: ${samples.map((value) => value.toFixed(1)).join(', ')})`);
  show('npm start → first answer, empty data directory', fresh);
  show('npm start → first answer, data kept', kept);
}

runCli(USAGE, main);
