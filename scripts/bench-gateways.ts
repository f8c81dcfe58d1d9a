import 'reflect-metadata';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { signIdentity } from '@kepuri/platform';
import { startHubProcess, type RunningHub } from './bench/hub-process';
import { describeMachine, measureLoad, rate, ratio, type LoadResult } from './bench/load';
import { LARGE_DEFAULTS, clientToken, freeHubPorts, postGraphQL, seedData } from './bench/seeds';
import { parseCli, runCli } from './lib/cli';

/**
 * `npm run bench:gateways [-- --quick] [--seconds 10] [--rounds 2] [--connections 16] [--scale small|large]`:
 * this hub's gateway, stock @apollo/gateway (a plain ApolloServer + ApolloGateway) and Hive Gateway
 * (@graphql-hive/gateway's runtime), each in its own process, on the hub's own supergraph (from its
 * registry, GET /registry/supergraph) and the same four subgraph processes, uncached (the hub with
 * RESPONSE_CACHE=off; neither peer caches responses by default). Measured one gateway at a time, in
 * rounds that alternate the order: `{ __typename }` and the federated dashboard-page operation, anonymous,
 * 16 connections. The peers reach the core subgraphs with a static identity header signed by the bench
 * (see scripts/bench/peer-gateway.ts); each peer's dashboard answer is checked against the hub's first.
 *
 * On an older commit, copy scripts/bench-gateways.ts and scripts/bench/ in; a peer whose package is not
 * installed there is skipped (`npm install --no-save @graphql-hive/gateway@2.15.1`).
 */
const USAGE = `Usage: npm run bench:gateways -- [--quick] [--seconds 10] [--rounds 2] [--connections 16] [--scale small|large]
    [--campaign 2020] [--large-data-dir DIR] [--large-pg-port PORT]
  This hub's gateway beside stock @apollo/gateway and Hive Gateway on the same supergraph and subgraphs, uncached.`;

const { values } = parseCli({
  usage: USAGE,
  options: {
    quick: { type: 'boolean', default: false },
    seconds: { type: 'string' },
    rounds: { type: 'string' },
    connections: { type: 'string', default: '16' },
    scale: { type: 'string', default: 'small' },
    campaign: { type: 'string', default: '2020' },
    'large-data-dir': { type: 'string', default: LARGE_DEFAULTS.dataDir },
    'large-pg-port': { type: 'string', default: LARGE_DEFAULTS.pgPort },
  },
});
const seconds = Number(values.seconds ?? (values.quick ? 3 : 10));
const rounds = Number(values.rounds ?? (values.quick ? 1 : 2));
const warmupSeconds = values.quick ? 1 : 3;
const connections = Number(values.connections);
const variables = { campaign: Number(values.campaign) };
const root = path.resolve(__dirname, '..');

interface Peer {
  name: string;
  url: string;
  child?: ChildProcess;
}

function startPeer(name: string, kind: 'apollo' | 'hive', supergraphFile: string, env: Record<string, string>): Promise<Peer> {
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'scripts/bench/peer-gateway.ts', kind, supergraphFile], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'production', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${kind} not ready after 60 s:\n${output}`)), 60_000);
    child.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const ready = /ready (\S+)/.exec(output);
      if (ready) {
        clearTimeout(timer);
        resolve({ name, url: ready[1], child });
      }
    });
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${kind} exited (${code}):\n${output}`));
    });
  });
}

function installed(name: string): boolean {
  try {
    require.resolve(name, { paths: [root] });
    return true;
  } catch {
    return false;
  }
}

/** The middle value (the mean of the two middle ones for an even count). */
function median(numbers: number[]): number {
  const sorted = [...numbers].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}

async function main(): Promise<void> {
  const query = await readFile(path.join(root, 'schema/operations/dashboard-page.graphql'), 'utf8');
  const data = await seedData(values.scale, { dataDir: values['large-data-dir'], pgPort: values['large-pg-port'] });
  if (typeof data === 'string') throw new Error(`${values.scale}: ${data}`);
  const jwtSecret = randomBytes(32).toString('hex');
  const internalSecret = randomBytes(32).toString('hex');
  const work = await mkdtemp(path.join(os.tmpdir(), 'kepuri-gateways-bench-'));
  const peers: Peer[] = [];
  let hub: RunningHub | undefined;
  try {
    console.log(`bench:gateways — ${describeMachine()}\n${values.scale} seed, campaign ${variables.campaign}, ${connections} connections, ${rounds} round(s) of ${seconds} s per measure`);
    hub = await startHubProcess({
      ...data.env, ...(await freeHubPorts()), JWT_SECRET: jwtSecret, HUB_INTERNAL_SECRET: internalSecret, RESPONSE_CACHE: 'off',
    });
    // The hub's own supergraph, as Hive Gateway or Apollo Router would take it: its routing URLs are the running subgraphs.
    const admin = await clientToken(jwtSecret, { role: 'admin', sub: 'bench-admin' });
    const supergraph = await fetch(hub.url.replace(/\/graphql$/, '/registry/supergraph'), { headers: { authorization: `Bearer ${admin}` } });
    if (!supergraph.ok) throw new Error(`GET /registry/supergraph: ${supergraph.status}`);
    const supergraphFile = path.join(work, 'supergraph.graphql');
    await writeFile(supergraphFile, await supergraph.text());
    // Bench only: the anonymous public's identity for the core subgraphs, signed once for the peers (2 h).
    const identity = await signIdentity({ role: 'public' }, internalSecret, 7_200);

    peers.push({ name: 'this hub\'s gateway', url: hub.url });
    const candidates = [
      { name: 'stock @apollo/gateway', kind: 'apollo', pkg: '@apollo/gateway', env: {} },
      { name: 'Hive Gateway', kind: 'hive', pkg: '@graphql-hive/gateway', env: {} },
      // Hive shares identical subgraph requests in flight at once by default; without it, the rest of its work.
      { name: 'Hive Gateway, no in-flight sharing', kind: 'hive', pkg: '@graphql-hive/gateway', env: { HIVE_DEDUPE: 'off' } },
    ] as const;
    for (const candidate of candidates) {
      if (!installed(candidate.pkg)) {
        console.log(`skipped ${candidate.name}: ${candidate.pkg} is not installed in this checkout`);
        continue;
      }
      peers.push(await startPeer(candidate.name, candidate.kind, supergraphFile, { ...candidate.env, BENCH_IDENTITY: identity }));
    }
    const expected = await postGraphQL(hub.url, query, variables);
    for (const peer of peers) {
      const answer = await postGraphQL(peer.url, query, variables);
      if (JSON.stringify(answer) !== JSON.stringify(expected)) throw new Error(`${peer.name} answers the dashboard differently from the hub`);
    }
    console.log(`every gateway gives the same dashboard answer (${(JSON.stringify(expected).length / 1024).toFixed(1)} kB)`);

    const results = new Map<string, { typename: LoadResult[]; dashboard: LoadResult[] }>(peers.map((peer) => [peer.name, { typename: [], dashboard: [] }]));
    const load = { connections, seconds, warmupSeconds };
    for (let round = 0; round < rounds; round += 1) {
      const order = round % 2 === 0 ? peers : [...peers].reverse();
      for (const peer of order) {
        const headers = { 'content-type': 'application/json' };
        const typename = await measureLoad({ url: peer.url, headers, body: JSON.stringify({ query: '{ __typename }' }) }, load);
        const dashboard = await measureLoad({ url: peer.url, headers, body: JSON.stringify({ query, variables }) }, load);
        results.get(peer.name)!.typename.push(typename);
        results.get(peer.name)!.dashboard.push(dashboard);
        console.log(`  round ${round + 1}, ${peer.name}: { __typename } ${rate(typename.rate)}, dashboard-page ${rate(dashboard.rate)} (p50 ${dashboard.p50} ms)`);
      }
    }

    const ours = results.get(peers[0].name)!;
    const oursDashboard = median(ours.dashboard.map((result) => result.rate));
    console.log(`\n## bench:gateways\n\n${describeMachine()}; ${values.scale} seed; ${connections} connections; median of ${rounds} round(s) of ${seconds} s; uncached.\n`);
    console.log('| gateway | `{ __typename }` | dashboard-page | dashboard p50 | dashboard p99 | failed | dashboard rate, this gateway ÷ it |');
    console.log('|---|---:|---:|---:|---:|---:|---:|');
    for (const peer of peers) {
      const { typename, dashboard } = results.get(peer.name)!;
      const dashboardRate = median(dashboard.map((result) => result.rate));
      console.log(`| ${peer.name} | ${rate(median(typename.map((result) => result.rate)))} | ${rate(dashboardRate)} | ${median(dashboard.map((result) => result.p50))} ms `
        + `| ${median(dashboard.map((result) => result.p99))} ms | ${dashboard.reduce((sum, result) => sum + result.failed, 0)} | ${ratio(oursDashboard / dashboardRate)} |`);
    }
  } finally {
    for (const peer of peers) peer.child?.kill('SIGTERM');
    await hub?.stop();
    await data.cleanup();
    await rm(work, { recursive: true, force: true });
  }
}

runCli(USAGE, main);
