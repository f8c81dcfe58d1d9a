import 'reflect-metadata';
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { parseStartConfig } from './lib/start-config';
import { freePort, provisionDatabase, startEmbeddedPostgres, type EmbeddedCluster } from './lib/postgres';
import { CORE_SUBGRAPHS } from '../subgraphs/core-subgraphs';
import { parseCli } from './lib/cli';

const USAGE = `Usage: npm start
  Runs the hub: embedded PostgreSQL (data in .data/postgres) unless DATABASE_URL is set, the four subgraphs and the
  gateway as separate processes. Settings come from the environment (see .env.example): PG_PORT, PG_DATA_DIR,
  DATABASE_URL, GATEWAY_DATABASE_URL, GATEWAY_PORT, SEED, PG_LOG. Ctrl-C or SIGTERM stops everything, PostgreSQL last.`;
parseCli({ usage: USAGE, options: {} });

/**
 * `npm start`: a real PostgreSQL (embedded unless DATABASE_URL is set), one database and role per
 * subgraph, the four subgraphs and the gateway as separate processes, as in production. Ctrl-C or
 * SIGTERM stops them all, PostgreSQL last.
 */
const root = path.resolve(__dirname, '..');
const config = parseStartConfig();
const children = new Map<string, ChildProcess>();
let cluster: EmbeddedCluster | undefined;
let stopping = false;

function startProcess(name: string, entry: string, env: NodeJS.ProcessEnv): Promise<string> {
  const child = fork(path.join(root, entry), [], {
    cwd: root,
    execArgv: ['-r', '@swc-node/register'],
    env: { ...process.env, ...env },
  });
  children.set(name, child);
  return new Promise((resolve, reject) => {
    child.on('message', (message: { type?: string; url?: string }) => {
      if (message.type === 'ready' && message.url) resolve(message.url);
    });
    child.on('exit', (code, signal) => {
      children.delete(name);
      if (!stopping) {
        const reason = `${name} exited (${signal ?? code})`;
        reject(new Error(reason));
        void shutdown(reason, 1);
      }
    });
  });
}

async function shutdown(reason: string, exitCode = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\nStopping the hub (${reason}) …`);
  let unclean = false;
  await Promise.all(
    [...children.entries()].map(
      ([name, child]) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          const kill = setTimeout(() => child.kill('SIGKILL'), 8_000);
          child.once('exit', (code, signal) => {
            clearTimeout(kill);
            // A process that had to be forced (its own 10 s deadline, or SIGKILL) did not close cleanly.
            if (code !== 0) {
              unclean = true;
              console.error(`${name} did not stop cleanly (${signal ?? `exit code ${code}`})`);
            }
            resolve();
          });
          child.kill('SIGTERM');
        }),
    ),
  );
  if (cluster) await cluster.stop().catch(() => undefined);
  console.log(unclean ? 'Stopped, not cleanly.' : 'Stopped.');
  process.exit(unclean ? 1 : exitCode);
}

async function main(): Promise<void> {
  const started = Date.now();
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));

  let adminUrl = config.externalDatabaseUrl;
  if (!adminUrl) {
    cluster = await startEmbeddedPostgres({
      dataDir: config.pgDataDir,
      port: config.pgPort,
      persistent: true,
      log: config.pgLog ? (line) => process.stdout.write(`[postgres] ${line}`) : undefined,
    });
    adminUrl = cluster.adminUrl;
    console.log(`PostgreSQL (embedded) on port ${cluster.port}, data in ${path.relative(root, config.pgDataDir)}`);
  } else {
    console.log('PostgreSQL from DATABASE_URL');
  }

  // Subgraphs ask the gateway about what other subgraphs own, so they learn its URL up front.
  const gatewayPort = config.gatewayPort === 0 ? await freePort() : config.gatewayPort;
  const gatewayUrlForSubgraphs = `http://127.0.0.1:${gatewayPort}/graphql`;
  const subgraphUrls = await Promise.all(
    CORE_SUBGRAPHS.map(async (subgraph) => {
      const variable = `${subgraph.name.toUpperCase()}_DATABASE_URL`;
      const databaseUrl =
        process.env[variable] ??
        (await provisionDatabase(adminUrl, `kepuri_${subgraph.name}`, { user: `kepuri_${subgraph.name}`, password: `kepuri-${subgraph.name}` }));
      const url = await startProcess(subgraph.name, `subgraphs/${subgraph.name}/src/index.ts`, {
        [variable]: databaseUrl,
        PORT: String(subgraph.port),
        SEED: String(config.seed),
        GATEWAY_URL: gatewayUrlForSubgraphs,
      });
      return [`${subgraph.name.toUpperCase()}_URL`, url] as const;
    }),
  );
  // The gateway's own database holds the subgraph registry.
  const gatewayDatabaseUrl =
    config.gatewayDatabaseUrl ?? (await provisionDatabase(adminUrl, 'kepuri_gateway', { user: 'kepuri_gateway', password: 'kepuri-gateway' }));
  const gatewayUrl = await startProcess('gateway', 'gateway/src/index.ts', {
    ...Object.fromEntries(subgraphUrls),
    GATEWAY_DATABASE_URL: gatewayDatabaseUrl,
    GATEWAY_PORT: String(gatewayPort),
  });
  console.log(`\n全国科普日 data hub is running (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  console.log(`  Playground & GraphQL: ${gatewayUrl}`);
  console.log(`  Dashboard:            ${gatewayUrl.replace(/\/graphql$/, '/dashboard')}`);
  console.log(`  Health:               ${gatewayUrl.replace(/\/graphql$/, '/ready')}`);
  console.log(`  Subgraph registry:    ${gatewayUrl.replace(/\/graphql$/, '/registry/subgraphs')} (npm run subgraph -- list)`);
  console.log('Press Ctrl-C to stop.');
}

main().catch((error: unknown) => {
  console.error('The hub failed to start:', error instanceof Error ? error.message : error);
  void shutdown('start failed', 1);
});
