import 'reflect-metadata';
import autocannon from 'autocannon';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createClient, type Client as WsClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startHubProcess, type RunningHub } from './bench/hub-process';
import { describeMachine } from './bench/load';
import { publicToken } from './bench/seeds';
import { percentiles } from './bench/measure';
import { integerOption, parseCli, runCli } from './lib/cli';
import { freePort } from './lib/postgres';

/**
 * `npm run bench:soak`: the hub as `npm start` runs it in production mode, under a mixed load for
 * `--minutes` (10): anonymous reads of the kinds the dashboards send, check-ins by distinct public
 * users, and `--subscribers` WebSocket subscriptions held open the whole time (each receiving every
 * check-in). Every `--sample` seconds it reads each process's /metrics (heap used, resident memory,
 * active handles, event-loop lag) and the load's latency in that interval, and prints them over
 * time; at the end, whether heap and handles levelled off (the last third against the second).
 */
const USAGE = `Usage: npm run bench:soak -- [--minutes 10] [--sample 30] [--connections 16] [--subscribers 200]
  A mixed load (reads, check-ins, subscriptions) for a while; heap, handles and latency over time.`;

const { values } = parseCli({
  usage: USAGE,
  options: {
    minutes: { type: 'string', default: '10' },
    sample: { type: 'string', default: '30' },
    connections: { type: 'string', default: '16' },
    subscribers: { type: 'string', default: '200' },
  },
});

const READS = [
  '{ campaign(year: 2020) { theme activityStats { activityCount checkInCount } volunteerStats { volunteerCount } } }',
  '{ regions(level: PROVINCE) { code name activityStats(campaign: 2020) { activityCount } } }',
  '{ activities(first: 10, filter: { campaign: 2020 }) { edges { node { title organizer { name } averageRating } } } }',
  '{ topActivitiesByCheckIns(campaign: 2020, first: 10) { title checkInCount } }',
];
const CHECK_IN = 'mutation($a: ID!) { checkIn(activityId: $a) { id } }';
const PROCESSES = ['gateway', 'activities', 'organizations', 'volunteering', 'evaluations'] as const;

interface Sample {
  minute: number;
  reads: { rate: number; p50: number; p99: number };
  checkIns: { rate: number; p50: number; p99: number };
  events: number;
  byProcess: Record<string, { heapMb: number; rssMb: number; handles: number; lagMs: number }>;
}

/** prom-client's default metrics of one process. */
async function processMetrics(url: string): Promise<{ heapMb: number; rssMb: number; handles: number; lagMs: number }> {
  const text = await (await fetch(url)).text();
  const value = (name: string) => {
    const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `) || candidate.startsWith(`${name}{`));
    return line ? Number(line.split(' ').at(-1)) : Number.NaN;
  };
  return {
    heapMb: value('nodejs_heap_size_used_bytes') / 2 ** 20,
    rssMb: value('process_resident_memory_bytes') / 2 ** 20,
    handles: value('nodejs_active_handles_total'),
    lagMs: value('nodejs_eventloop_lag_p99_seconds') * 1000,
  };
}

/** A closed-loop load that runs until stopped, keeping every latency with the time it was measured. */
function endlessLoad(options: autocannon.Options): { latencies: Array<[number, number]>; failed: () => number; stop(): Promise<void> } {
  const latencies: Array<[number, number]> = [];
  let failed = 0;
  let finished: () => void = () => undefined;
  const done = new Promise<void>((resolve) => (finished = resolve));
  const instance = autocannon({ ...options, duration: 24 * 3600 }, () => finished());
  instance.on('response', (_client: unknown, status: number, _bytes: number, ms: number) => {
    latencies.push([Date.now(), ms]);
    if (status !== 200) failed += 1;
  });
  return { latencies, failed: () => failed, stop: async () => { instance.stop(); await done; } };
}

async function postJson<T>(url: string, query: string, variables: Record<string, unknown> = {}, bearer?: string, allowErrors = false): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const body = (await response.json()) as { data?: T; errors?: unknown };
  if (body.errors && !allowErrors) throw new Error(`${query.slice(0, 60)}: ${JSON.stringify(body.errors)}`);
  return (body.data ?? {}) as T;
}

function interval(latencies: Array<[number, number]>, from: number, to: number, seconds: number) {
  const inside = latencies.filter(([at]) => at >= from && at < to).map(([, ms]) => ms);
  if (inside.length === 0) return { rate: 0, p50: 0, p99: 0 };
  const { p50, p99 } = percentiles(inside);
  return { rate: inside.length / seconds, p50: Math.round(p50 * 10) / 10, p99: Math.round(p99 * 10) / 10 };
}

async function main(): Promise<number> {
  const minutes = integerOption('minutes', values.minutes, 10, 1, 24 * 60);
  const sampleSeconds = integerOption('sample', values.sample, 30, 5, 3600);
  const connections = integerOption('connections', values.connections, 16, 1, 1000);
  const subscribers = integerOption('subscribers', values.subscribers, 200, 0, 100_000);
  const work = await mkdtemp(path.join(os.tmpdir(), 'kepuri-soak-'));
  const jwtSecret = randomBytes(32).toString('hex');
  const ports = Object.fromEntries(await Promise.all(PROCESSES.map(async (name) => [name, await freePort()] as const)));
  const metricsPort = await freePort();
  let hub: RunningHub | undefined;
  const sockets: WsClient[] = [];
  try {
    hub = await startHubProcess({
      SEED: 'true', PG_DATA_DIR: path.join(work, 'postgres'), PG_PORT: String(await freePort()), JWT_SECRET: jwtSecret,
      GATEWAY_PORT: String(ports.gateway), ACTIVITIES_PORT: String(ports.activities), ORGANIZATIONS_PORT: String(ports.organizations),
      VOLUNTEERING_PORT: String(ports.volunteering), EVALUATIONS_PORT: String(ports.evaluations), METRICS_PORT: String(metricsPort),
    });
    const url = hub.url;
    const metricsUrls: Record<string, string> = {
      gateway: `http://127.0.0.1:${metricsPort}/metrics`,
      ...Object.fromEntries(PROCESSES.filter((name) => name !== 'gateway').map((name) => [name, `http://127.0.0.1:${ports[name]}/metrics`])),
    };
    // The activities a check-in is accepted for today (the demo campaign's windows are open around today).
    const day = new Date(Date.now() + 8 * 3_600_000).toISOString().slice(0, 10);
    const listed = await postJson<{ activities: { edges: Array<{ node: { id: string } }> } }>(url,
      `{ activities(first: 100, filter: { campaign: ${new Date().getUTCFullYear()}, status: REGISTERED, from: "${day}T00:00:00+08:00", to: "${day}T23:59:59+08:00" }) { edges { node { id } } } }`);
    const targets: string[] = [];
    for (const { node } of listed.activities.edges) {
      const tried = await postJson<{ checkIn: { id: string } | null }>(url, CHECK_IN, { a: node.id }, publicToken(jwtSecret, 'soak-probe', 86_400), true);
      if (tried.checkIn) targets.push(node.id);
    }
    if (targets.length === 0) throw new Error('no activity open today to check in to');

    // Subscribers: every check-in reaches each of them through the gateway.
    let events = 0;
    const wsUrl = url.replace(/^http/, 'ws');
    for (let index = 0; index < subscribers; index += 1) {
      const socket = createClient({ url: wsUrl, webSocketImpl: WebSocket, lazy: false, retryAttempts: 0 });
      sockets.push(socket);
      socket.subscribe({ query: `subscription($a: ID) { checkInRecorded(activityId: $a) { checkInCount } }`, variables: { a: targets[index % targets.length] } }, {
        next: () => { events += 1; }, error: () => undefined, complete: () => undefined,
      });
    }

    let readIndex = 0;
    let sent = 0;
    const readers = endlessLoad({
      url, method: 'POST', connections: Math.max(1, connections - Math.floor(connections / 4)),
      requests: [{ setupRequest: (request: autocannon.Request) => ({ ...request, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: READS[readIndex++ % READS.length] }) }) }],
    } as autocannon.Options);
    const writers = endlessLoad({
      url, method: 'POST', connections: Math.max(1, Math.floor(connections / 4)),
      requests: [{
        setupRequest: (request: autocannon.Request) => {
          const n = sent++;
          return { ...request, headers: { 'content-type': 'application/json', authorization: `Bearer ${publicToken(jwtSecret, `soak-${n}`, 86_400)}` },
            body: JSON.stringify({ query: CHECK_IN, variables: { a: targets[n % targets.length] } }) };
        },
      }],
    } as autocannon.Options);

    console.log(`bench:soak — ${describeMachine()}\n${minutes} min, ${connections} connections (reads ${Math.max(1, connections - Math.floor(connections / 4))}, check-ins ${Math.max(1, Math.floor(connections / 4))}), ${subscribers} subscriptions, a sample every ${sampleSeconds} s\n`);
    const samples: Sample[] = [];
    const started = Date.now();
    let eventsBefore = 0;
    while (Date.now() - started < minutes * 60_000) {
      const from = Date.now();
      await new Promise((resolve) => setTimeout(resolve, sampleSeconds * 1000));
      const to = Date.now();
      const byProcess = Object.fromEntries(await Promise.all(PROCESSES.map(async (name) => [name, await processMetrics(metricsUrls[name])] as const)));
      const sample: Sample = {
        minute: (to - started) / 60_000,
        reads: interval(readers.latencies, from, to, (to - from) / 1000),
        checkIns: interval(writers.latencies, from, to, (to - from) / 1000),
        events: (events - eventsBefore) / ((to - from) / 1000),
        byProcess,
      };
      eventsBefore = events;
      samples.push(sample);
      // Old latencies are summarised already.
      for (const load of [readers, writers]) load.latencies.splice(0, load.latencies.findIndex(([at]) => at >= to) === -1 ? load.latencies.length : load.latencies.findIndex(([at]) => at >= to));
      const heap = PROCESSES.map((name) => `${name} ${byProcess[name].heapMb.toFixed(0)}`).join(', ');
      console.log(`${sample.minute.toFixed(1)} min: reads ${sample.reads.rate.toFixed(0)}/s p99 ${sample.reads.p99} ms; check-ins ${sample.checkIns.rate.toFixed(0)}/s p99 ${sample.checkIns.p99} ms; `
        + `events ${sample.events.toFixed(0)}/s; heap MB ${heap}; handles gateway ${byProcess.gateway.handles}`);
    }
    await Promise.all([readers.stop(), writers.stop()]);

    console.log('\n| minute | reads/s | read p50 / p99 | check-ins/s | check-in p50 / p99 | events/s | heap used MB (gw, act, org, vol, eval) | RSS MB gateway | handles (gw, act, org, vol, eval) | event-loop lag p99 gateway |');
    console.log('|---|---|---|---|---|---|---|---|---|---|');
    for (const sample of samples) {
      const of = (pick: (metrics: Sample['byProcess'][string]) => number, digits = 0) => PROCESSES.map((name) => pick(sample.byProcess[name]).toFixed(digits)).join(', ');
      console.log(`| ${sample.minute.toFixed(1)} | ${sample.reads.rate.toFixed(0)} | ${sample.reads.p50} / ${sample.reads.p99} ms | ${sample.checkIns.rate.toFixed(0)} | `
        + `${sample.checkIns.p50} / ${sample.checkIns.p99} ms | ${sample.events.toFixed(0)} | ${of((m) => m.heapMb)} | ${sample.byProcess.gateway.rssMb.toFixed(0)} | ${of((m) => m.handles)} | ${sample.byProcess.gateway.lagMs.toFixed(1)} ms |`);
    }
    // Levelling off: the last third of the run against the second (the first warms up). The heap is a
    // sawtooth between collections, so its floor (the lowest sample of a third) is what must not climb.
    const third = Math.max(1, Math.floor(samples.length / 3));
    const middle = samples.slice(third, 2 * third);
    const last = samples.slice(-third);
    const floor = (list: Sample[], pick: (sample: Sample) => number) => Math.min(...list.map(pick));
    const mean = (list: Sample[], pick: (sample: Sample) => number) => list.reduce((sum, sample) => sum + pick(sample), 0) / Math.max(1, list.length);
    let levelled = true;
    console.log('');
    for (const name of PROCESSES) {
      const heap = [floor(middle, (s) => s.byProcess[name].heapMb), floor(last, (s) => s.byProcess[name].heapMb)];
      const handles = [mean(middle, (s) => s.byProcess[name].handles), mean(last, (s) => s.byProcess[name].handles)];
      const heapGrowth = (heap[1] - heap[0]) / heap[0];
      const ok = heapGrowth < 0.1 && handles[1] <= handles[0] * 1.1 + 5;
      levelled &&= ok;
      console.log(`${name}: heap floor ${heap[0].toFixed(1)} → ${heap[1].toFixed(1)} MB (${(heapGrowth * 100).toFixed(1)}%), handles ${handles[0].toFixed(0)} → ${handles[1].toFixed(0)}: ${ok ? 'levelled off' : 'STILL GROWING'}`);
    }
    console.log(`\nfailed: reads ${readers.failed()}, check-ins ${writers.failed()}; ${levelled ? 'heap and handles levelled off' : 'something kept growing'}`);
    return levelled ? 0 : 1;
  } finally {
    await Promise.all(sockets.map((socket) => socket.dispose()));
    await hub?.stop();
    await rm(work, { recursive: true, force: true });
  }
}

runCli(USAGE, main);
