import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Kind, parse, type DirectiveNode, type FieldDefinitionNode, type TypeNode } from 'graphql';
import { CORE_SUBGRAPHS } from '../subgraphs/core-subgraphs';
import { ORG, currentYearWindow, errorOf, setCampaignCalendar } from './support/domain';
import { freePort } from '../scripts/lib/postgres';
import { startRedisServer } from '../scripts/lib/redis';
import { closeRedis, connectRedis } from '../gateway/src/redis';
import { redisUrl, startHub, type TestHub } from './support/hub';
import { connect, type TestWsClient } from './support/ws';

/**
 * Cached, CDN-friendly public reads: cache-control from the subgraphs' hints, the gateway's response
 * cache shared through the run's real Redis, GET with automatic persisted queries, bounded staleness,
 * and never an identity-dependent answer for anyone else.
 */
const STATS_MAX_AGE = 3;
const { year, startsAt, endsAt } = currentYearWindow();
const keyPrefix = `t-${randomBytes(4).toString('hex')}:`;
const DASHBOARD = path.resolve(__dirname, '../schema/operations/dashboard-page.graphql');
const PREFLIGHT = { 'apollo-require-preflight': 'true' };

let hub: TestHub;
let dashboard: string;
let activityId: string;
let users = 0;
const clients: TestWsClient[] = [];

interface Answer<T = Record<string, unknown>> {
  status: number;
  headers: Headers;
  body: { data?: T; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

async function answer<T>(response: Response): Promise<Answer<T>> {
  return { status: response.status, headers: response.headers, body: (await response.json()) as Answer<T>['body'] };
}

function post<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, token?: string, url = hub.url): Promise<Answer<T>> {
  return fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  }).then((response) => answer<T>(response));
}

/** A GET with an automatic persisted query: the document's sha256 only, or (registering it) with the document. */
function persistedGet<T = Record<string, unknown>>(query: string, variables: Record<string, unknown>, options: { withText?: boolean; url?: string; token?: string } = {}): Promise<Answer<T>> {
  const search = new URLSearchParams({
    variables: JSON.stringify(variables),
    extensions: JSON.stringify({ persistedQuery: { version: 1, sha256Hash: createHash('sha256').update(query).digest('hex') } }),
  });
  if (options.withText) search.set('query', query);
  return fetch(`${options.url ?? hub.url}?${search}`, { headers: { ...PREFLIGHT, ...(options.token ? { authorization: `Bearer ${options.token}` } : {}) } })
    .then((response) => answer<T>(response));
}

/** max-age and scope of a cache-control header ("max-age=3, public"), or what else it says. */
function policyOf(headers: Headers): { maxAge?: number; scope?: string; noStore: boolean } {
  const value = headers.get('cache-control') ?? '';
  const maxAge = /max-age=(\d+)/.exec(value)?.[1];
  return { maxAge: maxAge === undefined ? undefined : Number(maxAge), scope: /\b(public|private)\b/.exec(value)?.[1], noStore: /no-store/.test(value) };
}

async function cacheLookups(result: 'hit' | 'miss', gateway = hub.gateway): Promise<number> {
  const values = (await gateway.metrics.getSingleMetric('hub_response_cache_requests_total')!.get()).values;
  return values.filter((value) => value.labels.result === result).reduce((sum, value) => sum + value.value, 0);
}

function activityInput(change: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    campaign: year, title: '武汉缓存科普进社区', regionCode: '420100', category: 'JOINT_ACTION', jointAction: 'WATER_SAVING',
    contentAreas: ['SCIENTIFIC_SPIRIT'], mode: 'OFFLINE', venueKind: 'COMMUNITY', address: '武汉市洪山区某社区', startsAt, endsAt, expectedParticipants: 300,
    ...change,
  };
}

async function checkIn(): Promise<void> {
  users += 1;
  const result = await hub.query(`mutation($id: ID!) { checkIn(activityId: $id) { id } }`, { id: activityId }, await hub.token({ role: 'public', sub: `cache-user-${users}` }));
  expect(result.errors).toBeUndefined();
}

interface DashboardData { campaign: { activityStats: { checkInCount: number } } }
const national = (result: Answer<DashboardData>) => result.body.data!.campaign.activityStats.checkInCount;

beforeAll(async () => {
  hub = await startHub({ cacheMaxAges: { stats: STATS_MAX_AGE, content: 60, reference: 600 }, gateway: { redis: { url: redisUrl(), keyPrefix } } });
  dashboard = await readFile(DASHBOARD, 'utf8');
  await setCampaignCalendar(hub, year, { registrationOpens: -10, registrationCloses: 10, infoCompletion: 20, summary: 30, recommendation: 40 });
  const registered = await hub.query<{ registerActivity: { id: string } }>(
    `mutation($input: RegisterActivityInput!) { registerActivity(input: $input) { id } }`,
    { input: activityInput() },
    await hub.token({ role: 'organizer', org: ORG.hubei, sub: 'hubei-officer' }),
  );
  expect(registered.errors).toBeUndefined();
  activityId = registered.data!.registerActivity.id;
});

afterAll(async () => {
  await Promise.all(clients.map((client) => client.dispose().catch(() => undefined)));
  await hub?.close();
});

describe('the subgraphs\' hints', () => {
  const hintOf = (directives: readonly DirectiveNode[] | undefined) => {
    const hint = directives?.find((directive) => directive.name.value === 'cacheControl');
    if (!hint) return undefined;
    return Object.fromEntries((hint.arguments ?? []).map((argument) => [argument.name.value, 'value' in argument.value ? argument.value.value : undefined]));
  };
  const namedType = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type));

  it('say for every root query field how long its answer may be reused, and make a caller\'s own data private', () => {
    const unhinted: string[] = [];
    const own: Record<string, unknown> = {};
    for (const subgraph of CORE_SUBGRAPHS) {
      const document = parse(readFileSync(subgraph.sdlFile, 'utf8'));
      const typeHints = new Map<string, ReturnType<typeof hintOf>>();
      const queryFields: FieldDefinitionNode[] = [];
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION && definition.kind !== Kind.OBJECT_TYPE_EXTENSION) continue;
        typeHints.set(definition.name.value, hintOf(definition.directives));
        if (definition.name.value === 'Query') queryFields.push(...(definition.fields ?? []));
      }
      for (const field of queryFields) {
        const hint = hintOf(field.directives) ?? typeHints.get(namedType(field.type));
        if (!hint || hint.inheritMaxAge) unhinted.push(`${subgraph.name}: Query.${field.name.value}`);
        if (field.name.value.startsWith('my')) own[field.name.value] = hint;
      }
    }
    expect(unhinted).toEqual([]);
    expect(Object.keys(own).sort()).toEqual(['myFeedback', 'myMemberships']);
    for (const hint of Object.values(own)) expect(hint).toEqual({ maxAge: '0', scope: 'PRIVATE' });
  });
});

describe('public answers: cache-control from the subgraphs, kept by the gateway', () => {
  it('gives the anonymous dashboard the shortest max-age of what it reads (the stats\'), public, and serves it again from the cache', async () => {
    const variables = { campaign: 2020 };
    const first = await post<DashboardData>(dashboard, variables);
    expect(first.status).toBe(200);
    expect(first.body.errors).toBeUndefined();
    expect(policyOf(first.headers)).toEqual({ maxAge: STATS_MAX_AGE, scope: 'public', noStore: false });
    expect(first.headers.get('vary')).toMatch(/authorization/i);
    const hits = await cacheLookups('hit');
    const again = await post<DashboardData>(dashboard, variables);
    expect(again.body).toEqual(first.body);
    expect(Number(again.headers.get('age'))).toBeGreaterThanOrEqual(0);
    expect(policyOf(again.headers)).toEqual({ maxAge: STATS_MAX_AGE, scope: 'public', noStore: false });
    expect(await cacheLookups('hit')).toBe(hits + 1);
  });

  it('declares reference data long-lived and content in between, as the subgraphs say', async () => {
    expect(policyOf((await post('{ campaign(year: 2020) { theme } regions(level: PROVINCE) { name } }')).headers)).toEqual({ maxAge: 600, scope: 'public', noStore: false });
    expect(policyOf((await post('{ activities(first: 2, filter: { campaign: 2020 }) { totalCount edges { node { title } } } }')).headers))
      .toEqual({ maxAge: 60, scope: 'public', noStore: false });
    // A figure inside content (check-ins) shortens it to the stats' max-age.
    expect(policyOf((await post('{ activities(first: 2, filter: { campaign: 2020 }) { edges { node { title checkInCount } } } }')).headers).maxAge).toBe(STATS_MAX_AGE);
    // The gateway alone (no subgraph said anything) is not cacheable.
    expect(policyOf((await post('{ __typename }')).headers).noStore).toBe(true);
  });

  it('answers a GET with an automatic persisted query, cacheable by a CDN, and a second gateway on the same Redis serves it without the document', async () => {
    const variables = { campaign: 2020 };
    // The page's own document is registered (the client kepuri-dashboard): a copy no client registered is an APQ.
    const document = `${dashboard}\n# a copy no client registered\n`;
    const unknown = await persistedGet(document, variables);
    expect(errorOf(unknown.body).code).toBe('PERSISTED_QUERY_NOT_FOUND');
    const registered = await persistedGet<DashboardData>(document, variables, { withText: true });
    expect(registered.status).toBe(200);
    expect(registered.body.errors).toBeUndefined();
    const byHash = await persistedGet<DashboardData>(document, variables);
    expect(byHash.status).toBe(200);
    expect(byHash.body.data).toEqual(registered.body.data);
    expect(policyOf(byHash.headers)).toEqual({ maxAge: STATS_MAX_AGE, scope: 'public', noStore: false });
    expect(byHash.headers.get('set-cookie')).toBeNull();

    // Both live in Redis, each with an expiry: the answer its max-age, the document a day.
    const redis = await connectRedis(redisUrl(), () => undefined);
    try {
      const hash = createHash('sha256').update(document).digest('hex');
      const documentTtl = await redis.pTTL(`${keyPrefix}apq:${hash}`);
      expect(documentTtl).toBeGreaterThan(86_000_000);
      expect(documentTtl).toBeLessThanOrEqual(86_400_000);
      const answers = await redis.keys(`${keyPrefix}fqc:*`);
      expect(answers.length).toBeGreaterThan(0);
      for (const key of answers) expect(await redis.pTTL(key)).toBeLessThanOrEqual(600_000);
    } finally {
      await closeRedis(redis);
    }

    // Another replica: the persisted document and the answer both come from Redis.
    const other = await hub.addGateway({ redis: { url: redisUrl(), keyPrefix } });
    const hits = await cacheLookups('hit', other.gateway);
    const replica = await persistedGet<DashboardData>(document, variables, { url: other.url });
    expect(replica.status).toBe(200);
    expect(replica.body.data).toEqual(registered.body.data);
    expect(replica.headers.get('age')).not.toBeNull();
    expect(await cacheLookups('hit', other.gateway)).toBe(hits + 1);
  });

  it('serves the dashboard page\'s registered document by its hash without it ever being sent (the registry ahead of APQ)', async () => {
    const served = await persistedGet<DashboardData>(dashboard, { campaign: 2020 });
    expect(served.status).toBe(200);
    expect(served.body.errors).toBeUndefined();
    expect(policyOf(served.headers)).toEqual({ maxAge: STATS_MAX_AGE, scope: 'public', noStore: false });
  });

  it('keeps nothing with the cache off (RESPONSE_CACHE=off), and still says how long the answer may be reused', async () => {
    const off = await hub.addGateway({ responseCache: false });
    try {
      for (let attempt = 0; attempt < 2; attempt += 1) {
        const result = await post('{ campaign(year: 2020) { theme } }', {}, undefined, off.url);
        expect(result.headers.get('age')).toBeNull();
        expect(policyOf(result.headers)).toEqual({ maxAge: 600, scope: 'public', noStore: false });
      }
      expect((await off.gateway.metrics.getSingleMetric('hub_response_cache_requests_total')!.get()).values).toEqual([]);
    } finally {
      await off.gateway.close();
    }
  });

  it('shows a new check-in in the cached dashboard within the declared max-age, not at once', async () => {
    const variables = { campaign: year };
    // Wait for an entry made now (a miss), so the whole max-age lies ahead.
    let stored = await persistedGet<DashboardData>(dashboard, variables, { withText: true });
    const deadline = Date.now() + (STATS_MAX_AGE + 2) * 1000;
    while (stored.headers.get('age') !== null && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      stored = await persistedGet<DashboardData>(dashboard, variables);
    }
    const storedAt = Date.now();
    expect(stored.headers.get('age')).toBeNull();
    const before = national(stored);

    await checkIn();
    const cached = await persistedGet<DashboardData>(dashboard, variables);
    expect(cached.headers.get('age')).not.toBeNull();
    expect(national(cached)).toBe(before);

    let shown = cached;
    while (national(shown) === before && Date.now() - storedAt < (STATS_MAX_AGE + 3) * 1000) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      shown = await persistedGet<DashboardData>(dashboard, variables);
    }
    expect(national(shown)).toBe(before + 1);
    // Within the max-age of the entry that held the old figure (plus a second for the age's rounding and the request).
    expect(Date.now() - storedAt).toBeLessThanOrEqual((STATS_MAX_AGE + 1) * 1000);
  });
});

describe('answers that depend on who asks', () => {
  const ACTIVITY = 'query($id: ID!) { activity(id: $id) { id title status } }';

  it('never serves one identity\'s answer to another: a draft its organiser sees stays hidden from another organiser and the public', async () => {
    const hubei = await hub.token({ role: 'organizer', org: ORG.hubei, sub: 'hubei-officer' });
    const hunan = await hub.token({ role: 'organizer', org: ORG.hunan, sub: 'hunan-officer' });
    const draft = await hub.query<{ registerActivity: { id: string } }>(
      `mutation($input: RegisterActivityInput!) { registerActivity(input: $input) { id } }`,
      { input: activityInput({ title: '湖北草稿活动', draft: true }) },
      hubei,
    );
    expect(draft.errors).toBeUndefined();
    const variables = { id: draft.data!.registerActivity.id };

    // The public asks first: null, cached for everyone anonymous.
    const anonymous = await post(ACTIVITY, variables);
    expect(anonymous.body).toEqual({ data: { activity: null } });
    expect(policyOf(anonymous.headers).scope).toBe('public');
    expect((await post(ACTIVITY, variables)).headers.get('age')).not.toBeNull();

    // The organiser, same document: the draft, not the public's cached null, and private.
    const hits = await cacheLookups('hit');
    const misses = await cacheLookups('miss');
    const own = await post(ACTIVITY, variables, hubei);
    expect(own.body).toEqual({ data: { activity: { id: variables.id, title: '湖北草稿活动', status: 'DRAFT' } } });
    expect(own.headers.get('age')).toBeNull();
    expect(policyOf(own.headers).scope).toBe('private');
    // Another organiser, same document, right after: null, not the first organiser's answer.
    const other = await post(ACTIVITY, variables, hunan);
    expect(other.body).toEqual({ data: { activity: null } });
    expect(policyOf(other.headers).scope).toBe('private');
    // And the first one again: still their own view; over GET too (a browser may keep it, a CDN may not).
    expect((await post(ACTIVITY, variables, hubei)).body).toEqual(own.body);
    const overGet = await persistedGet(ACTIVITY, variables, { withText: true, token: hubei });
    expect(overGet.body).toEqual(own.body);
    expect(policyOf(overGet.headers).scope).toBe('private');
    // Identified callers never touched the shared cache; the public still gets its own answer.
    expect([await cacheLookups('hit'), await cacheLookups('miss')]).toEqual([hits, misses]);
    expect((await post(ACTIVITY, variables)).body).toEqual({ data: { activity: null } });
  });

  it('shares identical subgraph calls in flight only within one identity, under concurrency', async () => {
    const hubei = await hub.token({ role: 'organizer', org: ORG.hubei, sub: 'hubei-officer' });
    const hunan = await hub.token({ role: 'organizer', org: ORG.hunan, sub: 'hunan-officer' });
    const draft = await hub.query<{ registerActivity: { id: string } }>(
      `mutation($input: RegisterActivityInput!) { registerActivity(input: $input) { id } }`, { input: activityInput({ title: '湖北并发草稿', draft: true }) }, hubei);
    const variables = { id: draft.data!.registerActivity.id };
    const sharedCalls = async () => (await hub.gateway.metrics.getSingleMetric('hub_subgraph_requests_shared_total')!.get()).values[0].value;
    const before = await sharedCalls();
    const askers = Array.from({ length: 24 }, (_, index) => [hubei, hunan, undefined][index % 3]);
    const answers = await Promise.all(askers.map((token) => post<{ activity: { title: string } | null }>(ACTIVITY, variables, token)));
    answers.forEach((result, index) => {
      expect({ asker: index % 3, activity: result.body.data?.activity?.title ?? null })
        .toEqual({ asker: index % 3, activity: index % 3 === 0 ? '湖北并发草稿' : null });
    });
    expect(await sharedCalls()).toBeGreaterThan(before);
  });

  it('marks a user\'s own data and organiser views never reusable, even for the public', async () => {
    const user = await hub.token({ role: 'public', sub: 'cache-reader' });
    const own = await post('query($id: ID!) { myFeedback(activityId: $id) { rating } }', { id: activityId }, user);
    expect(own.body.errors).toBeUndefined();
    expect(policyOf(own.headers).noStore).toBe(true);
    const memberships = await post('{ myMemberships { organizationId role } }', {}, await hub.token({ role: 'organizer', org: ORG.hubei, sub: 'hubei-officer' }));
    expect(memberships.body.errors).toBeUndefined();
    expect(policyOf(memberships.headers).noStore).toBe(true);
    const summaries = await post('query($year: Int!) { workSummaries(campaign: $year) { totalCount } }', { year: 2020 }, await hub.token({ role: 'admin' }));
    expect(summaries.body.errors).toBeUndefined();
    expect(policyOf(summaries.headers).noStore).toBe(true);
  });

  it('never caches a mutation, refuses one over GET, and keeps no error', async () => {
    const hits = await cacheLookups('hit');
    const user = await hub.token({ role: 'public', sub: 'cache-writer' });
    const write = await post(`mutation($id: ID!) { checkIn(activityId: $id) { id } }`, { id: activityId }, user);
    expect(write.body.errors).toBeUndefined();
    expect(policyOf(write.headers).noStore).toBe(true);
    const overGet = await fetch(`${hub.url}?${new URLSearchParams({ query: `mutation { checkIn(activityId: "${activityId}") { id } }` })}`, { headers: PREFLIGHT });
    expect(overGet.status).toBe(405);
    await overGet.text();

    const bad = '{ activities(first: -1) { totalCount } }';
    for (let attempt = 0; attempt < 2; attempt += 1) {
      const refused = await post(bad);
      expect(errorOf(refused.body).code).toBe('BAD_USER_INPUT');
      expect(policyOf(refused.headers).noStore).toBe(true);
      expect(refused.headers.get('age')).toBeNull();
    }
    expect(await cacheLookups('hit')).toBe(hits);
  });
});

describe('the live path and outages', () => {
  it('resolves every subscription event from the subgraphs, never from the cache: two check-ins within the max-age, two counts', async () => {
    // Earlier tests' check-ins counted first: each event here is one of this test's.
    await hub.settle();
    const socket = connect(hub.url);
    clients.push(socket);
    const subscription = socket.subscribe<{ checkInRecorded: { checkInCount: number; activity: { checkInCount: number } } }>(
      'subscription($id: ID) { checkInRecorded(activityId: $id) { checkInCount activity { checkInCount } } }', { id: activityId });
    await new Promise((resolve) => setTimeout(resolve, 300));
    await checkIn();
    const first = (await subscription.next(10_000)).data!.checkInRecorded;
    await checkIn();
    const second = (await subscription.next(10_000)).data!.checkInRecorded;
    expect(first.activity.checkInCount).toBe(first.checkInCount);
    expect(second.activity.checkInCount).toBe(second.checkInCount);
    expect(second.checkInCount).toBe(first.checkInCount + 1);
    subscription.unsubscribe();
  });

  it('keeps answering while Redis is down (every read a miss) and caches again once it is back', async () => {
    const port = await freePort();
    let redis = await startRedisServer(port);
    const other = await hub.addGateway({ redis: { url: redis.url, keyPrefix } });
    try {
      const query = '{ campaign(year: 2020) { theme } }';
      expect((await post(query, {}, undefined, other.url)).status).toBe(200);
      expect((await post(query, {}, undefined, other.url)).headers.get('age')).not.toBeNull();
      await redis.stop();
      const errors = async () => (await other.gateway.metrics.getSingleMetric('hub_response_cache_store_errors_total')!.get()).values[0].value;
      const before = await errors();
      for (let attempt = 0; attempt < 3; attempt += 1) {
        const during = await post(query, {}, undefined, other.url);
        expect(during.status).toBe(200);
        expect(during.body).toEqual({ data: { campaign: { theme: expect.any(String) } } });
        expect(during.headers.get('age')).toBeNull();
      }
      expect(await errors()).toBeGreaterThan(before);
      redis = await startRedisServer(port);
      let cached = false;
      for (let attempt = 0; attempt < 50 && !cached; attempt += 1) {
        await new Promise((resolve) => setTimeout(resolve, 100));
        await post(query, {}, undefined, other.url);
        cached = (await post(query, {}, undefined, other.url)).headers.get('age') !== null;
      }
      expect(cached).toBe(true);
    } finally {
      await other.gateway.close();
      await redis.stop();
    }
  });
});
