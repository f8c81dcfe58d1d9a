import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { readExamples, type ExampleOperation } from '../gateway/src/playground/examples';
import { ORG, currentYearWindow, setCampaignCalendar } from './support/domain';
import { postGraphQL, startHub, type TestHub } from './support/hub';
import { connect, settle, type TestWsClient } from './support/ws';

let hub: TestHub;
const { year, startsAt, endsAt } = currentYearWindow();
const operationsDir = path.resolve(__dirname, '../schema/operations');

beforeAll(async () => {
  hub = await startHub();
  await setCampaignCalendar(hub, year, { registrationOpens: -10, registrationCloses: 10, infoCompletion: 20, summary: 30, recommendation: 40 });
}, 120_000);
afterAll(async () => {
  await hub?.close();
});

const INTROSPECTION = '{ __schema { queryType { name } } }';

async function page(url: string): Promise<{ status: number; headers: Headers; html: string; config: { restricted: boolean; examples: ExampleOperation[] } }> {
  const response = await fetch(url, { headers: { accept: 'text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8' } });
  const html = await response.text();
  const json = /<script id="playground-config" type="application\/json">(.*?)<\/script>/s.exec(html)?.[1];
  return { status: response.status, headers: response.headers, html, config: json ? JSON.parse(json) : null };
}

describe('the playground page', () => {
  it('is served to browsers at /graphql with every file from the hub itself', async () => {
    const { status, headers, html } = await page(hub.url);
    expect(status).toBe(200);
    expect(headers.get('content-type')).toMatch(/^text\/html/);
    expect(headers.get('content-security-policy')).toContain("default-src 'self'");
    const urls = [...html.matchAll(/(?:src|href)="([^"]+)"/g)].map((match) => match[1]);
    expect(urls.length).toBe(7); // react, react-dom, graphiql, graphql-ws, the hub's script; graphiql's and the hub's styles
    for (const url of urls) {
      expect(url).toMatch(/^\/playground\/assets\/[0-9a-f]{12}\/[a-z-]+\.(js|css)$/);
      const asset = await fetch(new URL(url, hub.origin), { headers: { 'accept-encoding': 'identity' } });
      expect(asset.status).toBe(200);
      expect(asset.headers.get('content-type')).toMatch(url.endsWith('.js') ? /^text\/javascript/ : /^text\/css/);
      expect((await asset.arrayBuffer()).byteLength).toBeGreaterThan(500);
    }
    expect(html).not.toMatch(/https?:\/\//);
  });

  it('serves GraphiQL gzipped to those who accept it, and answers 304 to a cached copy', async () => {
    const { html } = await page(hub.url);
    const url = new URL(/src="([^"]+graphiql\.js)"/.exec(html)![1], hub.origin);
    const raw = await import('node:http').then((http) => new Promise<{ status: number; headers: Record<string, unknown>; body: Buffer }>((resolve, reject) => {
      http.get(url, { headers: { 'accept-encoding': 'gzip' } }, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }));
      }).on('error', reject);
    }));
    expect(raw.headers['content-encoding']).toBe('gzip');
    const original = await readFile(require.resolve('graphiql/package.json').replace('package.json', 'graphiql.min.js'));
    expect(gunzipSync(raw.body).equals(original)).toBe(true);
    expect(raw.body.length).toBeLessThan(original.length / 2);
    const cached = await fetch(url, { headers: { 'if-none-match': String(raw.headers.etag) } });
    expect(cached.status).toBe(304);
    expect((await fetch(new URL('/playground/assets/000000000000/graphiql.js', hub.origin))).status).toBe(404);
  });

  it('leaves GraphQL over GET and POST to the API', async () => {
    // Apollo's CSRF prevention asks GET requests for a header a simple cross-site request cannot set.
    const get = await fetch(`${hub.url}?query=${encodeURIComponent('{ campaigns { year } }')}`, {
      headers: { accept: 'application/json', 'apollo-require-preflight': 'true' },
    });
    expect(get.status).toBe(200);
    expect(((await get.json()) as { data: { campaigns: unknown[] } }).data.campaigns.length).toBeGreaterThan(0);
    expect((await hub.query('{ __typename }')).data).toEqual({ __typename: 'Query' });
  });

  it('lists every operation of schema/operations with its description and starting variables', async () => {
    const { config } = await page(hub.url);
    expect(config.restricted).toBe(false);
    const files = (await readdir(operationsDir)).filter((file) => file.endsWith('.graphql')).map((file) => file.replace(/\.graphql$/, ''));
    expect(config.examples.map((example) => example.id).sort()).toEqual(files.sort());
    const kinds = new Set(config.examples.map((example) => example.kind));
    expect(kinds).toEqual(new Set(['query', 'mutation', 'subscription']));
    for (const example of config.examples) {
      expect(example.description.length).toBeGreaterThan(20);
      expect(example.query.startsWith('#')).toBe(true); // the description shows in the editor too
      expect(example.query).not.toMatch(/#\s*variables:/);
      if (example.variables) expect(() => JSON.parse(example.variables)).not.toThrow();
    }
    const registration = config.examples.find((example) => example.id === 'register-activity')!;
    expect(JSON.parse(registration.variables).input.campaign).toBe(year);
    expect(registration.variables).not.toContain('{{year}}');
  });
});

describe('the example operations run as written', () => {
  const examples = readExamples();
  const example = (id: string) => examples.find((candidate) => candidate.id === id)!;
  const variablesOf = (id: string) => (example(id).variables ? JSON.parse(example(id).variables) : {});

  it.each(examples.filter((candidate) => candidate.kind === 'query').map((candidate) => candidate.id))('%s answers without errors', async (id) => {
    const result = await hub.query(example(id).query, variablesOf(id));
    expect(result.errors).toBeUndefined();
    expect(Object.values(result.data!).every((value) => value !== null)).toBe(true);
  });

  it('the activity search finds activities with their organisers', async () => {
    const result = await hub.query<{ activities: { totalCount: number; edges: Array<{ node: { organizer: { name: string } } }> } }>(
      example('activity-search').query, variablesOf('activity-search'));
    expect(result.data!.activities.totalCount).toBeGreaterThan(0);
    expect(result.data!.activities.edges[0].node.organizer.name).toEqual(expect.any(String));
  });

  it('registration, check-in and feedback work with their tokens, and the three subscriptions see them', async () => {
    const organizer = await hub.token({ role: 'organizer', org: ORG.hubei, sub: 'hubei-officer' });
    const sockets: TestWsClient[] = [connect(hub.url)];
    try {
      const live = {
        registered: sockets[0].subscribe(example('activities-registered-live').query, variablesOf('activities-registered-live')),
        checkIns: sockets[0].subscribe(example('check-ins-live').query, variablesOf('check-ins-live')),
        stats: sockets[0].subscribe(example('stats-live').query, variablesOf('stats-live')),
      };
      await settle(300); // upstream subscriptions open on the first subscriber

      // As written, with the example's variables (this year's demo campaign).
      const registered = await hub.query<{ registerActivity: { id: string; status: string } }>(example('register-activity').query, variablesOf('register-activity'), organizer);
      expect(registered.errors).toBeUndefined();
      expect(registered.data!.registerActivity.status).toBe('REGISTERED');
      expect((await live.registered.next()).data).toMatchObject({ activityRegistered: { id: registered.data!.registerActivity.id, organizer: { name: '湖北省科学技术协会' } } });

      // Check-in and feedback take an activity running today.
      const today = await hub.query<{ registerActivity: { id: string } }>(example('register-activity').query, {
        input: { ...variablesOf('register-activity').input, title: '今天的节水科普', startsAt, endsAt },
      }, organizer);
      expect(today.errors).toBeUndefined();
      const activityId = today.data!.registerActivity.id;
      const user = await hub.token({ role: 'public', sub: 'example-user' });
      const checkedIn = await hub.query(example('check-in').query, { ...variablesOf('check-in'), activityId }, user);
      expect(checkedIn.errors).toBeUndefined();
      expect(checkedIn.data).toMatchObject({ checkIn: { activity: { id: activityId } } });
      const rated = await hub.query(example('post-feedback').query, { ...variablesOf('post-feedback'), activityId }, user);
      expect(rated.errors).toBeUndefined();
      expect(rated.data).toMatchObject({ postFeedback: { rating: 5, activity: { id: activityId } } });
      // The counts follow within the rollup applier's bound; a repeat of the examples then shows them.
      await hub.settle();
      const again = await hub.query(example('post-feedback').query, { ...variablesOf('post-feedback'), activityId }, user);
      expect(again.data).toMatchObject({ postFeedback: { rating: 5, activity: { feedbackCount: 1, averageRating: 5 } } });
      const repeat = await hub.query(example('check-in').query, { ...variablesOf('check-in'), activityId }, user);
      expect(repeat.data).toMatchObject({ checkIn: { activity: { id: activityId, checkInCount: 1 } } });

      let event = await live.checkIns.next();
      expect(event.data).toMatchObject({ checkInRecorded: { checkInCount: 1, activity: { id: activityId, title: '今天的节水科普' } } });
      event = await live.stats.next();
      expect(event.errors).toBeUndefined();
      expect(event.data).toMatchObject({ statsChanged: { code: '420000', name: expect.any(String) } });
    } finally {
      await Promise.all(sockets.map((socket) => socket.dispose()));
    }
  });
});

describe('developer tokens', () => {
  it('read like the public and may not write (FORBIDDEN, READ_ONLY_ROLE) over HTTP and WebSocket', async () => {
    const developer = await hub.token({ role: 'developer', sub: 'ministry-developer' });
    const read = await hub.query<{ campaigns: unknown[] }>('{ campaigns { year } }', undefined, developer);
    expect(read.errors).toBeUndefined();
    const write = await hub.query(`mutation { checkIn(activityId: "${ORG.hubei}") { id } }`, undefined, developer);
    expect(write.status).toBe(403);
    expect(write.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'READ_ONLY_ROLE' });
    const socket = connect(hub.url, developer);
    try {
      const refused = socket.subscribe(`mutation { checkIn(activityId: "${ORG.hubei}") { id } }`);
      await refused.ended();
      expect(refused.error).toEqual([expect.objectContaining({ extensions: expect.objectContaining({ code: 'FORBIDDEN', reason: 'READ_ONLY_ROLE' }) })]);
    } finally {
      await socket.dispose();
    }
  });
});

describe('the production policy (NODE_ENV=production)', () => {
  let url: string;
  beforeAll(async () => {
    // Another gateway on the same subgraphs, closed with the hub.
    url = (await hub.addGateway({ production: true })).url;
  });
  const ask = async (query: string, token?: string) => postGraphQL(url, { query }, token ? { authorization: `Bearer ${token}` } : {});

  it('refuses introspection to anonymous callers with UNAUTHENTICATED (401), however it is asked', async () => {
    for (const query of [
      INTROSPECTION,
      '{ __type(name: "Activity") { fields { name description } } }',
      'query { ...Schema } fragment Schema on Query { __schema { types { name } } }',
      '{ campaigns { year } meta: __schema { directives { name } } }',
    ]) {
      const result = await ask(query);
      expect(result.status).toBe(401);
      expect(result.data).toBeUndefined();
      expect(result.errors?.[0].extensions).toMatchObject({ code: 'UNAUTHENTICATED', reason: 'INTROSPECTION_DISABLED' });
      expect(result.errors?.[0].message).toMatch(/developer or admin/);
    }
  });

  it('refuses it to other roles with FORBIDDEN (403) and allows it to developer and admin tokens', async () => {
    const forbidden = await ask(INTROSPECTION, await hub.token({ role: 'organizer', org: ORG.hubei }));
    expect(forbidden.status).toBe(403);
    expect(forbidden.errors?.[0].extensions).toMatchObject({ code: 'FORBIDDEN', reason: 'INTROSPECTION_DISABLED' });
    expect((await ask(INTROSPECTION, await hub.token({ role: 'public', sub: 'someone' }))).status).toBe(403);
    for (const role of ['developer', 'admin'] as const) {
      const allowed = await ask(INTROSPECTION, await hub.token({ role, sub: `${role}-1` }));
      expect(allowed.errors).toBeUndefined();
      expect(allowed.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    }
  });

  it('still answers anonymous data queries, __typename included', async () => {
    const result = await ask('{ __typename campaigns { year } }');
    expect(result.errors).toBeUndefined();
    expect((result.data as { __typename?: string }).__typename).toBe('Query');
  });

  it('applies the same rule on the WebSocket', async () => {
    const anonymous = connect(url);
    const developer = connect(url, await hub.token({ role: 'developer', sub: 'ministry-developer' }));
    try {
      const refused = anonymous.subscribe(INTROSPECTION);
      await refused.ended();
      expect(refused.error).toEqual([expect.objectContaining({ extensions: { code: 'UNAUTHENTICATED', reason: 'INTROSPECTION_DISABLED' } })]);
      const allowed = developer.subscribe(INTROSPECTION);
      expect((await allowed.next()).data).toEqual({ __schema: { queryType: { name: 'Query' } } });
    } finally {
      await Promise.all([anonymous.dispose(), developer.dispose()]);
    }
  });

  it('serves the page, which asks for a token before it loads the schema', async () => {
    const { status, config, html } = await page(url);
    expect(status).toBe(200);
    expect(config.restricted).toBe(true);
    expect(html).not.toContain('__schema'); // the page itself reveals nothing of the schema
  });
});
