import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import path from 'node:path';

export interface RunningHub {
  url: string;
  child: ChildProcess;
  stop(): Promise<void>;
}

/**
 * Starts the hub exactly as `npm start` does (separate processes, embedded PostgreSQL unless
 * DATABASE_URL), on the databases already there, without seeding, and waits for its banner.
 */
/** The bearer token the benches' hubs serve /metrics to (`Authorization: Bearer …`). */
export const BENCH_METRICS_TOKEN = randomBytes(32).toString('hex');

export function startHubProcess(env: Record<string, string> = {}): Promise<RunningHub> {
  const root = path.resolve(__dirname, '../..');
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'scripts/start.ts'], {
    cwd: root,
    // Production mode (no stack traces, no landing page) refuses the development secrets: fresh ones per run.
    env: {
      // Production, except that the benches send ad-hoc documents: trusted documents log them instead of
      // refusing them (the check still runs, so its cost is measured).
      // All of a bench's load comes from one address: the public's limits per address would refuse most of it.
      ...process.env, SEED: 'false', NODE_ENV: 'production', PERSISTED_DOCUMENTS: 'log',
      RATE_LIMIT_MUTATIONS_PER_IP: '10000000', RATE_LIMIT_ANONYMOUS_COST_PER_IP: '1000000000',
      // Production serves /metrics only to a token (or on a port of its own): the benches read it with this one.
      METRICS_TOKEN: BENCH_METRICS_TOKEN,
      HUB_INTERNAL_SECRET: randomBytes(32).toString('hex'), JWT_SECRET: randomBytes(32).toString('hex'), ...env,
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`hub not ready after 90 s:\n${output}`)), 90_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Playground & GraphQL:\s+(\S+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve({
          url: match[1],
          child,
          stop: () => new Promise<void>((done) => {
            if (child.exitCode !== null) return done();
            child.once('exit', () => done());
            child.kill('SIGTERM');
          }),
        });
      }
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`hub exited (${code}):\n${output}`));
    });
  });
}
