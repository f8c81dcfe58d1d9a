import { ORG } from './support/domain';
import { SignJWT } from 'jose';
import { IDENTITY_HEADER, signIdentity } from '@kepuri/platform';
import { CORE_SUBGRAPHS } from '../scripts/lib/subgraphs';
import { TEST_INTERNAL_SECRET, freshDatabase, postGraphQL, startHub, type TestHub } from './support/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  await hub?.close();
});

describe('health and readiness', () => {
  it('answers /health, /ready and /metrics on the gateway and every subgraph', async () => {
    const origins = [hub.origin, ...Object.values(hub.subgraphs).map((app) => new URL(app.url).origin)];
    expect(origins).toHaveLength(5);
    for (const origin of origins) {
      const health = await fetch(`${origin}/health`);
      expect(health.status).toBe(200);
      expect(await health.json()).toMatchObject({ status: 'ok' });
      const ready = await fetch(`${origin}/ready`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toMatchObject({ ready: true });
      const metrics = await (await fetch(`${origin}/metrics`)).text();
      expect(metrics).toContain('process_cpu_user_seconds_total');
    }
    const subgraphMetrics = await (await fetch(`${new URL(hub.subgraphs.activities.url).origin}/metrics`)).text();
    expect(subgraphMetrics).toMatch(/hub_sql_statements_total\{service="activities"\} [1-9]/);
  });

  it('a subgraph is not ready until its migrations have run', async () => {
    const activities = CORE_SUBGRAPHS.find((subgraph) => subgraph.name === 'activities')!;
    const app = await activities.build({ databaseUrl: await freshDatabase('ready'), internalSecret: TEST_INTERNAL_SECRET, seed: false, gatewayUrl: 'http://127.0.0.1:9/graphql' });
    try {
      const running = await app.listen(0);
      const origin = new URL(running.url).origin;
      expect((await fetch(`${origin}/health`)).status).toBe(200);
      const before = await fetch(`${origin}/ready`);
      expect(before.status).toBe(503);
      expect(await before.json()).toMatchObject({ ready: false });
      await app.prepare();
      expect((await fetch(`${origin}/ready`)).status).toBe(200);
      const tables = await app.dataSource.query("SELECT count(*)::int AS n FROM typeorm_migrations");
      expect(tables[0].n).toBeGreaterThan(0);
    } finally {
      await app.close();
    }
  });
});

describe('the trust boundary', () => {
  const query = { query: '{ campaigns { year } }' };

  it('a subgraph refuses a request that did not come through the gateway', async () => {
    for (const app of Object.values(hub.subgraphs)) {
      const result = await postGraphQL(app.url, { query: '{ __typename }' });
      expect(result.status).toBe(401);
      expect(result.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    }
  });

  it('a subgraph refuses an identity signed with another secret, or expired', async () => {
    const forged = await signIdentity({ role: 'admin' }, 'another-secret-that-is-long-enough-0123456789');
    const forgedResult = await postGraphQL(hub.subgraphs.activities.url, query, { [IDENTITY_HEADER]: forged });
    expect(forgedResult.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const expired = await new SignJWT({ role: 'admin' })
      .setProtectedHeader({ alg: 'HS256' }).setIssuer('kepuri-gateway').setAudience('kepuri-subgraph')
      .setIssuedAt(Math.floor(Date.now() / 1000) - 600).setExpirationTime(Math.floor(Date.now() / 1000) - 300)
      .sign(new TextEncoder().encode(TEST_INTERNAL_SECRET));
    const expiredResult = await postGraphQL(hub.subgraphs.activities.url, query, { [IDENTITY_HEADER]: expired });
    expect(expiredResult.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const genuine = await signIdentity({ role: 'public' }, TEST_INTERNAL_SECRET);
    const genuineResult = await postGraphQL<{ campaigns: unknown[] }>(hub.subgraphs.activities.url, query, { [IDENTITY_HEADER]: genuine });
    expect(genuineResult.errors).toBeUndefined();
    expect(genuineResult.data!.campaigns.length).toBeGreaterThan(0);
  });

  it('the gateway refuses a bearer token it did not issue and accepts one it did', async () => {
    const bad = await hub.query(query.query, undefined, 'not-a-jwt');
    expect(bad.status).toBe(401);
    expect(bad.errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const foreign = await new SignJWT({ role: 'admin' }).setProtectedHeader({ alg: 'HS256' }).setIssuer('kepuri-hub')
      .setExpirationTime('1h').sign(new TextEncoder().encode('someone-elses-secret-0123456789abcdefgh'));
    expect((await hub.query(query.query, undefined, foreign)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');
    const good = await hub.query(query.query, undefined, await hub.token({ role: 'organizer', org: ORG.physics }));
    expect(good.errors).toBeUndefined();
  });

  it('leaks no stack traces outside development', async () => {
    const result = await hub.query('{ activities(first: 0) { totalCount } }');
    expect(result.errors?.[0].extensions?.code).toBe('BAD_USER_INPUT');
    expect(JSON.stringify(result)).not.toContain('stacktrace');
  });
});
