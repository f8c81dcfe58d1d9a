import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../scripts/lib/postgres';

/**
 * `npm start` as a newcomer types it (npm → a shell → node): a crashed subgraph, gateway or
 * PostgreSQL is started again while the rest keep serving, and `kill -TERM` of the npm process
 * itself (npm does not pass the signal on) still stops everything, PostgreSQL last.
 */
const root = path.resolve(__dirname, '..');

interface Hub {
  npm: ChildProcess;
  url: string;
  output: () => string;
  pid: (name: string) => number;
}

function startWithNpm(env: Record<string, string>): Promise<Hub> {
  const npm = spawn('npm', ['start'], {
    cwd: root,
    env: { ...process.env, ACTIVITIES_PORT: '0', ORGANIZATIONS_PORT: '0', VOLUNTEERING_PORT: '0', EVALUATIONS_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const pid = (name: string) => Number(new RegExp(`\\b${name} (\\d+)`).exec(/Processes:(.*)/.exec(output)![1])![1]);
  return new Promise((resolve, reject) => {
    npm.stdout!.on('data', (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Playground & GraphQL:\s+(\S+)/.exec(output);
      if (match && output.includes('Press Ctrl-C')) resolve({ npm, url: match[1], output: () => output, pid });
    });
    npm.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    npm.once('exit', (code) => reject(new Error(`npm start exited early (${code}):\n${output}`)));
    setTimeout(() => reject(new Error(`npm start not ready after 60 s:\n${output}`)), 60_000).unref();
  });
}

const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

async function eventually<T>(probe: () => Promise<T>, accept: (value: T) => boolean, timeoutMs = 30_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: T | undefined;
  while (Date.now() < deadline) {
    last = await probe().catch(() => undefined as T);
    if (last !== undefined && accept(last)) return last;
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`not within ${timeoutMs} ms; last: ${JSON.stringify(last)}`);
}

async function ask(url: string, query: string): Promise<{ data?: Record<string, unknown> | null; errors?: unknown[] }> {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return (await response.json()) as { data?: Record<string, unknown>; errors?: unknown[] };
}

const ACTIVITIES_ONLY = '{ campaign(year: 2020) { theme } }';
const EVALUATIONS = '{ campaign(year: 2020) { evaluationStats { feedbackCount } } }';

describe('npm start supervises what it starts', () => {
  it('restarts a crashed subgraph, gateway and PostgreSQL, and stops everything when the npm process is killed', async () => {
    const dataDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'kepuri-supervise-')), 'postgres');
    const hub = await startWithNpm({ PG_PORT: String(await freePort()), PG_DATA_DIR: dataDir, GATEWAY_PORT: String(await freePort()) });
    const everything = () => ['gateway', 'activities', 'organizations', 'volunteering', 'evaluations', 'postgres'].map(hub.pid);
    const supervisor = () => Number(/npm start (\d+)/.exec(hub.output())![1]);
    try {
      expect((await ask(hub.url, EVALUATIONS)).errors).toBeUndefined();

      // A subgraph crashes: the rest keep serving, and it comes back on its port.
      const evaluations = hub.pid('evaluations');
      process.kill(evaluations, 'SIGKILL');
      expect((await ask(hub.url, ACTIVITIES_ONLY)).errors).toBeUndefined();
      await eventually(() => ask(hub.url, EVALUATIONS), (answer) => !answer.errors && answer.data !== null);
      expect(hub.output()).toMatch(/evaluations exited \(SIGKILL\); restarting it in/);

      // The gateway crashes: it comes back on the same port.
      process.kill(hub.pid('gateway'), 'SIGKILL');
      await eventually(() => ask(hub.url, ACTIVITIES_ONLY), (answer) => !answer.errors);
      expect(hub.output()).toMatch(/gateway exited \(SIGKILL\); restarting it in/);

      // PostgreSQL crashes: it is started again and the subgraphs reconnect.
      process.kill(hub.pid('postgres'), 'SIGKILL');
      await eventually(() => ask(hub.url, EVALUATIONS), (answer) => !answer.errors && answer.data !== null, 45_000);
      expect(hub.output()).toMatch(/PostgreSQL exited .*; restarting it in[\s\S]*PostgreSQL is back/);
    } finally {
      // kill -TERM of npm itself: the orphaned supervisor notices and stops everything.
      const pids = [supervisor(), ...everything().filter((pid) => pid !== hub.pid('evaluations') && pid !== hub.pid('gateway') && pid !== hub.pid('postgres'))];
      hub.npm.kill('SIGTERM');
      await eventually(async () => pids.filter(alive).length, (left) => left === 0, 20_000);
      const processes = execFileSync('ps', ['-eo', 'pid,ppid,args'], { encoding: 'utf8' }).split('\n');
      // Nothing it started is left: no PostgreSQL on its data directory, no child of the supervisor (restarted ones included).
      expect(processes.filter((line) => line.includes(dataDir))).toEqual([]);
      const restarted = [...hub.output().matchAll(/is back.*\(pid (\d+)\)/g)].map((match) => Number(match[1]));
      expect(restarted.length).toBeGreaterThanOrEqual(3);
      expect(restarted.filter(alive)).toEqual([]);
      await expect(fetch(hub.url)).rejects.toThrow();
      expect(hub.output()).toMatch(/Stopping the hub \(the process that started it has gone\)/);
    }
  }, 180_000);
});
