import { SignJWT } from 'jose';
import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../lib/postgres';

/** Where a bench's hub keeps its data: the environment for `npm start`, and what to remove afterwards. */
export interface SeedData {
  env: Record<string, string>;
  cleanup(): Promise<void>;
}

export const LARGE_DEFAULTS = { dataDir: '/tmp/kepuri-large/postgres', pgPort: '37205' };

/**
 * `small`: npm start's own sample set on a fresh embedded PostgreSQL (seeded by the first start).
 * `large`: the generated world in `large.dataDir`, loaded once with
 * `PG_DATA_DIR=<dir> PG_PORT=<port> npm run seed -- --scale large --reset --yes`; a string (why not) when it is not there.
 */
export async function seedData(scale: string, large = LARGE_DEFAULTS): Promise<SeedData | string> {
  if (scale === 'small') {
    const base = await mkdtemp(path.join(os.tmpdir(), 'kepuri-bench-'));
    return {
      env: { PG_DATA_DIR: path.join(base, 'postgres'), PG_PORT: String(await freePort()), SEED: 'true' },
      cleanup: () => rm(base, { recursive: true, force: true }),
    };
  }
  if (scale === 'large') {
    if (!existsSync(large.dataDir)) {
      return `${large.dataDir} does not exist (load it: PG_DATA_DIR=${large.dataDir} PG_PORT=${large.pgPort} npm run seed -- --scale large --reset --yes)`;
    }
    return { env: { PG_DATA_DIR: large.dataDir, PG_PORT: large.pgPort, SEED: 'false' }, cleanup: async () => undefined };
  }
  throw new Error(`unknown scale ${scale} (small or large)`);
}

/** The ports a bench's hub takes: all free, so it runs beside another hub (npm start's 4000–4004). */
export async function freeHubPorts(): Promise<Record<string, string>> {
  return { GATEWAY_PORT: String(await freePort()), ACTIVITIES_PORT: '0', ORGANIZATIONS_PORT: '0', VOLUNTEERING_PORT: '0', EVALUATIONS_PORT: '0' };
}

/** A client bearer token as `npm run token` makes them, signed with the bench hub's JWT_SECRET. */
export function clientToken(jwtSecret: string, claims: Record<string, unknown>): Promise<string> {
  return new SignJWT(claims).setProtectedHeader({ alg: 'HS256' }).setIssuer('kepuri-hub').setIssuedAt().setExpirationTime('2h')
    .sign(new TextEncoder().encode(jwtSecret));
}

/**
 * A public user's token, signed synchronously (autocannon builds each request synchronously): the
 * write benches give every request a user of its own.
 */
export function publicToken(jwtSecret: string, sub: string, ttlSeconds = 7_200): string {
  const encode = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const unsigned = `${encode({ alg: 'HS256' })}.${encode({ role: 'public', sub, iss: 'kepuri-hub', iat: now, exp: now + ttlSeconds })}`;
  return `${unsigned}.${createHmac('sha256', jwtSecret).update(unsigned).digest('base64url')}`;
}

/** A GraphQL POST whose errors fail the bench. */
export async function postGraphQL<T>(url: string, query: string, variables: Record<string, unknown> = {}, bearer?: string): Promise<T> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(bearer ? { authorization: `Bearer ${bearer}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  const json = (await response.json()) as { data?: T; errors?: unknown[] };
  if (json.errors || !json.data) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(json.errors)}`);
  return json.data;
}
