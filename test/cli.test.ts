import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Client } from 'pg';
import { adminUrl } from './support/hub';

/**
 * Every `npm run` tool behaves like a CLI: `--help` prints its usage and exits 0, a bad argument
 * exits 2 with the reason and the usage and no stack trace. The tools are read from package.json,
 * so a new one is held to this at once.
 */
const root = path.resolve(__dirname, '..');
const scripts = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts;
const tools = Object.entries(scripts)
  .map(([name, command]) => [name, /scripts\/node\.sh -r @swc-node\/register (scripts\/[\w-]+\.ts)/.exec(command)?.[1]] as const)
  .filter((tool): tool is readonly [string, string] => tool[1] !== undefined);

function run(file: string, args: string[], env: NodeJS.ProcessEnv = {}): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const merged = Object.fromEntries(Object.entries({ ...process.env, ...env }).filter(([, value]) => value !== undefined));
    const child = spawn(process.execPath, ['-r', '@swc-node/register', file, ...args], { cwd: root, env: merged });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

const STACK_LINE = /^\s+at .+\(.+:\d+:\d+\)$/m;

describe('the npm run tools', () => {
  it('are found in package.json', () => {
    expect(tools.map(([name]) => name)).toEqual(expect.arrayContaining(['start', 'token', 'subgraph', 'seed', 'schema', 'bench:start']));
  });

  it.each(tools)('npm run %s -- --help prints its usage and exits 0', async (_name, file) => {
    const { code, stdout } = await run(file, ['--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^Usage: npm (run |start)/);
  });

  it.each(tools)('npm run %s with an unknown option exits 2 with the usage and no stack trace', async (_name, file) => {
    const { code, stdout, stderr } = await run(file, ['--no-such-option']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/--no-such-option/);
    expect(stderr).toMatch(/Usage: npm/);
    expect(stderr + stdout).not.toMatch(STACK_LINE);
  });

  it('says what is missing without a stack trace (token without --role, seed without --scale, a bad number)', async () => {
    for (const [file, args, reason] of [
      ['scripts/token.ts', [], /--role is required/],
      ['scripts/token.ts', ['--role', 'organizer'], /needs --org/],
      ['scripts/seed.ts', [], /--scale is required/],
      ['scripts/seed.ts', ['--scale', 'huge'], /--scale must be small, medium or large/],
      ['scripts/bench-start.ts', ['--runs', 'many'], /--runs must be an integer/],
    ] as const) {
      const { code, stderr } = await run(file, [...args]);
      expect({ file, args, code }).toEqual({ file, args, code: 2 });
      expect(stderr).toMatch(reason);
      expect(stderr).not.toMatch(STACK_LINE);
    }
  });

  it('npm run seed refuses a PostgreSQL on its port that serves another data directory, and writes nothing', async () => {
    const admin = new Client({ connectionString: adminUrl() });
    await admin.connect();
    try {
      const databases = async () => (await admin.query("SELECT count(*)::int AS n FROM pg_database WHERE datname LIKE 'kepuri_%'")).rows[0].n as number;
      const before = await databases();
      const port = new URL(adminUrl()).port;
      const { code, stderr } = await run('scripts/seed.ts', ['--scale', 'small'], { PG_PORT: port, PG_DATA_DIR: path.join(root, '.data/not-this-server'), DATABASE_URL: undefined });
      expect(code).toBe(1);
      expect(stderr).toMatch(new RegExp(`PostgreSQL on port ${port} serves .*, not this checkout's .*not-this-server`));
      expect(stderr).not.toMatch(STACK_LINE);
      expect(await databases()).toBe(before);
    } finally {
      await admin.end();
    }
  });
});
