import { startHub, type GraphQLResponse, type TestHub } from './support/hub';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';
import { connect } from './support/ws';
import { Client, type Pool } from 'pg';

/**
 * Faults of a part of the hub, made for real on the network between the parts: a subgraph that
 * stops answering (its connections accepted and never answered, as a stopped process) and a
 * subgraph whose database goes out of reach. Both through TCP proxies the test controls.
 */
let hub: TestHub;
const proxies = new Map<string, TcpProxy>();
const proxy = async (key: string, url: string) => {
  if (!proxies.has(key)) {
    const { hostname, port } = new URL(url);
    proxies.set(key, await startTcpProxy({ host: hostname, port: Number(port) }));
  }
  return proxies.get(key)!.through(url);
};

const TIMEOUT_MS = 600;
const OPEN_MS = 1_500;

beforeAll(async () => {
  hub = await startHub({
    subgraphRoute: (name, url) => (name === 'volunteering' ? proxy('volunteering', url) : url),
    subgraphDatabaseUrl: (name, url) => (name === 'evaluations' ? proxy('evaluations-db', url) : url),
    gateway: { subgraphCalls: { timeoutMs: TIMEOUT_MS, breaker: { failures: 2, halfOpenAfterMs: OPEN_MS } } },
  });
});
afterAll(async () => {
  await hub?.close();
  await Promise.all([...proxies.values()].map((each) => each.close()));
});

async function timed(query: string): Promise<GraphQLResponse & { ms: number; retryAfter: string | null }> {
  const started = Date.now();
  const response = await fetch(hub.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await response.json()) as Omit<GraphQLResponse, 'status'>;
  return { status: response.status, ...body, ms: Date.now() - started, retryAfter: response.headers.get('retry-after') };
}

const VOLUNTEERING_ONLY = '{ volunteerTeam(id: "00000000-0000-4000-8000-000000000000") { id } }';
const ACTIVITIES_ONLY = '{ campaign(year: 2020) { theme } }';

describe('a subgraph that stops answering', () => {
  afterEach(async () => {
    await proxies.get('volunteering')?.restore();
  });

  it('costs its own deadline, not everyone\'s: SUBGRAPH_UNAVAILABLE naming it, 503 with Retry-After, then fails fast while its circuit is open', async () => {
    expect((await timed(VOLUNTEERING_ONLY)).errors).toBeUndefined();
    await proxies.get('volunteering')!.hang();

    const first = await timed(VOLUNTEERING_ONLY);
    expect(first.status).toBe(503);
    expect(first.retryAfter).toBe(String(Math.ceil(OPEN_MS / 1000)));
    expect(first.errors?.[0].extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'volunteering' });
    expect(first.errors?.[0].message).toMatch(new RegExp(`within ${TIMEOUT_MS} ms`));
    expect(first.ms).toBeGreaterThanOrEqual(TIMEOUT_MS - 50);
    // Another subgraph's query meanwhile does not wait for it.
    const other = await timed(ACTIVITIES_ONLY);
    expect(other.errors).toBeUndefined();
    expect(other.ms).toBeLessThan(TIMEOUT_MS);

    await timed(VOLUNTEERING_ONLY); // the second failure in a row opens the circuit
    const fast = await timed(VOLUNTEERING_ONLY);
    expect(fast.errors?.[0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'volunteering' });
    expect(fast.errors?.[0].message).toMatch(/has been failing/);
    expect(fast.ms).toBeLessThan(TIMEOUT_MS / 2);
    const metrics = await (await fetch(`${hub.origin}/metrics`)).text();
    expect(metrics).toMatch(/hub_subgraph_circuit_open\{subgraph="volunteering"[^}]*\} 1/);

    // It answers again: after the open interval one probe goes through and closes the circuit.
    await proxies.get('volunteering')!.restore();
    await new Promise((resolve) => setTimeout(resolve, OPEN_MS + 100));
    const back = await timed(VOLUNTEERING_ONLY);
    expect(back.errors).toBeUndefined();
    expect(back.status).toBe(200);
  });

  it('costs only its own fields: the campaign keeps its theme and activity figures, volunteerStats is null beside the error (200)', async () => {
    const query = '{ campaign(year: 2020) { theme activityStats { activityCount } volunteerStats { volunteerCount } } }';
    const healthy = await timed(query);
    expect(healthy.errors).toBeUndefined();
    await proxies.get('volunteering')!.hang();
    const answer = await timed(query);
    expect(answer.status).toBe(200);
    expect(answer.data).toEqual({ campaign: { ...(healthy.data as { campaign: object }).campaign, volunteerStats: null } });
    expect(answer.errors?.map((error) => error.extensions)).toEqual([{ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'volunteering' }]);
    expect(answer.ms).toBeLessThan(TIMEOUT_MS * 3);
  });

  it('over WebSocket too, a query gets the same error', async () => {
    await proxies.get('volunteering')!.hang();
    const client = connect(hub.url);
    try {
      const result = await client.subscribe(VOLUNTEERING_ONLY).next(5_000);
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'volunteering' });
    } finally {
      await client.dispose();
    }
  });
});

describe('a subgraph whose database is out of reach', () => {
  const EVALUATIONS_ONLY = '{ commendations(campaign: 2020) { id } }';
  const readiness = async () => (await fetch(`${new URL(hub.subgraphs.evaluations.url).origin}/ready`)).status;

  it('answers SERVICE_UNAVAILABLE (retryable, 503 with Retry-After), is not ready, and is ready and answers again once the database is back, without a restart', async () => {
    expect((await timed(EVALUATIONS_ONLY)).errors).toBeUndefined();
    await proxies.get('evaluations-db')!.cut();
    try {
      const refused = await timed(EVALUATIONS_ONLY);
      expect({ status: refused.status, errors: refused.errors }).toMatchObject({ status: 503 });
      expect(refused.retryAfter).not.toBeNull();
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfter: expect.any(Number) });
      expect(JSON.stringify(refused.errors)).not.toMatch(/ECONNREFUSED|127\.0\.0\.1|Connection terminated/);
      expect(await readiness()).toBe(503);
    } finally {
      await proxies.get('evaluations-db')!.restore();
    }
    const deadline = Date.now() + 15_000;
    while ((await readiness()) !== 200 && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await readiness()).toBe(200);
    const again = await timed(EVALUATIONS_ONLY);
    expect(again.errors).toBeUndefined();
  });
});

describe('a database connection terminated while no query runs on it', () => {
  it('is reported and dropped, and the process goes on (no unhandled error event)', async () => {
    const pool = (hub.subgraphs.activities.dataSource.driver as unknown as { master: Pool }).master;
    // Checked out and idle between statements, as in a transaction: neither pg-pool nor TypeORM listens then.
    const client = await pool.connect();
    const { rows: [{ pid }] } = await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
    const admin = new Client({ connectionString: (hub.subgraphs.activities.dataSource.options as { url: string }).url });
    await admin.connect();
    try {
      expect((await admin.query('SELECT pg_terminate_backend($1) AS done', [pid])).rows[0].done).toBe(true);
      const deadline = Date.now() + 5_000;
      const lost = () => hub.logs.lines.find((line) => line.service === 'activities' && /database connection lost/.test(line.msg));
      while (!lost() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(lost()).toMatchObject({ level: 'error' });
    } finally {
      client.release(true);
      await admin.end();
    }
    expect((await timed(ACTIVITIES_ONLY)).errors).toBeUndefined();
  });
});
