import 'reflect-metadata';
import { createHash, randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { HOUR_MS, chinaDayStart, chinaYear } from '@kepuri/platform';
import { orgId } from '@kepuri/seed';
import { freePort } from './lib/postgres';
import { startRedisServer, type RedisServer } from './lib/redis';
import { BENCH_METRICS_TOKEN, startHubProcess, type RunningHub } from './bench/hub-process';
import { describeMachine, measureLoad, rate, ratio, type LoadRequest, type LoadResult } from './bench/load';
import { LARGE_DEFAULTS, clientToken, freeHubPorts, postGraphQL as post, seedData } from './bench/seeds';
import { parseCli, runCli } from './lib/cli';

/**
 * `npm run bench:reads [-- --quick] [--seconds 10] [--connections 16] [--scales small,large] [--modes uncached,memory,redis]`:
 * the public dashboard's read path under load, through the gateway of a hub started as `npm start` does
 * (five processes, production mode). For each seed and each mode the hub is started afresh and measured:
 * `{ __typename }` (the gateway alone, the reference of that run), then `schema/operations/dashboard-page.graphql`
 * as the /dashboard page sends it — anonymous, 16 connections, closed loop, the load generator on the same
 * machine. Modes: `uncached` (RESPONSE_CACHE=off), `memory` (the response cache in the gateway's memory,
 * the default), `redis` (REDIS_URL: the shared cache on a redis-server this script starts). Cached runs also
 * give the hit rate (the gateway's /metrics) and how long a new check-in takes to show in the cached answer.
 *
 * Self-contained, so it runs on an older commit too: there RESPONSE_CACHE and REDIS_URL mean nothing, every
 * mode is uncached and the hit rate is "n/a". The small seed is `npm start`'s own, on a fresh embedded
 * PostgreSQL; the large one is read from `--large-data-dir` (loaded once with
 * `PG_DATA_DIR=/tmp/kepuri-large/postgres PG_PORT=37205 npm run seed -- --scale large --reset --yes`) and
 * skipped when that folder does not exist.
 */
const USAGE = `Usage: npm run bench:reads -- [--quick] [--seconds 10] [--connections 16] [--scales small,large]
    [--modes uncached,memory,redis] [--campaign YEAR] [--large-data-dir DIR] [--large-pg-port PORT]
  Public reads through the gateway with the response cache off, in memory and in Redis: rate, p50/p99, hit rate.`;

const { values } = parseCli({
  usage: USAGE,
  options: {
    quick: { type: 'boolean', default: false },
    seconds: { type: 'string' },
    connections: { type: 'string', default: '16' },
    scales: { type: 'string', default: 'small,large' },
    modes: { type: 'string', default: 'uncached,memory,redis' },
    campaign: { type: 'string' },
    'large-data-dir': { type: 'string', default: LARGE_DEFAULTS.dataDir },
    'large-pg-port': { type: 'string', default: LARGE_DEFAULTS.pgPort },
  },
});
const seconds = Number(values.seconds ?? (values.quick ? 3 : 10));
const warmupSeconds = values.quick ? 1 : 3;
const connections = Number(values.connections);
const campaign = Number(values.campaign ?? chinaYear(Date.now()));
const root = path.resolve(__dirname, '..');
const jwtSecret = randomBytes(32).toString('hex');
const PREFLIGHT = { 'apollo-require-preflight': 'true' }; // Apollo Server's CSRF rule for GET

type Mode = 'uncached' | 'memory' | 'redis';

interface Row {
  scale: string;
  mode: Mode;
  operation: string;
  result: LoadResult;
  reference: number;
}

interface Summary {
  scale: string;
  mode: Mode;
  hitRate: string;
  freshness: string;
  bytes: number;
  cacheControl: string;
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

const token = (claims: Record<string, unknown>) => clientToken(jwtSecret, claims);

/** The dashboard's query as a GET with an automatic persisted query: the hash only, or (to register it) with the text. */
function persistedGet(url: string, query: string, operationName: string, variables: Record<string, unknown>, withText = false): string {
  const hash = createHash('sha256').update(query).digest('hex');
  const search = new URLSearchParams({
    operationName,
    variables: JSON.stringify(variables),
    extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: hash } }),
  });
  if (withText) search.set('query', query);
  return `${url}?${search}`;
}

interface DashboardAnswer {
  data?: { campaign: { activityStats: { checkInCount: number } } | null };
  errors?: Array<{ message: string }>;
}

async function getDashboard(target: string): Promise<{ answer: DashboardAnswer; bytes: number; cacheControl: string }> {
  const response = await fetch(target, { headers: PREFLIGHT });
  const text = await response.text();
  return { answer: JSON.parse(text) as DashboardAnswer, bytes: Buffer.byteLength(text), cacheControl: response.headers.get('cache-control') ?? '(none)' };
}

/** hit and miss counts of the gateway's response cache, or null where the gateway has none (an older commit). */
async function cacheCounts(url: string): Promise<{ hit: number; miss: number } | null> {
  const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'), { headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` } })).text();
  const count = (result: string) => {
    const line = text.split('\n').find((entry) => entry.startsWith('hub_response_cache_requests_total{') && entry.includes(`result="${result}"`));
    return line ? Number(line.split(' ').at(-1)) : null;
  };
  const [hit, miss] = [count('hit'), count('miss')];
  return hit === null && miss === null ? null : { hit: hit ?? 0, miss: miss ?? 0 };
}

/** An activity of the campaign held today: registered by the host if registration is open, else one already running. */
async function activityHeldToday(url: string): Promise<string | null> {
  const now = Date.now();
  const admin = await token({ role: 'admin', sub: 'bench-admin' });
  try {
    const { registerActivity } = await post<{ registerActivity: { id: string } }>(url,
      'mutation($input: RegisterActivityInput!) { registerActivity(input: $input) { id } }', {
        input: {
          campaign, organizerId: orgId('中国科学技术协会'), title: '读取压测活动', regionCode: '110000', category: 'JOINT_ACTION',
          jointAction: 'WATER_SAVING', contentAreas: ['SCIENTIFIC_SPIRIT'], mode: 'OFFLINE', venueKind: 'COMMUNITY', address: '北京市某社区',
          startsAt: new Date(Math.max(now - HOUR_MS, chinaDayStart(`${campaign}-01-01`).getTime() + 60_000)).toISOString(),
          endsAt: new Date(Math.min(now + HOUR_MS, chinaDayStart(`${campaign + 1}-01-01`).getTime() - 60_000)).toISOString(),
          expectedParticipants: 100,
        },
      }, admin);
    return registerActivity.id;
  } catch {
    const { activities } = await post<{ activities: { edges: Array<{ node: { id: string } }> } }>(url,
      'query($filter: ActivityFilter) { activities(first: 1, filter: $filter) { edges { node { id } } } }',
      { filter: { campaign, status: 'REGISTERED', from: new Date(now).toISOString(), to: new Date(now + 1_000).toISOString() } }, admin);
    return activities.edges[0]?.node.id ?? null;
  }
}

/** Seconds from a check-in's answer until the anonymous, persisted dashboard GET shows it. */
async function checkInVisibleAfter(url: string, dashboardGet: string): Promise<string> {
  const activityId = await activityHeldToday(url);
  if (!activityId) return `n/a (no activity of ${campaign} is held today)`;
  const before = (await getDashboard(dashboardGet)).answer.data?.campaign?.activityStats.checkInCount;
  if (before === undefined) return 'n/a (the dashboard answered no campaign)';
  await post(url, 'mutation($id: ID!) { checkIn(activityId: $id) { id } }', { id: activityId },
    await token({ role: 'public', sub: `bench-reader-${randomBytes(4).toString('hex')}` }));
  const started = Date.now();
  while (Date.now() - started < 60_000) {
    const shown = (await getDashboard(dashboardGet)).answer.data?.campaign?.activityStats.checkInCount ?? before;
    if (shown > before) return `${((Date.now() - started) / 1000).toFixed(1)} s`;
    await sleep(50);
  }
  return 'not within 60 s';
}

async function benchOneHub(scale: string, mode: Mode, hubEnv: Record<string, string>, query: string, rows: Row[], summaries: Summary[]): Promise<void> {
  const env: Record<string, string> = { ...hubEnv, JWT_SECRET: jwtSecret, ...(await freeHubPorts()) };
  let redis: RedisServer | undefined;
  if (mode === 'uncached') env.RESPONSE_CACHE = 'off';
  if (mode === 'redis') {
    redis = await startRedisServer(await freePort());
    env.REDIS_URL = redis.url;
  }
  let hub: RunningHub | undefined;
  try {
    console.log(`\n[${scale} / ${mode}] starting the hub …`);
    hub = await startHubProcess(env);
    const url = hub.url;
    const variables = { campaign };
    const dashboardGet = persistedGet(url, query, 'DashboardPage', variables);
    // Register the persisted query once (a client does so on its first PERSISTED_QUERY_NOT_FOUND), and check the answer.
    const first = await getDashboard(persistedGet(url, query, 'DashboardPage', variables, true));
    if (first.answer.errors || !first.answer.data?.campaign) throw new Error(`dashboard-page answered ${JSON.stringify(first.answer.errors ?? first.answer.data)}`);
    const load = { connections, seconds, warmupSeconds };
    const typename = await measureLoad({ url, body: JSON.stringify({ query: '{ __typename }' }), headers: { 'content-type': 'application/json' } }, load);
    rows.push({ scale, mode, operation: '`{ __typename }` (POST)', result: typename, reference: typename.rate });
    console.log(`  { __typename }: ${rate(typename.rate)}, p50 ${typename.p50} ms`);

    const runs: Array<[string, LoadRequest]> = mode === 'uncached'
      ? [['dashboard-page (POST)', { url, body: JSON.stringify({ query, variables, operationName: 'DashboardPage' }), headers: { 'content-type': 'application/json' } }]]
      : [
        ['dashboard-page (GET, persisted)', { url: dashboardGet, method: 'GET', headers: PREFLIGHT }],
        ...(mode === 'memory'
          ? [['dashboard-page (POST)', { url, body: JSON.stringify({ query, variables, operationName: 'DashboardPage' }), headers: { 'content-type': 'application/json' } }] as [string, LoadRequest]]
          : []),
      ];
    let hitRate = 'n/a';
    for (const [operation, request] of runs) {
      const countsBefore = await cacheCounts(url);
      const result = await measureLoad(request, load);
      const countsAfter = await cacheCounts(url);
      rows.push({ scale, mode, operation, result, reference: typename.rate });
      console.log(`  ${operation}: ${rate(result.rate)}, p50 ${result.p50} ms (${ratio(result.rate / typename.rate)} of { __typename })`);
      if (countsBefore && countsAfter && operation.includes('GET')) {
        const hits = countsAfter.hit - countsBefore.hit;
        const misses = countsAfter.miss - countsBefore.miss;
        hitRate = `${((100 * hits) / Math.max(1, hits + misses)).toFixed(2)} % (${hits} hits, ${misses} misses)`;
      }
    }
    const freshness = await checkInVisibleAfter(url, dashboardGet);
    console.log(`  a new check-in shows in the dashboard after ${freshness}; hit rate ${hitRate}`);
    summaries.push({ scale, mode, hitRate, freshness, bytes: first.bytes, cacheControl: first.cacheControl });
  } finally {
    await hub?.stop();
    await redis?.stop();
  }
}

async function main(): Promise<void> {
  const query = await readFile(path.join(root, 'schema/operations/dashboard-page.graphql'), 'utf8');
  const modes = values.modes.split(',').map((mode) => mode.trim()) as Mode[];
  const machine = describeMachine();
  console.log(`bench:reads — ${machine}\ncampaign ${campaign}, ${connections} connections, ${seconds} s per measure (after ${warmupSeconds} s of warm-up)`);
  const rows: Row[] = [];
  const summaries: Summary[] = [];
  const skipped: string[] = [];
  for (const scale of values.scales.split(',').map((entry) => entry.trim())) {
    const data = await seedData(scale, { dataDir: values['large-data-dir'], pgPort: values['large-pg-port'] });
    if (typeof data === 'string') {
      skipped.push(`${scale}: ${data}`);
      continue;
    }
    try {
      for (const mode of modes) {
        if (mode === 'redis' && !(await redisAvailable())) {
          skipped.push(`${scale} / redis: no redis-server on PATH (apt-get install redis-server)`);
          continue;
        }
        await benchOneHub(scale, mode, data.env, query, rows, summaries);
      }
    } finally {
      await data.cleanup();
    }
  }

  console.log(`\n## bench:reads\n\n${machine}; campaign ${campaign}; ${connections} connections; ${seconds} s per measure.\n`);
  console.log('| seed | cache | operation | rate | p50 | p99 | failed | ratio to `{ __typename }` of the same run |');
  console.log('|---|---|---|---:|---:|---:|---:|---:|');
  for (const row of rows) {
    console.log(`| ${row.scale} | ${row.mode} | ${row.operation} | ${rate(row.result.rate)} | ${row.result.p50} ms | ${row.result.p99} ms | ${row.result.failed} | ${ratio(row.result.rate / row.reference)} |`);
  }
  console.log('\n| seed | cache | hit rate (GET run) | new check-in visible after | answer size | cache-control |');
  console.log('|---|---|---|---|---:|---|');
  for (const summary of summaries) {
    console.log(`| ${summary.scale} | ${summary.mode} | ${summary.hitRate} | ${summary.freshness} | ${(summary.bytes / 1024).toFixed(1)} kB | \`${summary.cacheControl}\` |`);
  }
  const scales = [...new Set(rows.map((row) => row.scale))];
  for (const scale of scales) {
    const uncached = rows.find((row) => row.scale === scale && row.mode === 'uncached' && row.operation.startsWith('dashboard'));
    for (const cached of rows.filter((row) => row.scale === scale && row.mode !== 'uncached' && row.operation.startsWith('dashboard'))) {
      console.log(`${scale}, ${cached.mode}, ${cached.operation}: ${ratio(cached.result.rate / cached.reference)} of { __typename } (target ≥ 0.5×)`
        + (uncached ? `, ${ratio(cached.result.rate / uncached.result.rate)} the uncached rate` : ''));
    }
  }
  for (const line of skipped) console.log(`skipped ${line}`);
}

async function redisAvailable(): Promise<boolean> {
  try {
    const server = await startRedisServer(await freePort());
    await server.stop();
    return true;
  } catch {
    return false;
  }
}

runCli(USAGE, main);
