import { realpath } from 'node:fs/promises';
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { provisionDatabase, startEmbeddedPostgres, type EmbeddedCluster } from '../postgres';
import { parseStartConfig } from '../start-config';
import { SUBGRAPH_NAMES, type SubgraphName } from './index';

/**
 * The databases `npm start` uses, found the way it finds them: DATABASE_URL (and per-subgraph
 * <NAME>_DATABASE_URL) or the embedded PostgreSQL in PG_DATA_DIR on PG_PORT — started here if it
 * is not running, and stopped again by `close()`.
 */
export interface HubDatabases {
  urls: Record<SubgraphName, string>;
  adminUrl: string;
  /** How the server was reached, for the log. */
  description: string;
  close(): Promise<void>;
}

async function reachable(url: string): Promise<boolean> {
  const client = new Client({ connectionString: url, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
    await client.end();
    return true;
  } catch {
    return false;
  }
}

/**
 * A server already on the port counts as this checkout's only when it serves this checkout's data
 * directory: another checkout's `npm start` (or any PostgreSQL) on the same port must not be seeded.
 */
async function requireOwnDataDirectory(adminUrl: string, dataDir: string, port: number): Promise<void> {
  const client = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 3_000 });
  await client.connect();
  try {
    const served = (await client.query<{ data_directory: string }>('SHOW data_directory')).rows[0].data_directory;
    const [theirs, ours] = await Promise.all([realpath(served).catch(() => served), realpath(dataDir).catch(() => path.resolve(dataDir))]);
    if (theirs !== ours) {
      throw new Error(`PostgreSQL on port ${port} serves ${served}, not this checkout's ${path.resolve(dataDir)}: `
        + 'stop that server, or set PG_PORT (and PG_DATA_DIR) for this checkout, or DATABASE_URL to seed another server on purpose');
    }
  } finally {
    await client.end();
  }
}

export async function openHubDatabases(env: NodeJS.ProcessEnv = process.env): Promise<HubDatabases> {
  const config = parseStartConfig(env);
  let cluster: EmbeddedCluster | undefined;
  let adminUrl = config.externalDatabaseUrl;
  let description = 'PostgreSQL from DATABASE_URL';
  if (!adminUrl) {
    adminUrl = `postgres://postgres:postgres@127.0.0.1:${config.pgPort}/postgres`;
    if (await reachable(adminUrl)) {
      await requireOwnDataDirectory(adminUrl, config.pgDataDir, config.pgPort);
      description = `PostgreSQL (embedded, already running) on port ${config.pgPort}`;
    } else {
      // The bulk load runs without fsync (a crash means seeding again); the files are synced to disk
      // once it stops, before `npm start` (fsync on) takes the data directory over.
      cluster = await startEmbeddedPostgres({ dataDir: config.pgDataDir, port: config.pgPort, persistent: true, fsync: false });
      adminUrl = cluster.adminUrl;
      description = `PostgreSQL (embedded) started on port ${cluster.port}, data in ${path.relative(process.cwd(), config.pgDataDir) || config.pgDataDir}`;
    }
  }
  const close = async () => {
    const running = cluster;
    cluster = undefined;
    if (running) {
      await running.stop().catch(() => undefined);
      try {
        execFileSync('sync');
      } catch {
        // No `sync` command: the operating system writes the files back on its own schedule.
      }
    }
  };
  try {
    const urls = {} as Record<SubgraphName, string>;
    for (const name of SUBGRAPH_NAMES) {
      urls[name] = env[`${name.toUpperCase()}_DATABASE_URL`]
        ?? (await provisionDatabase(adminUrl, `kepuri_${name}`, { user: `kepuri_${name}`, password: `kepuri-${name}` }));
    }
    return { urls, adminUrl, description, close };
  } catch (error) {
    await close();
    throw error;
  }
}
