import 'reflect-metadata';
import { createClient, type Client } from 'graphql-ws';
import { SignJWT } from 'jose';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { readFileSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { HOUR_MS, chinaDayStart, chinaYear } from '@kepuri/platform';
import { orgId } from '@kepuri/seed';
import { freePort } from './lib/postgres';
import { BENCH_METRICS_TOKEN, startHubProcess, type RunningHub } from './bench/hub-process';
import { ms, percentiles } from './bench/measure';
import { integerOption, parseCli, runCli } from './lib/cli';

/**
 * `npm run bench:subscriptions`: many concurrent subscribers on one gateway of a hub started as
 * `npm start` does (separate processes, production mode, a fresh embedded PostgreSQL with the
 * seed), all subscribed to checkInRecorded with a few distinct selections that reach four
 * subgraphs; check-ins at a steady rate; for every delivery, the latency from the commit (the
 * event's `at`, taken by PostgreSQL in the write's last statement) to the client's message
 * handler; and the gateway's resident memory. Loopback only; bounded in time and count.
 */
const USAGE = `Usage: npm run bench:subscriptions -- [--subscribers 5000] [--per-socket 1] [--events 60] [--rate 4] [--selections 4] [--timeout-seconds 300]
  Commit-to-client latency of checkInRecorded for many subscribers on one gateway, and its memory.`;

const { values } = parseCli({
  usage: USAGE,
  options: {
    subscribers: { type: 'string', default: '5000' },
    'per-socket': { type: 'string', default: '1' },
    events: { type: 'string', default: '60' },
    rate: { type: 'string', default: '4' },
    selections: { type: 'string', default: '4' },
    'timeout-seconds': { type: 'string', default: '300' },
  },
});
const subscribers = integerOption('subscribers', values.subscribers, 0, 1);
const perSocket = integerOption('per-socket', values['per-socket'], 0, 1);
const events = integerOption('events', values.events, 0, 1);
const rate = integerOption('rate', values.rate, 0, 1);
const selectionCount = integerOption('selections', values.selections, 0, 1);
const jwtSecret = randomBytes(32).toString('hex');

/** Distinct selections (each resolved once per event at the gateway), all with the commit time `at`. */
const SELECTIONS = [
  'checkInRecorded { at checkInCount activity { id title organizer { name } averageRating volunteerCount } }',
  'checkInRecorded { at checkInCount activity { title region { name } feedbackCount } }',
  'checkInRecorded { at day activity { id checkInCount serviceHours } }',
  'checkInRecorded { at checkInCount activity { title organizer { name region { name } } } }',
  'checkInRecorded { at activity { id } }',
  'checkInRecorded { at checkInCount }',
].map((selection) => `subscription { ${selection} }`);

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

function token(claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer('kepuri-hub').setIssuedAt().setExpirationTime('2h')
    .sign(new TextEncoder().encode(jwtSecret));
}

async function graphql<T>(url: string, query: string, variables: Record<string, unknown>, bearer?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (body.errors || !body.data) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** The gateway's heap in use, from its own /metrics (read a few times only: a scrape walks every socket). */
async function gatewayHeap(url: string): Promise<number> {
  const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'), { headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` } })).text();
  return Number(/^nodejs_heap_size_used_bytes(?:\{[^}]*\})? (\S+)$/m.exec(text)?.[1] ?? NaN);
}

interface ProcessInfo {
  pid: number;
  ppid: number;
  /** utime + stime, in clock ticks (1/100 s). */
  ticks: number;
  command: string;
}

/** Every process of the machine, from /proc (Linux): the hub's are told apart by their parent chain. */
function processes(): Map<number, ProcessInfo> {
  const all = new Map<number, ProcessInfo>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      const command = readFileSync(`/proc/${entry}/cmdline`, 'utf8').replace(/\0/g, ' ');
      all.set(Number(entry), { pid: Number(entry), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]), command });
    } catch {
      // the process ended meanwhile
    }
  }
  return all;
}

function descendants(all: Map<number, ProcessInfo>, root: number): ProcessInfo[] {
  const found: ProcessInfo[] = [];
  const walk = (pid: number) => {
    for (const info of all.values()) if (info.ppid === pid) {
      found.push(info);
      walk(info.pid);
    }
  };
  walk(root);
  return found;
}

/** Busy and total CPU ticks of the whole machine (/proc/stat). */
function machineTicks(): { busy: number; total: number } {
  const [, ...values] = readFileSync('/proc/stat', 'utf8').split('\n')[0].trim().split(/\s+/);
  const numbers = values.map(Number);
  const idle = numbers[3] + (numbers[4] ?? 0);
  const total = numbers.reduce((sum, value) => sum + value, 0);
  return { busy: total - idle, total };
}

/** A process's resident memory now and at its peak (VmRSS, VmHWM), in bytes. */
function memoryOf(pid: number): { rss: number; peak: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kib = (name: string) => Number(new RegExp(`^${name}:\\s+(\\d+) kB`, 'm').exec(status)?.[1] ?? NaN) * 1024;
  return { rss: kib('VmRSS'), peak: kib('VmHWM') };
}

/** CPU of the hub's parts, this process and everything else on the machine, as shares of one core over an interval. */
function cpuSnapshot(hubPid: number) {
  const all = processes();
  const hub = descendants(all, hubPid);
  const sum = (filter: (info: ProcessInfo) => boolean) => hub.filter(filter).reduce((total, info) => total + info.ticks, 0);
  const own = process.cpuUsage();
  return {
    at: Date.now(),
    gateway: sum((info) => info.command.includes('gateway/src/index.ts')),
    subgraphs: sum((info) => info.command.includes('subgraphs/')),
    postgres: sum((info) => info.command.includes('postgres')),
    hub: sum(() => true),
    client: ((own.user + own.system) / 1e6) * 100,
    machine: machineTicks(),
  };
}

/** Mean time the gateway spent resolving one event for one distinct selection (its lookups through the graph). */
async function resolutionMean(url: string): Promise<{ count: number; meanMs: number }> {
  const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'), { headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` } })).text();
  const value = (name: string) => Number(/\S+ (\S+)$/m.exec(text.split('\n').find((line) => line.startsWith(name)) ?? '')?.[1] ?? NaN);
  const count = value('hub_subscription_resolution_seconds_count');
  return { count, meanMs: (value('hub_subscription_resolution_seconds_sum') / count) * 1000 };
}

async function subscriptionCounts(url: string): Promise<string> {
  const text = await (await fetch(url.replace(/\/graphql$/, '/metrics'), { headers: { authorization: `Bearer ${BENCH_METRICS_TOKEN}` } })).text();
  const value = (name: string) => /\S+ (\S+)$/m.exec(text.split('\n').find((line) => line.startsWith(name)) ?? '')?.[1] ?? '?';
  return `subscribers ${value('hub_subscription_subscribers')}, distinct selections ${value('hub_subscription_groups')}, `
    + `upstream subscriptions ${value('hub_subscription_upstreams')}, sockets ${value('hub_ws_connections')}`;
}

const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

async function main(): Promise<void> {
  const dataDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'kepuri-subs-bench-')), 'postgres');
  const deadline = setTimeout(() => {
    console.error(`bench:subscriptions: not done after ${values['timeout-seconds']} s; giving up`);
    void hub?.stop().finally(() => process.exit(2));
  }, integerOption('timeout-seconds', values['timeout-seconds'], 0, 1) * 1000);
  deadline.unref();
  let hub: RunningHub | undefined;
  const sockets: Client[] = [];
  try {
    console.log('starting the hub (npm start, production mode, fresh seeded database) …');
    hub = await startHubProcess({
      PG_DATA_DIR: dataDir, PG_PORT: String(await freePort()), GATEWAY_PORT: String(await freePort()), SEED: 'true', JWT_SECRET: jwtSecret,
      ACTIVITIES_PORT: '0', ORGANIZATIONS_PORT: '0', VOLUNTEERING_PORT: '0', EVALUATIONS_PORT: '0',
    });
    const url = hub.url;
    const admin = await token({ role: 'admin', sub: 'bench-admin' });

    // An activity of this year's demo campaign held today, to check in to.
    const now = Date.now();
    const year = chinaYear(now);
    const { registerActivity } = await graphql<{ registerActivity: { id: string } }>(url,
      `mutation($input: RegisterActivityInput!) { registerActivity(input: $input) { id } }`, {
        input: {
          campaign: year, organizerId: orgId('中国科学技术协会'), title: '订阅压测活动', regionCode: '110000', category: 'JOINT_ACTION',
          jointAction: 'WATER_SAVING', contentAreas: ['SCIENTIFIC_SPIRIT'], mode: 'OFFLINE', venueKind: 'COMMUNITY', address: '北京市某社区',
          startsAt: new Date(Math.max(now - HOUR_MS, chinaDayStart(`${year}-01-01`).getTime() + 60_000)).toISOString(),
          endsAt: new Date(Math.min(now + HOUR_MS, chinaDayStart(`${year + 1}-01-01`).getTime() - 60_000)).toISOString(),
          expectedParticipants: 1000,
        },
      }, admin);
    const activityId = registerActivity.id;
    const gatewayPid = descendants(processes(), hub.child.pid!).find((info) => info.command.includes('gateway/src/index.ts'))?.pid;
    if (!gatewayPid) throw new Error('the gateway process was not found under the hub');
    const baseline = { ...memoryOf(gatewayPid), heap: await gatewayHeap(url) };

    // Subscribers: `perSocket` subscriptions on each socket, selections spread round-robin.
    const latencies: number[] = [];
    const received = new Map<number, number>(); // checkInCount → deliveries
    let errors = 0;
    let acknowledged = 0;
    const socketCount = Math.ceil(subscribers / perSocket);
    const opened = Date.now();
    let subscription = 0;
    for (let batch = 0; batch < socketCount; batch += 250) {
      const connecting: Array<Promise<void>> = [];
      for (let index = batch; index < Math.min(socketCount, batch + 250); index += 1) {
        connecting.push(new Promise<void>((resolve, reject) => {
          const client = createClient({
            url: url.replace(/^http/, 'ws'), webSocketImpl: WebSocket, retryAttempts: 0, lazy: false,
            on: { connected: () => resolve(), error: reject },
          });
          sockets.push(client);
          for (let slot = 0; slot < perSocket && subscription < subscribers; slot += 1, subscription += 1) {
            client.subscribe<{ checkInRecorded: { at: string; checkInCount?: number } }>(
              { query: process.env.ONLY ? SELECTIONS[Number(process.env.ONLY)] : SELECTIONS[subscription % Math.min(selectionCount, SELECTIONS.length)] },
              {
                next: (result) => {
                  const arrived = Date.now();
                  const event = result.data?.checkInRecorded;
                  if (!event || result.errors) {
                    errors += 1;
                    return;
                  }
                  latencies.push(arrived - Date.parse(event.at));
                  received.set(Date.parse(event.at), (received.get(Date.parse(event.at)) ?? 0) + 1);
                },
                error: () => {
                  errors += 1;
                },
                complete: () => undefined,
              },
            );
          }
        }).then(() => {
          acknowledged += 1;
        }));
      }
      await Promise.all(connecting);
    }
    // Subscriptions are sent right after connection_ack; give the gateway a moment to register them all.
    for (let wait = 0; wait < 50; wait += 1) {
      if ((await subscriptionCounts(url)).startsWith(`subscribers ${subscribers},`)) break;
      await sleep(200);
    }
    console.log(`${acknowledged} sockets, ${subscribers} subscriptions in ${((Date.now() - opened) / 1000).toFixed(1)} s: ${await subscriptionCounts(url)}`);
    const idle = { ...memoryOf(gatewayPid), heap: await gatewayHeap(url) };

    // Check-ins at a steady rate, each by a different user.
    const users = await Promise.all(Array.from({ length: events }, (_, index) => token({ role: 'public', sub: `bench-user-${index}` })));
    const started = Date.now();
    const cpuBefore = cpuSnapshot(hub.child.pid!);
    for (let index = 0; index < events; index += 1) {
      const due = started + (index * 1000) / rate;
      if (due > Date.now()) await sleep(due - Date.now());
      await graphql(url, `mutation($id: ID!) { checkIn(activityId: $id) { id } }`, { id: activityId }, users[index]);
    }
    // Wait for the last deliveries (bounded).
    const expected = events * subscribers;
    for (let wait = 0; wait < 100 && latencies.length + errors < expected; wait += 1) await sleep(100);
    const cpuAfter = cpuSnapshot(hub.child.pid!);
    const after = { ...memoryOf(gatewayPid), heap: await gatewayHeap(url) };
    const resolution = await resolutionMean(url);
    const seconds = (cpuAfter.at - cpuBefore.at) / 1000;
    const share = (key: 'gateway' | 'subgraphs' | 'postgres' | 'hub' | 'client') => (cpuAfter[key] - cpuBefore[key]) / seconds;
    const machineBusy = ((cpuAfter.machine.busy - cpuBefore.machine.busy) / (cpuAfter.machine.total - cpuBefore.machine.total)) * os.cpus().length * 100;
    const others = Math.max(0, machineBusy - share('hub') - share('client'));

    const stats = percentiles(latencies);
    const sorted = [...latencies].sort((a, b) => a - b);
    console.log(`\nmachine: ${os.cpus().length} × ${os.cpus()[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, node ${process.version}`);
    console.log(`load: ${subscribers} subscriptions on ${socketCount} sockets (${perSocket} per socket), ${Math.min(selectionCount, SELECTIONS.length)} distinct selections, `
      + `${events} check-ins at ${rate}/s → ${expected} deliveries expected`);
    console.log('\n| measure | value |');
    console.log('|---|---|');
    console.log(`| deliveries | ${latencies.length} of ${expected} (${errors} errors) |`);
    console.log(`| commit → client p50 | ${ms(stats.p50)} |`);
    console.log(`| commit → client p95 | ${ms(stats.p95)} |`);
    console.log(`| commit → client p99 | ${ms(stats.p99)} |`);
    console.log(`| commit → client max | ${ms(sorted.at(-1) ?? NaN)} |`);
    console.log(`| gateway RSS: before subscribers / with ${subscribers} idle / after the events / peak (VmHWM) | ${mib(baseline.rss)} / ${mib(idle.rss)} / ${mib(after.rss)} / ${mib(after.peak)} |`);
    console.log(`| gateway heap used: before / idle / after | ${mib(baseline.heap)} / ${mib(idle.heap)} / ${mib(after.heap)} |`);
    console.log(`| event resolution at the gateway (lookups through the graph), mean | ${ms(resolution.meanMs)} over ${resolution.count} resolutions |`);
    console.log(`| CPU while events flowed (${seconds.toFixed(1)} s), % of one core: gateway / subgraphs / PostgreSQL / bench client / other processes | `
      + `${share('gateway').toFixed(0)} / ${share('subgraphs').toFixed(0)} / ${share('postgres').toFixed(0)} / ${share('client').toFixed(0)} / ${others.toFixed(0)} |`);
    console.log(`\ntarget: p99 ≤ 250 ms → ${stats.p99 <= 250 ? 'met' : 'NOT met'}`);
    if (latencies.length < expected) process.exitCode = 1;
  } finally {
    await Promise.all(sockets.map(async (client) => client.dispose()));
    await hub?.stop();
    await rm(path.dirname(dataDir), { recursive: true, force: true });
    clearTimeout(deadline);
  }
}

runCli(USAGE, main);
