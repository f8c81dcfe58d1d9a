import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort, startEmbeddedPostgres, type EmbeddedCluster } from '../../scripts/lib/postgres';
import { startRedisServer, type RedisServer } from '../../scripts/lib/redis';

declare global {
  // eslint-disable-next-line no-var
  var __KEPURI_TEST_CLUSTER__: EmbeddedCluster | undefined;
  // eslint-disable-next-line no-var
  var __KEPURI_TEST_REDIS__: RedisServer | undefined;
}

/**
 * One real PostgreSQL and one real Redis for the whole run; every test file creates its own databases
 * in PostgreSQL and uses its own key prefix in Redis.
 */
export default async function globalSetup(): Promise<void> {
  const base = await mkdtemp(path.join(os.tmpdir(), 'kepuri-test-'));
  // A throw-away cluster: durability is not under test, speed is.
  const cluster = await startEmbeddedPostgres({ dataDir: path.join(base, 'data'), port: await freePort(), persistent: false, fsync: false });
  globalThis.__KEPURI_TEST_CLUSTER__ = cluster;
  // Workers start after global setup and inherit the environment.
  process.env.KEPURI_TEST_ADMIN_URL = cluster.adminUrl;
  const redis = await startRedisServer(await freePort());
  globalThis.__KEPURI_TEST_REDIS__ = redis;
  process.env.KEPURI_TEST_REDIS_URL = redis.url;
}
