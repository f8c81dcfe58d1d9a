import 'reflect-metadata';
import path from 'node:path';
import { parseStartConfig } from './lib/start-config';
import { freePort, provisionDatabase, startEmbeddedPostgres, type EmbeddedCluster } from './lib/postgres';
import { CORE_SUBGRAPHS } from '../subgraphs/core-subgraphs';
import { parseCli } from './lib/cli';
import { Supervisor, watchForOrphaning, type ProcessSpec } from './lib/supervisor';

const USAGE = `Usage: npm start
  Runs the hub: embedded PostgreSQL (data in .data/postgres) unless DATABASE_URL is set, the four subgraphs and the
  gateway as separate processes, restarting any that crashes. Settings come from the environment (see .env.example):
  PG_PORT, PG_DATA_DIR, DATABASE_URL, GATEWAY_DATABASE_URL, GATEWAY_PORT, SEED, PG_LOG. Ctrl-C or SIGTERM stops
  everything, PostgreSQL last.`;
parseCli({ usage: USAGE, options: {} });

/**
 * `npm start`: a real PostgreSQL (embedded unless DATABASE_URL is set), one database and role per
 * subgraph, the four subgraphs and the gateway as separate processes, as in production, supervised:
 * a process that crashes (PostgreSQL included) is started again with backoff while the rest keep
 * serving. SIGINT or SIGTERM stops them all, the gateway first and PostgreSQL last; so does the end
 * of the npm process that started this one (npm does not pass SIGTERM on).
 */
const root = path.resolve(__dirname, '..');
const config = parseStartConfig();
const log = (message: string) => console.error(`[npm start] ${message}`);
const supervisor = new Supervisor({ log });
let cluster: EmbeddedCluster | undefined;
let stopping = false;

/** With OTEL_EXPORTER_OTLP_ENDPOINT set, each process preloads the telemetry SDK (it must load before what it instruments). */
const TELEMETRY = process.env.OTEL_EXPORTER_OTLP_ENDPOINT ? ['-r', path.join(root, 'packages/platform/src/telemetry.ts')] : [];

function processSpec(name: string, entry: string, env: NodeJS.ProcessEnv): ProcessSpec {
  return {
    name,
    entry: path.join(root, entry),
    cwd: root,
    execArgv: ['-r', '@swc-node/register', ...TELEMETRY],
    env: { ...process.env, OTEL_SERVICE_NAME: name, ...env },
  };
}

/** A crashed PostgreSQL is started again (with backoff: its last backends may still hold the data directory). */
function superviseEmbeddedPostgres(embedded: EmbeddedCluster): void {
  embedded.onExit(async (code, signal) => {
    for (let attempt = 0; !stopping; attempt += 1) {
      const waitMs = Math.min(10_000, 500 * 2 ** attempt);
      log(`PostgreSQL exited (${signal ?? `exit code ${code}`}); restarting it in ${(waitMs / 1000).toFixed(1)} s`);
      await new Promise((resolve) => setTimeout(resolve, waitMs));
      if (stopping) return;
      try {
        await embedded.restart();
        log(`PostgreSQL is back (pid ${embedded.pid()})`);
        return;
      } catch (error) {
        log((error as Error).message.split('\n')[0]);
      }
    }
  });
}

async function shutdown(reason: string, exitCode = 0): Promise<void> {
  if (stopping) return;
  stopping = true;
  console.log(`\nStopping the hub (${reason}) …`);
  const forced = await supervisor.stop();
  for (const name of forced) console.error(`${name} did not stop cleanly`);
  if (cluster) await cluster.stop().catch(() => undefined);
  console.log(forced.length ? 'Stopped, not cleanly.' : 'Stopped.');
  process.exit(forced.length ? 1 : exitCode);
}

async function main(): Promise<void> {
  const started = Date.now();
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  watchForOrphaning(() => void shutdown('the process that started it has gone'));

  let adminUrl = config.externalDatabaseUrl;
  if (!adminUrl) {
    cluster = await startEmbeddedPostgres({
      dataDir: config.pgDataDir,
      port: config.pgPort,
      persistent: true,
      log: config.pgLog ? (line) => process.stdout.write(`[postgres] ${line}`) : undefined,
    });
    superviseEmbeddedPostgres(cluster);
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
      const prefix = subgraph.name.toUpperCase();
      const databaseUrl =
        process.env[`${prefix}_DATABASE_URL`] ??
        (await provisionDatabase(adminUrl, `kepuri_${subgraph.name}`, { user: `kepuri_${subgraph.name}`, password: `kepuri-${subgraph.name}` }));
      const spec = processSpec(subgraph.name, `subgraphs/${subgraph.name}/src/index.ts`, {
        [`${prefix}_DATABASE_URL`]: databaseUrl,
        PORT: String(subgraph.port),
        SEED: String(config.seed),
        GATEWAY_URL: gatewayUrlForSubgraphs,
      });
      const url = await supervisor.start(spec);
      // A restart comes back on the same port (asked for port 0, it got one): the gateway routes to it.
      spec.env[`${prefix}_PORT`] = new URL(url).port;
      return [`${prefix}_URL`, url] as const;
    }),
  );
  // The gateway's own database holds the subgraph registry.
  const gatewayDatabaseUrl =
    config.gatewayDatabaseUrl ?? (await provisionDatabase(adminUrl, 'kepuri_gateway', { user: 'kepuri_gateway', password: 'kepuri-gateway' }));
  const gatewayUrl = await supervisor.start(processSpec('gateway', 'gateway/src/index.ts', {
    ...Object.fromEntries(subgraphUrls),
    GATEWAY_DATABASE_URL: gatewayDatabaseUrl,
    GATEWAY_PORT: String(gatewayPort),
  }));
  console.log(`\n全国科普日 data hub is running (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  console.log(`  Playground & GraphQL: ${gatewayUrl}`);
  console.log(`  Dashboard:            ${gatewayUrl.replace(/\/graphql$/, '/dashboard')}`);
  console.log(`  Health:               ${gatewayUrl.replace(/\/graphql$/, '/ready')}`);
  console.log(`  Subgraph registry:    ${gatewayUrl.replace(/\/graphql$/, '/registry/subgraphs')} (npm run subgraph -- list)`);
  // The processes' pids, for operators (and the supervision test).
  const pids = ['gateway', ...CORE_SUBGRAPHS.map((subgraph) => subgraph.name)].map((name) => `${name} ${supervisor.pid(name)}`);
  console.log(`  Processes:            ${pids.join(', ')}${cluster ? `, postgres ${cluster.pid()}` : ''}, npm start ${process.pid}`);
  console.log('Press Ctrl-C to stop.');
}

main().catch((error: unknown) => {
  console.error('The hub failed to start:', error instanceof Error ? error.message : error);
  void shutdown('start failed', 1);
});
