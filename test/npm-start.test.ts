import { spawn, execFileSync, type ChildProcess } from 'node:child_process';
import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { freePort } from '../scripts/lib/postgres';
import { ORG } from './support/domain';
import { issueToken } from '../gateway/src/auth';
import { DEV_JWT_SECRET } from '../gateway/src/config';
import { adminUrl } from './support/hub';

const root = path.resolve(__dirname, '..');
const QUERY = '{ activities(first: 3) { totalCount edges { cursor node { id title region { code name } organizer { id name } volunteerCount serviceHours averageRating feedbackCount checkInCount } } pageInfo { hasNextPage endCursor } } }';

interface Started {
  child: ChildProcess;
  url: string;
  seconds: number;
  output: () => string;
}

/** Runs `npm start`'s script as a newcomer would, every port free, and waits for its banner. */
function start(env: Record<string, string>): Promise<Started> {
  const began = Date.now();
  const child = spawn(process.execPath, ['-r', '@swc-node/register', 'scripts/start.ts'], {
    cwd: root,
    env: { ...process.env, ACTIVITIES_PORT: '0', ORGANIZATIONS_PORT: '0', VOLUNTEERING_PORT: '0', EVALUATIONS_PORT: '0', GATEWAY_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  return new Promise((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Playground & GraphQL:\s+(\S+)/.exec(output);
      if (match && output.includes('Press Ctrl-C')) resolve({ child, url: match[1], seconds: (Date.now() - began) / 1000, output: () => output });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`npm start exited early (${code}):\n${output}`)));
    setTimeout(() => reject(new Error(`npm start not ready after 45 s:\n${output}`)), 45_000).unref();
  });
}

function stop(started: Started, signal: NodeJS.Signals): Promise<number | null> {
  return new Promise((resolve) => {
    if (started.child.exitCode !== null) return resolve(started.child.exitCode);
    started.child.once('exit', (code) => resolve(code));
    started.child.kill(signal);
  });
}

/** Every process whose command line mentions `needle` (PostgreSQL's carries its data dir). */
function processesMentioning(needle: string): string[] {
  return execFileSync('ps', ['-eo', 'pid,args'], { encoding: 'utf8' })
    .split('\n')
    .filter((line) => line.includes(needle) && !line.includes('ps -eo'));
}

async function query(url: string) {
  const response = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
  return (await response.json()) as { data?: { activities: { totalCount: number; edges: unknown[] } }; errors?: unknown };
}

describe('npm start', () => {
  it('starts embedded PostgreSQL, migrates, seeds once, serves the query, and stops with nothing left running', async () => {
    const dataDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'kepuri-start-')), 'postgres');
    const env = { PG_PORT: String(await freePort()), PG_DATA_DIR: dataDir };

    const first = await start(env);
    try {
      // How fast it starts is measured in docs/BENCHMARKS.md, not asserted here (timings are no unit test).
      expect(first.output()).toContain('PostgreSQL (embedded)');
      // The banner's other addresses answer too.
      const dashboard = /Dashboard:\s+(\S+)/.exec(first.output())![1];
      expect((await fetch(dashboard)).status).toBe(200);
      const result = await query(first.url);
      expect(result.errors).toBeUndefined();
      expect(result.data!.activities.edges).toHaveLength(3);
      const total = result.data!.activities.totalCount;
      expect(processesMentioning(dataDir).length).toBeGreaterThan(0);
      // Acknowledged means durable: the embedded PostgreSQL flushes every commit to disk.
      const server = new Client({ connectionString: `postgres://postgres:postgres@127.0.0.1:${env.PG_PORT}/postgres` });
      await server.connect();
      try {
        const { rows } = await server.query(`SELECT name, setting FROM pg_settings WHERE name IN ('fsync', 'synchronous_commit') ORDER BY name`);
        expect(rows).toEqual([{ name: 'fsync', setting: 'on' }, { name: 'synchronous_commit', setting: 'on' }]);
      } finally {
        await server.end();
      }

      // A second hub on the same PostgreSQL port says why it cannot start, and leaves the first alone.
      const otherDir = path.join(await mkdtemp(path.join(os.tmpdir(), 'kepuri-start-')), 'postgres');
      const clash = await start({ PG_PORT: env.PG_PORT, PG_DATA_DIR: otherDir }).then(
        (second) => (second.child.kill('SIGKILL'), 'started'),
        (error: Error) => error.message,
      );
      expect(clash).toMatch(new RegExp(`did not start on port ${env.PG_PORT}[\\s\\S]*Address already in use`));
      expect((await query(first.url)).data!.activities.totalCount).toBe(total);
      expect(await stop(first, 'SIGTERM')).toBe(0);
      expect(processesMentioning(dataDir)).toEqual([]);

      // The data directory is kept; a restart migrates nothing new and does not seed twice.
      const second = await start(env);
      try {
        expect((await query(second.url)).data!.activities.totalCount).toBe(total);
        // The gateway's registry database was provisioned and kept: the core subgraphs are registered.
        const registry = await fetch(second.url.replace(/\/graphql$/, '/registry/subgraphs'), {
          headers: { authorization: `Bearer ${await issueToken({ role: 'admin' }, DEV_JWT_SECRET)}` },
        });
        expect(((await registry.json()) as { subgraphs: Array<{ name: string }> }).subgraphs.map((row) => row.name).sort()).toEqual([
          'activities', 'evaluations', 'organizations', 'volunteering',
        ]);
      } finally {
        expect(await stop(second, 'SIGINT')).toBe(0);
      }
      expect(processesMentioning(dataDir)).toEqual([]);
    } finally {
      first.child.kill('SIGKILL');
    }
  }, 120_000);

  it('uses DATABASE_URL instead of starting PostgreSQL when it is set', async () => {
    const started = await start({ DATABASE_URL: adminUrl() });
    try {
      expect(started.output()).toContain('PostgreSQL from DATABASE_URL');
      expect(started.output()).not.toContain('PostgreSQL (embedded)');
      expect((await query(started.url)).data!.activities.totalCount).toBeGreaterThan(0);
      const client = new Client({ connectionString: adminUrl() });
      await client.connect();
      const databases = await client.query("SELECT datname FROM pg_database WHERE datname LIKE 'kepuri_%' ORDER BY datname");
      await client.end();
      expect(databases.rows.map((row) => row.datname)).toEqual(['kepuri_activities', 'kepuri_evaluations', 'kepuri_gateway', 'kepuri_organizations', 'kepuri_volunteering']);

      // `npm run token` for an organiser also makes its user a member on the running hub, so the token works at once.
      const token = execFileSync(process.execPath, ['-r', '@swc-node/register', 'scripts/token.ts', '--role', 'organizer', '--org', ORG.physics], {
        cwd: root,
        env: { ...process.env, GATEWAY_PORT: new URL(started.url).port },
        encoding: 'utf8',
      }).trim();
      const response = await fetch(started.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify({ query: '{ myMemberships { role organization { name } } }' }),
      });
      expect(await response.json()).toEqual({ data: { myMemberships: [{ role: 'organizer', organization: { name: '中国物理学会' } }] } });
    } finally {
      expect(await stop(started, 'SIGTERM')).toBe(0);
    }
  }, 60_000);
});
