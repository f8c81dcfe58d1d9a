import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import WebSocket from 'ws';
import { startHub, postGraphQL, redisUrl, type TestHub } from './support/hub';
import { ORG, currentYearWindow, setCampaignCalendar } from './support/domain';
import { connect, type TestWsClient } from './support/ws';

/**
 * The hub tried as an attacker would (issue 16), over HTTP and WebSocket, against a gateway in
 * development and one in production on the same subgraphs: every hostile request is refused with
 * its status and code, says nothing of the hub's inside, and writes nothing (rows counted before
 * and after).
 */
let hub: TestHub;
const gateways: Record<'development' | 'production', string> = { development: '', production: '' };
const sockets: TestWsClient[] = [];
let gatewayDb: Client;
let activityId: string;
let otherActivityId: string;
const { year, startsAt, endsAt } = currentYearWindow();

type Errors = Array<{ message: string; extensions?: Record<string, unknown> }>;

async function rows(): Promise<Record<string, number>> {
  const count = async (query: (sql: string) => Promise<Array<{ n: number }>>, table: string) => (await query(`SELECT count(*)::int AS n FROM ${table}`))[0].n;
  return {
    checkIns: await count((sql) => hub.subgraphs.activities.dataSource.query(sql), 'check_ins'),
    activities: await count((sql) => hub.subgraphs.activities.dataSource.query(sql), 'activities'),
    feedback: await count((sql) => hub.subgraphs.evaluations.dataSource.query(sql), 'feedback'),
    members: await count((sql) => hub.subgraphs.organizations.dataSource.query(sql), 'memberships'),
    registryVersions: await count(async (sql) => (await gatewayDb.query(sql)).rows, 'registry_subgraph_versions'),
    registryHosts: await count(async (sql) => (await gatewayDb.query(sql)).rows, 'registry_approved_hosts'),
  };
}

/** Runs `attack` and checks that no table of the hub changed. */
async function writesNothing<T>(attack: () => Promise<T>): Promise<T> {
  const before = await rows();
  const result = await attack();
  expect(await rows()).toEqual(before);
  return result;
}

async function raw(url: string, init: RequestInit & { headers?: Record<string, string> }) {
  const response = await fetch(url, init);
  const text = await response.text();
  return { status: response.status, type: response.headers.get('content-type') ?? '', text, headers: response.headers, body: JSON.parse(text) as { errors: Errors } };
}

function socket(url: string, token?: string): TestWsClient {
  const opened = connect(url, token);
  sockets.push(opened);
  return opened;
}

/** The errors a WebSocket operation ended with. */
async function overSocket(url: string, query: string, variables?: Record<string, unknown>, token?: string, operationName?: string): Promise<Errors> {
  const client = socket(url, token);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('no answer on the socket')), 5_000);
    const collected: Errors = [];
    client.client.subscribe({ query, variables, operationName }, {
      next: (result) => collected.push(...((result.errors ?? []) as Errors)),
      error: (error) => {
        clearTimeout(timer);
        resolve(Array.isArray(error) ? error : [{ message: String((error as { reason?: string }).reason ?? error), extensions: { code: `close ${(error as { code?: number }).code}` } }]);
      },
      complete: () => {
        clearTimeout(timer);
        resolve(collected);
      },
    });
  });
}

/** No trace of the hub's inside in an answer: no stack trace, no path on disk, no subgraph address or raw body. */
function revealsNothing(text: string, mode: string) {
  if (mode === 'production') expect(text).not.toMatch(/stacktrace|\/work\/|node_modules|at [A-Za-z.]+ \(/);
  expect(text).not.toMatch(/<html|<pre|serviceName|"response"|127\.0\.0\.1:\d+\/graphql/i);
}

async function registerActivity(title: string): Promise<string> {
  const organizer = await hub.token({ role: 'organizer', org: ORG.hubei, sub: 'battery-officer' });
  const result = await hub.query<{ registerActivity: { id: string } }>(
    `mutation($input: RegisterActivityInput!) { registerActivity(input: $input) { id } }`,
    {
      input: {
        campaign: year, title, regionCode: '420100', category: 'JOINT_ACTION', jointAction: 'WATER_SAVING', contentAreas: ['SCIENTIFIC_SPIRIT'],
        mode: 'OFFLINE', venueKind: 'COMMUNITY', address: '武汉市洪山区某社区', startsAt, endsAt, expectedParticipants: 30,
      },
    },
    organizer,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.registerActivity.id;
}

beforeAll(async () => {
  hub = await startHub({ gateway: { development: true } });
  gateways.development = hub.url;
  gateways.production = (await hub.addGateway({ production: true, development: false })).url;
  gatewayDb = new Client({ connectionString: hub.gatewayDatabaseUrl });
  await gatewayDb.connect();
  await setCampaignCalendar(hub, year, { registrationOpens: -10, registrationCloses: 10, infoCompletion: 20, summary: 30, recommendation: 40 });
  activityId = await registerActivity('打卡防护测试活动');
  otherActivityId = await registerActivity('打卡防护测试活动二');
}, 120_000);

afterAll(async () => {
  await Promise.all(sockets.map((opened) => opened.dispose().catch(() => undefined)));
  await gatewayDb?.end();
  await hub?.close();
});

describe.each(['development', 'production'] as const)('hostile requests, %s', (mode) => {
  const url = () => gateways[mode];
  const post = (body: unknown, headers: Record<string, string> = {}) =>
    raw(url(), { method: 'POST', headers: { 'content-type': 'application/json', accept: 'application/json', ...headers }, body: typeof body === 'string' ? body : JSON.stringify(body) });

  it('answers transport errors as GraphQL over HTTP: 400, 405, 413, 415, never a page or a stack trace', async () => {
    await writesNothing(async () => {
      const cases = [
        [await post('{"query": "mutation { checkIn('), 400, 'BAD_REQUEST'],
        [await post({ query: `mutation { checkIn(activityId: "${activityId}") { id } }`, pad: 'x'.repeat(2_000_001) }), 413, 'PAYLOAD_TOO_LARGE'],
        [await raw(url(), { method: 'POST', headers: { 'content-type': 'text/plain' }, body: '{"query":"{ __typename }"}' }), 415, 'UNSUPPORTED_MEDIA_TYPE'],
        [await raw(url(), { method: 'PUT', headers: { 'content-type': 'application/json' }, body: '{"query":"{ __typename }"}' }), 405, 'METHOD_NOT_ALLOWED'],
        [await post({ query: 'query A { __typename } query B { __typename }', operationName: 'C' }), 400, 'OPERATION_RESOLUTION_FAILURE'],
        [await post({ query: 'query A { __typename } query B { __typename }' }), 400, 'OPERATION_RESOLUTION_FAILURE'],
        [await post([{ query: '{ __typename }' }, { query: '{ __typename }' }]), 400, 'BAD_REQUEST'],
        [await raw(`${url()}?query=${encodeURIComponent('{ __typename }')}`, { method: 'GET', headers: { accept: 'application/json' } }), 400, 'BAD_REQUEST'],
      ] as const;
      for (const [answer, status, code] of cases) {
        expect([answer.status, answer.body.errors[0].extensions?.code]).toEqual([status, code]);
        expect(answer.type).toMatch(/json/);
        revealsNothing(answer.text, mode);
      }
      const methodNotAllowed = cases[3][0];
      expect(methodNotAllowed.headers.get('allow')).toBe('GET, POST');
    });
  });

  it('refuses operations over the limits with QUERY_TOO_COMPLEX naming the limit, over HTTP (400) and WebSocket alike', async () => {
    const operations: Array<[string, string, Record<string, unknown>?]> = [
      ['depth', '{ activity(id: "x") { organizer { region { parent { parent { parent { parent { parent { parent { parent { parent { parent { code } } } } } } } } } } } } }'],
      ['aliases', `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: campaigns { year }`).join(' ')} }`],
      ['directives', `{ campaigns { ${Array.from({ length: 21 }, () => 'year @include(if: true)').join(' ')} } }`],
      ['tokens', `{ ${'__typename '.repeat(2_001)} }`],
      ['cost', 'query($n: Int = 200) { activities(first: $n) { edges { node { organizer { volunteers(first: $n) { edges { node { id name } } } } } } } }'],
      ['cost', '{ regions { children { children { code name } } } }'],
    ];
    await writesNothing(async () => {
      for (const [limit, query, variables] of operations) {
        const answer = await post({ query, variables });
        expect([limit, answer.status, answer.body.errors[0].extensions]).toEqual([limit, 400, expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', limit })]);
        const [error] = await overSocket(url(), query, variables);
        expect([limit, error.extensions]).toEqual([limit, expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', limit })]);
      }
    });
  });

  it('refuses fragment cycles and unknown operations the same on both transports', async () => {
    const cycle = 'query { campaigns { ...A } } fragment A on Campaign { year ...B } fragment B on Campaign { ...A }';
    expect((await post({ query: cycle })).body.errors[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect((await overSocket(url(), cycle))[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const named = 'query A { __typename }';
    expect((await post({ query: named, operationName: 'B' })).body.errors[0].extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
    expect((await overSocket(url(), named, undefined, undefined, 'B'))[0].extensions?.code).toBe('OPERATION_RESOLUTION_FAILURE');
  });

  it('hides field suggestions in production only', async () => {
    const answer = await post({ query: '{ campaignz { year } }' });
    const [overWs] = await overSocket(url(), '{ campaignz { year } }');
    for (const message of [answer.body.errors[0].message, overWs.message]) {
      if (mode === 'production') expect(message).not.toMatch(/Did you mean/);
      else expect(message).toMatch(/Did you mean "campaign/);
    }
  });

  it('answers a forged cursor and a bad id with BAD_USER_INPUT naming the argument, never a database message', async () => {
    const forged = Buffer.from(JSON.stringify(['not-a-date', 'x'])).toString('base64url');
    const cursor = `{ activities(first: 2, after: "${forged}") { totalCount } }`;
    const answer = await post({ query: cursor });
    expect(answer.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    expect(answer.text).not.toMatch(/syntax|timestamp|SELECT/i);
    expect((await overSocket(url(), cursor))[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    const badId = '{ activities(first: 2, filter: { organizerId: "not-a-uuid" }) { totalCount } }';
    const byId = await post({ query: badId });
    expect(byId.body.errors[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: expect.stringMatching(/organizerId$/) });
    expect(byId.text).not.toMatch(/uuid|syntax|SELECT/i);
  });

  it('forwards a subgraph\'s refusal with its own code and message and nothing of the subgraph', async () => {
    const mutation = `mutation { checkIn(activityId: "${activityId}") { id } }`;
    await writesNothing(async () => {
      const answer = await post({ query: mutation });
      const { stacktrace, ...extensions } = answer.body.errors[0].extensions ?? {};
      expect({ ...answer.body.errors[0], extensions }).toEqual({ message: 'checkIn needs a signed-in user (a token with sub)', path: ['checkIn'], extensions: { code: 'UNAUTHENTICATED' } });
      expect(stacktrace === undefined).toBe(mode === 'production');
      revealsNothing(answer.text, mode);
      expect((await overSocket(url(), mutation))[0]).toMatchObject({ message: 'checkIn needs a signed-in user (a token with sub)', extensions: { code: 'UNAUTHENTICATED' } });
    });
  });

  it('refuses forged tokens (401 / 4401) and mutations a role may not call (FORBIDDEN before any argument is read)', async () => {
    await writesNothing(async () => {
      const forged = await post({ query: '{ __typename }' }, { authorization: 'Bearer eyJhbGciOiJub25lIn0.eyJyb2xlIjoiYWRtaW4ifQ.' });
      expect([forged.status, forged.body.errors[0].extensions?.code]).toEqual([401, 'UNAUTHENTICATED']);
      const ws = socket(url(), 'eyJhbGciOiJub25lIn0.eyJyb2xlIjoiYWRtaW4ifQ.');
      ws.subscribe('subscription { checkInRecorded { checkInCount } }');
      expect((await ws.closed).code).toBe(4401);
      const organizer = await hub.token({ role: 'organizer', org: ORG.hubei, sub: 'battery-officer' });
      const checkIn = `mutation { checkIn(activityId: "${activityId}") { id } }`;
      const refused = await postGraphQL(url(), { query: checkIn }, { authorization: `Bearer ${organizer}` });
      expect(refused.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
      expect((await overSocket(url(), checkIn, undefined, organizer))[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'ROLE_NOT_ALLOWED' });
    });
  });
});

describe('unexpected errors and foreign subgraphs', () => {
  let leaky: http.Server;
  let leakyUrl = '';
  let requests = 0;
  const NAME = 'battery-leaky';
  const SDL = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])\ntype Query { batteryLeak: String }\n';

  beforeAll(async () => {
    // A published subgraph that fails with a message full of its own secrets and no code.
    leaky = http.createServer((req, res) => {
      requests += 1;
      req.resume();
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ data: { batteryLeak: null }, errors: [{ message: 'password=hunter2 in /srv/secret/resolver.ts at 10.1.2.3', path: ['batteryLeak'] }] }));
    });
    await new Promise<void>((resolve) => leaky.listen(0, '127.0.0.1', resolve));
    leakyUrl = `http://127.0.0.1:${(leaky.address() as AddressInfo).port}/graphql`;
  });
  afterAll(async () => new Promise<void>((resolve) => leaky.close(() => resolve())));

  const registry = async (method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(`${hub.origin}/registry${path}`, {
      method, headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { error?: { code: string }; reason?: string } & Record<string, unknown> };
  };

  it('masks an unexpected error to INTERNAL_SERVER_ERROR with a request id in production, logged in full; development shows it', async () => {
    const admin = await hub.token({ role: 'admin', sub: 'battery-admin' });
    expect((await registry('POST', `/subgraphs/${NAME}`, admin, { url: leakyUrl, sdl: SDL })).status).toBe(201);
    {
      // The production gateway is not the one that took the publish: it swaps when the NOTIFY arrives.
      const askProduction = () => raw(gateways.production, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ batteryLeak }' }) });
      let production = await askProduction();
      for (const deadline = Date.now() + 5_000; production.body.errors?.[0]?.extensions?.code === 'GRAPHQL_VALIDATION_FAILED' && Date.now() < deadline;) {
        await new Promise((resolve) => setTimeout(resolve, 50));
        production = await askProduction();
      }
      const [error] = production.body.errors;
      expect(error).toEqual({ message: 'Internal server error', path: ['batteryLeak'], extensions: { code: 'INTERNAL_SERVER_ERROR', requestId: expect.any(String) } });
      expect(production.text).not.toMatch(/hunter2|secret|10\.1\.2\.3/);
      expect(production.headers.get('x-request-id')).toBe(error.extensions?.requestId);
      // Logged in full, as JSON, on a line of the gateway that carries the request id.
      const line = hub.logs.lines.find((entry) => entry.requestId === error.extensions?.requestId && /hunter2/.test(entry.msg));
      expect(line).toMatchObject({ service: 'gateway', level: 'error' });
      const development = await postGraphQL(gateways.development, { query: '{ batteryLeak }' });
      expect(development.errors?.[0].message).toMatch(/hunter2/);
    }
  });

  it('reserves the core subgraph names for the system and admins (403 for publishers, rollback and delete included)', async () => {
    const publisher = await hub.token({ role: 'publisher', subgraph: 'activities', sub: 'intruder' });
    const admin = await hub.token({ role: 'admin', sub: 'battery-admin' });
    const sdl = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])\ntype Query { hijack: String }\n';
    await writesNothing(async () => {
      for (const [method, path, body] of [
        ['POST', '/subgraphs/activities/check', { url: leakyUrl, sdl }],
        ['POST', '/subgraphs/activities', { url: leakyUrl, sdl, force: true }],
        ['POST', '/subgraphs/activities/rollback', { version: 1 }],
        ['DELETE', '/subgraphs/activities?force=true', undefined],
      ] as const) {
        const answer = await registry(method, path, publisher, body);
        expect([path, answer.status, answer.body.error?.code]).toEqual([path, 403, 'FORBIDDEN']);
      }
      expect((await registry('POST', '/tokens', admin, { subgraph: 'activities' })).status).toBe(403);
    });
  });

  it('routes only to hosts an admin approved for the subgraph; the gateway sends a revoked one nothing', async () => {
    const publisher = await hub.token({ role: 'publisher', subgraph: 'battery-remote', sub: 'ministry' });
    const admin = await hub.token({ role: 'admin', sub: 'battery-admin' });
    const remoteSdl = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])\ntype Query { batteryRemote: String }\n';
    await writesNothing(async () => {
      const refused = await registry('POST', '/subgraphs/battery-remote', publisher, { url: 'http://ministry.example:8443/graphql', sdl: remoteSdl });
      expect([refused.status, refused.body.error?.code, refused.body.reason]).toEqual([403, 'FORBIDDEN', 'HOST_NOT_APPROVED']);
      expect((await registry('PUT', '/subgraphs/battery-remote/hosts/ministry.example:8443', publisher)).status).toBe(403);
    });
    expect((await registry('PUT', '/subgraphs/battery-remote/hosts/ministry.example:8443', admin)).status).toBe(201);
    expect((await registry('POST', '/subgraphs/battery-remote/check', publisher, { url: 'http://ministry.example:8443/graphql', sdl: remoteSdl })).status).toBe(200);
    // Production approves no host by default: even loopback needs an admin's approval, and a withdrawn
    // approval stops the gateway calling that host at once, whatever the supergraph says.
    const strict = await startHub({ seed: false, gateway: { production: true } });
    try {
      const strictAdmin = await strict.token({ role: 'admin', sub: 'strict-admin' });
      const strictRegistry = (method: string, path: string, body?: unknown) => fetch(`${strict.origin}/registry${path}`, {
        method, headers: { 'content-type': 'application/json', authorization: `Bearer ${strictAdmin}` }, body: body === undefined ? undefined : JSON.stringify(body),
      });
      const host = new URL(leakyUrl).host;
      expect((await strictRegistry('POST', `/subgraphs/${NAME}`, { url: leakyUrl, sdl: SDL })).status).toBe(403);
      expect((await strictRegistry('PUT', `/subgraphs/${NAME}/hosts/${host}`)).status).toBe(201);
      expect((await strictRegistry('POST', `/subgraphs/${NAME}`, { url: leakyUrl, sdl: SDL })).status).toBe(201);
      const served = requests;
      expect((await postGraphQL(strict.url, { query: '{ batteryLeak }' })).errors?.[0].extensions?.code).toBe('INTERNAL_SERVER_ERROR');
      expect(requests).toBe(served + 1);
      expect((await strictRegistry('DELETE', `/subgraphs/${NAME}/hosts/${host}`)).status).toBe(200);
      await strict.gateway.registry!.source.refresh();
      const refused = await postGraphQL(strict.url, { query: '{ batteryLeak }' });
      expect(refused.errors?.[0].extensions?.code).toBe('DOWNSTREAM_SERVICE_ERROR');
      expect(requests).toBe(served + 1);
    } finally {
      await strict.close();
    }
  });
});

describe('rate limits', () => {
  const limits = { windowSeconds: 60, mutationsPerUser: 3, mutationsPerIp: 5, anonymousCostPerIp: 100 };

  async function checkIns(url: string, user: string, count: number, activity = activityId) {
    const token = await hub.token({ role: 'public', sub: user });
    const answers = [];
    for (let i = 0; i < count; i++) answers.push(await raw(url, {
      method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify({ query: 'mutation($id: ID!) { checkIn(activityId: $id) { id } }', variables: { id: activity } }),
    }));
    return answers;
  }

  it('limits public mutations per user and per address: RATE_LIMITED with retryAfter and Retry-After, nothing written', async () => {
    const { url } = await hub.addGateway({ rateLimits: limits });
    const allowed = await checkIns(url, 'rate-user-1', 3);
    expect(allowed.map((answer) => answer.body.errors)).toEqual([undefined, undefined, undefined]);
    const [limited] = await writesNothing(() => checkIns(url, 'rate-user-1', 1, otherActivityId));
    expect(limited.status).toBe(429);
    expect(limited.body.errors[0].extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'mutationsPerUser', retryAfter: expect.any(Number) });
    expect(Number(limited.headers.get('retry-after'))).toBe(limited.body.errors[0].extensions?.retryAfter);
    // Another user from the same address: two more fit the address's five, then it is refused too.
    const [fourth, fifth, sixth] = await checkIns(url, 'rate-user-2', 3, otherActivityId);
    expect([fourth.body.errors, fifth.body.errors, sixth.status, sixth.body.errors?.[0].extensions?.limit]).toEqual([undefined, undefined, 429, 'mutationsPerIp']);
    // Over the WebSocket, the same counters.
    const token = await hub.token({ role: 'public', sub: 'rate-user-1' });
    const [overWs] = await overSocket(url, `mutation { checkIn(activityId: "${otherActivityId}") { id } }`, undefined, token);
    expect(overWs.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfter: expect.any(Number) });
  });

  it('limits the cost anonymous callers spend per address, subscriptions included', async () => {
    const { url } = await hub.addGateway({ rateLimits: limits });
    const query = { query: '{ campaigns { year theme } }' }; // 1 + 200 × 2
    const first = await raw(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ campaign(year: 2020) { year } }' }) });
    expect(first.body.errors).toBeUndefined();
    const costly = await raw(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(query) });
    expect([costly.status, costly.body.errors[0].extensions?.limit]).toEqual([429, 'anonymousCostPerIp']);
    const [subscription] = await overSocket(url, 'subscription { checkInRecorded { activity { region { children { code } } } } }');
    expect(subscription.extensions).toMatchObject({ code: 'RATE_LIMITED', limit: 'anonymousCostPerIp' });
    // A user's token is not held to the anonymous budget.
    expect((await postGraphQL(url, query, { authorization: `Bearer ${await hub.token({ role: 'public', sub: 'rate-reader' })}` })).errors).toBeUndefined();
  });

  it('shares the counters through Redis between gateways when REDIS_URL is set; keeps them per gateway in memory otherwise', async () => {
    const keyPrefix = `battery-${Date.now()}:`;
    const shared = { rateLimits: limits, redis: { url: redisUrl(), keyPrefix } };
    const [one, two] = [await hub.addGateway(shared), await hub.addGateway(shared)];
    expect((await checkIns(one.url, 'redis-user', 3)).every((answer) => answer.status === 200)).toBe(true);
    expect((await checkIns(two.url, 'redis-user', 1))[0].status).toBe(429);
    const [alone, another] = [await hub.addGateway({ rateLimits: limits }), await hub.addGateway({ rateLimits: limits })];
    expect((await checkIns(alone.url, 'memory-user', 3)).every((answer) => answer.status === 200)).toBe(true);
    expect((await checkIns(another.url, 'memory-user', 1))[0].status).toBe(200);
  });
});

describe('WebSocket', () => {
  it('closes a socket that sends a message larger than the body limit (1009)', async () => {
    const ws = new WebSocket(gateways.production.replace(/^http/, 'ws'), 'graphql-transport-ws');
    const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
    await new Promise((resolve) => ws.on('open', resolve));
    ws.send(JSON.stringify({ type: 'connection_init', payload: { pad: 'x'.repeat(2_000_001) } }));
    expect(await closed).toBe(1009);
  });

  it('closes an organiser\'s open socket with 4403 as soon as their membership is removed, and refuses its next operation', async () => {
    const admin = await hub.token({ role: 'admin', sub: 'battery-admin' });
    const organizer = await hub.token({ role: 'organizer', org: ORG.wuhan, sub: 'leaving-officer' });
    const ws = socket(gateways.production, organizer);
    const live = ws.subscribe('subscription { activityRegistered { title } }');
    const first = await overSocket(gateways.production, '{ campaign(year: 2020) { year } }', undefined, organizer);
    expect(first).toEqual([]);
    const removed = await hub.query('mutation($org: ID!, $sub: String!) { removeMember(organizationId: $org, userSub: $sub) }', { org: ORG.wuhan, sub: 'leaving-officer' }, admin);
    expect(removed.errors).toBeUndefined();
    expect((await ws.closed).code).toBe(4403);
    await live.ended();
    const again = await overSocket(gateways.production, '{ campaign(year: 2020) { year } }', undefined, organizer);
    expect(again[0].extensions?.code).toMatch(/FORBIDDEN|close 4403/);
  });
});
