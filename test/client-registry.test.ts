import { execFile } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { sha256 } from '../gateway/src/registry/compose';
import { startWaterSavingBases, type RunningExample } from '../examples/water-saving-bases/server';
import { postGraphQL, startHub, type TestHub } from './support/hub';
import { connect } from './support/ws';

/**
 * The registry knows its clients (issue 18), through the real gateway and its database: client
 * versions registered from Apollo's persisted query manifest, trusted documents executed by id,
 * `enforce` refusing ad-hoc documents from anonymous callers, usage recorded in batches, and checks,
 * publishes and rollbacks judged against registered documents and recent usage.
 */
const root = path.resolve(__dirname, '..');
const NAME = 'water-saving-bases';
let hub: TestHub;
let enforcing: { url: string };
let example: RunningExample;
let sdl: string;
let tokens: Record<string, string>;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

async function registry(method: string, route: string, body?: unknown, token?: string): Promise<{ status: number; body: Json }> {
  const response = await fetch(`${hub.origin}/registry${route}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, body: (await response.json()) as Json };
}

const operation = (body: string, type = 'query') => ({ id: sha256(body), name: /^(?:query|mutation|subscription)\s+(\w+)/.exec(body)![1], type, body });
const manifest = (...bodies: string[]) => ({ format: 'apollo-persisted-query-manifest', version: 1, operations: bodies.map((body) => operation(body)) });
const registerVersion = (client: string, version: string, body: unknown, token = tokens.admin) =>
  registry('POST', `/clients/${client}/versions`, { version, manifest: body }, token);

const CAMPAIGNS = 'query CampaignYears { campaigns { year } }';
const BASES = 'query BaseNames { waterSavingBases { name kind } }';

/** One statement on the gateway's database (to see what was written, or to age usage buckets). */
async function sql(text: string, params: unknown[] = []): Promise<Json[]> {
  const db = new Client({ connectionString: hub.gatewayDatabaseUrl });
  await db.connect();
  try {
    return (await db.query(text, params)).rows;
  } finally {
    await db.end();
  }
}

const count = async (text: string, params: unknown[] = []): Promise<number> => Number((await sql(text, params))[0].count);

async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const withoutField = (field: 'kind' | 'openAllYear') =>
  sdl.replace(field === 'kind' ? /\n  """类型 — museum[^\n]*\n  kind: String!/ : /\n  """全年开放 — open to visitors all year\."""\n  openAllYear: Boolean!/, '');

beforeAll(async () => {
  hub = await startHub({ gateway: { persistedDocuments: 'log', usage: { flushMs: 200, retentionDays: 30 } } });
  enforcing = await hub.addGateway({ persistedDocuments: 'enforce', usage: { flushMs: 200, retentionDays: 30 } });
  example = await startWaterSavingBases(0);
  sdl = await readFile(path.join(root, 'examples/water-saving-bases/schema.graphql'), 'utf8');
  tokens = {
    admin: await hub.token({ role: 'admin', sub: 'host' }),
    developer: await hub.token({ role: 'developer', sub: 'dev' }),
    portal: await hub.token({ role: 'publisher', client: 'mwr-portal', sub: 'mwr-ci' }),
    otherClient: await hub.token({ role: 'publisher', client: 'other-app' }),
    subgraphPublisher: await hub.token({ role: 'publisher', subgraph: NAME }),
    visitor: await hub.token({ role: 'public', sub: 'visitor-1' }),
  };
  const published = await registry('POST', `/subgraphs/${NAME}`, { url: example.url, sdl }, tokens.admin);
  expect(published.status).toBe(201);
});
afterAll(async () => {
  await hub?.close();
  await example?.close();
});

describe('clients register their operations', () => {
  it('registers the hub\'s own pages at start: the dashboard\'s and the playground\'s operations', async () => {
    const { status, body } = await registry('GET', '/clients', undefined, tokens.admin);
    expect(status).toBe(200);
    const names = body.clients.map((client: Json) => client.name);
    expect(names).toEqual(expect.arrayContaining(['kepuri-dashboard', 'kepuri-playground']));
    const dashboard = body.clients.find((client: Json) => client.name === 'kepuri-dashboard');
    expect(dashboard.versions).toHaveLength(1);
    expect(dashboard.versions[0].version).toMatch(/^0\.0\.0\+[0-9a-f]{8}$/);
    const documents = await registry('GET', `/clients/kepuri-dashboard/versions/${encodeURIComponent(dashboard.versions[0].version)}`, undefined, tokens.admin);
    const committed = await readFile(path.join(root, 'schema/operations/dashboard-page.graphql'), 'utf8');
    expect(documents.body.operations.find((row: Json) => row.id === sha256(committed))).toMatchObject({ type: 'query', body: committed });
  });

  it('refuses anonymous (401), other roles and tokens of another client (403); nothing is written', async () => {
    const body = manifest(CAMPAIGNS);
    expect((await registerVersion('mwr-portal', '1.0.0', body, '')).status).toBe(401);
    for (const token of [tokens.otherClient, tokens.subgraphPublisher, tokens.developer, tokens.visitor]) {
      const refused = await registerVersion('mwr-portal', '1.0.0', body, token);
      expect([refused.status, refused.body.error.code]).toEqual([403, 'FORBIDDEN']);
    }
    // A client-scoped token publishes no subgraph either.
    expect((await registry('POST', `/subgraphs/${NAME}/check`, { url: example.url, sdl }, tokens.portal)).status).toBe(403);
    expect((await registry('GET', '/clients/mwr-portal/versions', undefined, tokens.admin)).status).toBe(404);
    expect(await count(`SELECT count(*) FROM registry_client_versions WHERE client = 'mwr-portal'`)).toBe(0);
  });

  it('refuses a manifest whose id is not the sha256 of its body (400) and operations the graph refuses (422, named); nothing is written', async () => {
    const forged = manifest(CAMPAIGNS);
    forged.operations[0].id = sha256('something else');
    const bad = await registerVersion('mwr-portal', '1.0.0', forged, tokens.portal);
    expect([bad.status, bad.body.error.code]).toEqual([400, 'BAD_USER_INPUT']);
    expect(bad.body.error.message).toMatch(/CampaignYears: id [0-9a-f]{64} is not the sha256 of its body/);
    const wrongFormat = await registerVersion('mwr-portal', '1.0.0', { ...manifest(CAMPAIGNS), format: 'something' }, tokens.portal);
    expect(wrongFormat.status).toBe(400);

    const invalid = await registerVersion('mwr-portal', '1.0.0', manifest(CAMPAIGNS, 'query Broken { campaigns { nosuchField } }', 'query AlsoBroken { region }'), tokens.portal);
    expect(invalid.status).toBe(422);
    expect(invalid.body.error.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(invalid.body.error.message).toMatch(/2 operation\(s\) do not validate against the graph: Broken, AlsoBroken/);
    expect(invalid.body.operations.map((row: Json) => row.name)).toEqual(['Broken', 'AlsoBroken']);
    expect(invalid.body.operations[0].errors.join(' ')).toMatch(/nosuchField/);
    expect(await count(`SELECT count(*) FROM registry_client_versions WHERE client = 'mwr-portal'`)).toBe(0);
    expect(await count(`SELECT count(*) FROM registry_audit WHERE action = 'client' AND outcome IN ('bad_manifest', 'invalid_operations', 'bad_user_input')`)).toBe(3);
  });

  it('registers a version with a token scoped to the client (201); the same again is unchanged, other operations under it a conflict (409)', async () => {
    const created = await registerVersion('mwr-portal', '1.0.0', manifest(CAMPAIGNS, BASES), tokens.portal);
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ ok: true, client: 'mwr-portal', version: '1.0.0', operations: 2, publishedBy: 'publisher:client:mwr-portal/mwr-ci' });
    const again = await registerVersion('mwr-portal', '1.0.0', manifest(BASES, CAMPAIGNS), tokens.portal);
    expect([again.status, again.body.unchanged]).toEqual([200, true]);
    const conflict = await registerVersion('mwr-portal', '1.0.0', manifest(CAMPAIGNS), tokens.portal);
    expect([conflict.status, conflict.body.error.code]).toEqual([409, 'CONFLICT']);
    expect(await count(`SELECT count(*) FROM registry_client_operations o JOIN registry_client_versions v ON v.id = o.version_id WHERE v.client = 'mwr-portal'`)).toBe(2);

    const versions = await registry('GET', '/clients/mwr-portal/versions', undefined, tokens.admin);
    expect(versions.body.versions.map((row: Json) => [row.version, row.operations])).toEqual([['1.0.0', 2]]);
    const documents = await registry('GET', '/clients/mwr-portal/versions/1.0.0', undefined, tokens.portal);
    expect(documents.body.operations.map((row: Json) => row.name)).toEqual(['BaseNames', 'CampaignYears']);
    expect(documents.body.operations.find((row: Json) => row.name === 'BaseNames').coordinates).toEqual(
      expect.arrayContaining(['Query.waterSavingBases', 'WaterSavingBase.name', 'WaterSavingBase.kind']),
    );
    expect((await registry('GET', '/clients/mwr-portal/versions/9.9.9', undefined, tokens.admin)).status).toBe(404);
    // The same new version registered twice at once: one stores it, the other finds it (never a 500).
    const raced = await Promise.all([registerVersion('race-app', '1.0.0', manifest(CAMPAIGNS)), registerVersion('race-app', '1.0.0', manifest(CAMPAIGNS))]);
    expect(raced.map((answer) => answer.status).sort()).toEqual([200, 201]);
  });
});

describe('registered documents run by id', () => {
  const id = () => sha256(CAMPAIGNS);
  const get = (url: string, search: string, headers: Record<string, string> = {}) =>
    fetch(`${url}?${search}`, { headers: { accept: 'application/json', 'apollo-require-preflight': 'true', ...headers } }).then(
      async (response): Promise<Json> => ({ status: response.status, ...((await response.json()) as Json) }),
    );

  it('by Apollo\'s extensions.persistedQuery.sha256Hash over POST and GET, served from the registry (never sent before)', async () => {
    const posted = await postGraphQL<{ campaigns: unknown[] }>(hub.url, { extensions: { persistedQuery: { version: 1, sha256Hash: id() } } });
    expect(posted.errors).toBeUndefined();
    expect(posted.data!.campaigns.length).toBeGreaterThan(0);
    const fetched = await get(hub.url, `extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: id() } }))}`);
    expect([fetched.status, fetched.errors]).toEqual([200, undefined]);
  });

  it('by documentId (GraphQL over HTTP), with or without the sha256: prefix; an unknown id is PERSISTED_DOCUMENT_NOT_FOUND', async () => {
    const posted = await postGraphQL<{ campaigns: unknown[] }>(hub.url, { documentId: `sha256:${id()}` });
    expect(posted.errors).toBeUndefined();
    expect(posted.data!.campaigns.length).toBeGreaterThan(0);
    const fetched = await get(hub.url, `documentId=${id()}`);
    expect([fetched.status, fetched.errors]).toEqual([200, undefined]);
    const unknown = await postGraphQL(hub.url, { documentId: sha256('nothing registered') });
    expect(unknown.status).toBe(400);
    expect(unknown.errors![0].extensions!.code).toBe('PERSISTED_DOCUMENT_NOT_FOUND');
  });

  it('under enforce: an ad-hoc document from an anonymous or public caller is refused (PERSISTED_DOCUMENT_REQUIRED); registered ones run; developers and admins keep ad-hoc access', async () => {
    const adHoc = '{ campaigns { year theme } }';
    const refused = await postGraphQL(enforcing.url, { query: adHoc });
    expect(refused.status).toBe(400);
    expect(refused.errors![0].extensions!.code).toBe('PERSISTED_DOCUMENT_REQUIRED');
    expect(refused.errors![0].message).toMatch(/registered documents only/);
    expect((await postGraphQL(enforcing.url, { query: adHoc }, { authorization: `Bearer ${tokens.visitor}` })).errors![0].extensions!.code).toBe('PERSISTED_DOCUMENT_REQUIRED');
    // Apollo's APQ registration of an unregistered document is an ad-hoc document too.
    const apq = await postGraphQL(enforcing.url, { query: adHoc, extensions: { persistedQuery: { version: 1, sha256Hash: sha256(adHoc) } } });
    expect(apq.errors![0].extensions!.code).toBe('PERSISTED_DOCUMENT_REQUIRED');

    expect((await postGraphQL(enforcing.url, { documentId: id() })).errors).toBeUndefined();
    // The full text of a registered document is no ad-hoc document (the playground's unedited examples).
    expect((await postGraphQL(enforcing.url, { query: CAMPAIGNS })).errors).toBeUndefined();
    const playgroundExample = await readFile(path.join(root, 'schema/operations/campaigns.graphql'), 'utf8');
    expect((await postGraphQL(enforcing.url, { query: playgroundExample.split('\n').filter((line) => !line.startsWith('# variables')).join('\n').trim() + '\n' })).errors).toBeUndefined();
    // The dashboard page's GET of its committed file's hash.
    const dashboardPage = await readFile(path.join(root, 'schema/operations/dashboard-page.graphql'), 'utf8');
    const dashboard = await get(enforcing.url, `variables=${encodeURIComponent(JSON.stringify({ campaign: 2020 }))}&extensions=${encodeURIComponent(JSON.stringify({ persistedQuery: { version: 1, sha256Hash: sha256(dashboardPage) } }))}`);
    expect([dashboard.status, dashboard.errors]).toEqual([200, undefined]);

    // Nothing of a refused document runs: the gateway records only what executed (flushed in order, so the
    // registered operation's row arriving means the refused one's would have too).
    const probe = { 'apollographql-client-name': 'enforce-probe', 'apollographql-client-version': '1' };
    expect((await postGraphQL(enforcing.url, { query: 'query Refused { campaigns { year } }' }, probe)).errors![0].extensions!.code).toBe('PERSISTED_DOCUMENT_REQUIRED');
    expect((await postGraphQL(enforcing.url, { documentId: id() }, probe)).errors).toBeUndefined();
    const probeRows = () => count(`SELECT count(*) FROM registry_usage_daily WHERE client_name = 'enforce-probe'`);
    expect(await eventually(probeRows, (rows) => rows > 0)).toBe(1);
    expect(await count(`SELECT count(*) FROM registry_usage_daily WHERE client_name = 'enforce-probe' AND operation_name = 'Refused'`)).toBe(0);

    for (const token of [tokens.developer, tokens.admin]) {
      expect((await postGraphQL(enforcing.url, { query: adHoc }, { authorization: `Bearer ${token}` })).errors).toBeUndefined();
    }
    const metrics = await (await fetch(enforcing.url.replace(/\/graphql$/, '/metrics'))).text();
    expect(metrics).toMatch(/hub_persisted_documents_total\{[^}]*kind="refused"[^}]*\} [1-9]/);
    expect(metrics).toMatch(/hub_persisted_documents_total\{[^}]*kind="registered"[^}]*\} [1-9]/);

    // log (the first gateway) runs it, and names it in the log once.
    expect((await postGraphQL(hub.url, { query: adHoc })).errors).toBeUndefined();
    expect((await postGraphQL(hub.url, { query: adHoc })).errors).toBeUndefined();
    const lines = hub.logs.lines.filter((line) => line.service === 'gateway' && line.msg.includes('persisted documents (log)') && line.msg.includes(sha256(adHoc)));
    expect(lines).toHaveLength(1);
  });
});

describe('trusted documents over the WebSocket', () => {
  it('under enforce: an anonymous socket runs registered documents and is refused ad-hoc queries and subscriptions', async () => {
    const socket = connect(enforcing.url);
    try {
      const registered = socket.subscribe<{ campaigns: unknown[] }>(CAMPAIGNS);
      expect((await registered.next()).data!.campaigns.length).toBeGreaterThan(0);
      for (const adHoc of ['{ campaigns { year theme } }', 'subscription AdHoc { statsChanged(campaign: 2020) { code } }']) {
        const refused = socket.subscribe(adHoc);
        await refused.ended();
        expect(JSON.stringify(refused.error ?? refused.results)).toContain('PERSISTED_DOCUMENT_REQUIRED');
      }
    } finally {
      await socket.dispose();
    }
  });
});

describe('usage and usage-aware checks', () => {
  it('records usage per client, version and operation, written in batches; GET /registry/usage names who uses a field', async () => {
    const headers = { 'apollographql-client-name': 'provincial-screen', 'apollographql-client-version': '2.1.0' };
    for (let i = 0; i < 3; i += 1) {
      const result = await postGraphQL(hub.url, { query: 'query OpenBases { waterSavingBases { name openAllYear } }' }, headers);
      expect(result.errors).toBeUndefined();
    }
    const usage = await eventually(
      () => registry('GET', '/usage?coordinate=WaterSavingBase.openAllYear', undefined, tokens.admin),
      (response) => response.body.clients.some((client: Json) => client.name === 'provincial-screen' && client.requests === 3),
    );
    expect(usage.body).toMatchObject({ coordinate: 'WaterSavingBase.openAllYear', days: 30 });
    expect(usage.body.clients).toEqual([{ name: 'provincial-screen', version: '2.1.0', operations: ['OpenBases'], requests: 3, registered: false }]);
    // One row per day and (client, version, operation, document), however many requests.
    expect(await count(`SELECT count(*) FROM registry_usage_daily WHERE client_name = 'provincial-screen'`)).toBe(1);
    const kind = await registry('GET', '/usage?coordinate=WaterSavingBase.kind', undefined, tokens.admin);
    expect(kind.body.clients).toEqual([{ name: 'mwr-portal', version: '1.0.0', operations: ['BaseNames'], requests: 0, registered: true }]);
    expect((await registry('GET', '/usage?coordinate=not a coordinate', undefined, tokens.admin)).status).toBe(400);
  });

  it('deletes buckets older than USAGE_RETENTION_DAYS when it flushes; they no longer count', async () => {
    await sql(
      `INSERT INTO registry_usage_daily (day, client_name, client_version, operation_name, document_hash, coordinates, requests, last_seen)
       VALUES ((now() AT TIME ZONE 'UTC')::date - 31, 'old-screen', '0.9', 'OldBases', $1, ARRAY['WaterSavingBase.kind'], 5, now()),
              ((now() AT TIME ZONE 'UTC')::date - 29, 'recent-screen', '1.0', 'RecentBases', $1, ARRAY['WaterSavingBase.region'], 1, now())`,
      [sha256('old')],
    );
    // The 29-day-old bucket is inside the window: it counts.
    const recent = await registry('GET', '/usage?coordinate=WaterSavingBase.region', undefined, tokens.admin);
    expect(recent.body.clients.map((client: Json) => client.name)).toContain('recent-screen');
    const flushed = await postGraphQL(hub.url, { query: 'query RetentionProbe { campaigns { year } }' }, { 'apollographql-client-name': 'retention-probe' });
    expect(flushed.errors).toBeUndefined();
    expect(await eventually(() => count(`SELECT count(*) FROM registry_usage_daily WHERE client_name = 'retention-probe'`), (rows) => rows > 0)).toBe(1);
    expect(await count(`SELECT count(*) FROM registry_usage_daily WHERE client_name = 'old-screen'`)).toBe(0);
    expect(await count(`SELECT count(*) FROM registry_usage_daily WHERE client_name = 'recent-screen'`)).toBe(1);
    const kind = await registry('GET', '/usage?coordinate=WaterSavingBase.kind', undefined, tokens.admin);
    expect(kind.body.clients.map((client: Json) => client.name)).not.toContain('old-screen');
    await sql(`DELETE FROM registry_usage_daily WHERE client_name = 'recent-screen'`);
  });

  it('passes a breaking change nothing uses: SAFE with the reason, and it publishes', async () => {
    // Region.waterSavingBases: no registered operation, no request.
    const unused = sdl.replace(/\n  """节水教育基地 — the bases in this region[^\n]*\n  waterSavingBases: \[WaterSavingBase!\]!/, '');
    const check = await registry('POST', `/subgraphs/${NAME}/check`, { url: example.url, sdl: unused }, tokens.subgraphPublisher);
    expect(check.status).toBe(200);
    expect(check.body.ok).toBe(true);
    expect(check.body.changes.find((change: Json) => change.path === 'Region.waterSavingBases')).toMatchObject({
      criticality: 'SAFE', schemaCriticality: 'BREAKING', clients: [], operations: [], reason: expect.stringMatching(/^unused for 30 days/),
    });
    const published = await registry('POST', `/subgraphs/${NAME}`, { url: example.url, sdl: unused }, tokens.subgraphPublisher);
    expect(published.status).toBe(201);
    sdl = unused;
  });

  it('refuses a breaking change a registered operation uses, naming the client and the operation; nothing is written', async () => {
    const before = await count(`SELECT count(*) FROM registry_subgraph_versions WHERE subgraph = '${NAME}'`);
    const check = await registry('POST', `/subgraphs/${NAME}/check`, { url: example.url, sdl: withoutField('kind') }, tokens.subgraphPublisher);
    expect(check.body.ok).toBe(false);
    expect(check.body.changes[0]).toMatchObject({
      criticality: 'BREAKING', path: 'WaterSavingBase.kind', clients: [{ name: 'mwr-portal', version: '1.0.0' }], operations: ['BaseNames'],
    });
    const refused = await registry('POST', `/subgraphs/${NAME}`, { url: example.url, sdl: withoutField('kind') }, tokens.subgraphPublisher);
    expect(refused.status).toBe(409);
    expect(refused.body.changes[0].clients).toEqual([{ name: 'mwr-portal', version: '1.0.0' }]);
    // A required argument added breaks every call of the field.
    const required = sdl.replace('waterSavingBases(regionCode: ID): [WaterSavingBase!]!', 'waterSavingBases(regionCode: ID, year: Int!): [WaterSavingBase!]!');
    expect(required).not.toBe(sdl);
    const argument = await registry('POST', `/subgraphs/${NAME}/check`, { url: example.url, sdl: required }, tokens.subgraphPublisher);
    expect(argument.body.ok).toBe(false);
    expect(argument.body.changes[0]).toMatchObject({ criticality: 'BREAKING', path: 'Query.waterSavingBases.year', operations: expect.arrayContaining(['BaseNames']) });
    expect(await count(`SELECT count(*) FROM registry_subgraph_versions WHERE subgraph = '${NAME}'`)).toBe(before);
  });

  it('refuses a breaking change recent requests use, naming the client (from its headers) and the operation', async () => {
    const refused = await registry('POST', `/subgraphs/${NAME}`, { url: example.url, sdl: withoutField('openAllYear') }, tokens.subgraphPublisher);
    expect(refused.status).toBe(409);
    expect(refused.body.changes[0]).toMatchObject({
      criticality: 'BREAKING', path: 'WaterSavingBase.openAllYear', clients: [{ name: 'provincial-screen', version: '2.1.0' }], operations: ['OpenBases'], requests: 3,
    });
  });

  it('judges rollbacks the same way: back to a version without a used field is refused, to one without an unused field passes', async () => {
    // v1 has Region.waterSavingBases (v2 removed it, unused): rolling back only adds it again.
    expect((await registry('POST', `/subgraphs/${NAME}/rollback`, { version: 1 }, tokens.subgraphPublisher)).status).toBe(201);
    expect((await registry('POST', `/subgraphs/${NAME}/rollback`, { version: 2 }, tokens.subgraphPublisher)).status).toBe(201);
    const forced = await registry('POST', `/subgraphs/${NAME}`, { url: example.url, sdl: withoutField('openAllYear'), force: true }, tokens.admin);
    expect(forced.status).toBe(201);
    // Back to v2 adds openAllYear again (safe); from there, v3 would take it away from provincial-screen.
    expect((await registry('POST', `/subgraphs/${NAME}/rollback`, { version: 2 }, tokens.subgraphPublisher)).status).toBe(201);
    const refused = await registry('POST', `/subgraphs/${NAME}/rollback`, { version: 3 }, tokens.subgraphPublisher);
    expect(refused.status).toBe(409);
    expect(refused.body.changes[0]).toMatchObject({ path: 'WaterSavingBase.openAllYear', clients: [{ name: 'provincial-screen', version: '2.1.0' }] });
  });

  it('gives composition errors their codes and hints, and schema lint findings as warnings', async () => {
    const conflicting = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
      type Region @key(fields: "code") { code: ID! name: Int }
      type Query { water_tips: [String!]! }`;
    const check = await registry('POST', `/subgraphs/${NAME}/check`, { url: example.url, sdl: conflicting }, tokens.subgraphPublisher);
    expect(check.body.ok).toBe(false);
    expect(check.body.compositionErrors.map((error: Json) => error.code)).toEqual(expect.arrayContaining(['INVALID_FIELD_SHARING']));
    expect(Array.isArray(check.body.hints)).toBe(true);
    const rules = check.body.warnings.map((warning: Json) => `${warning.rule} ${warning.path}`);
    expect(rules).toEqual(expect.arrayContaining(['MISSING_DESCRIPTION Query.water_tips', 'FIELD_NAME Query.water_tips']));
    // The example names everything well; it leaves some keys and arguments undescribed (fields it marks @external are its owner's to describe).
    const current = await registry('POST', `/subgraphs/${NAME}/check`, { url: example.url, sdl }, tokens.subgraphPublisher);
    expect(current.body.ok).toBe(true);
    expect(new Set(current.body.warnings.map((warning: Json) => warning.rule))).toEqual(new Set(['MISSING_DESCRIPTION']));
    expect(current.body.warnings.map((warning: Json) => warning.path)).toEqual(expect.arrayContaining(['Query.waterSavingBases.regionCode']));
    expect(current.body.warnings.map((warning: Json) => warning.path)).not.toContain('Activity.region');
  });

  it('flushes what was counted when the gateway stops', async () => {
    const extra = await hub.addGateway({ usage: { flushMs: 3_600_000, retentionDays: 30 } });
    const result = await postGraphQL(extra.url, { query: 'query StopFlush { campaigns { year } }' }, { 'apollographql-client-name': 'stopping-client' });
    expect(result.errors).toBeUndefined();
    expect(await count(`SELECT count(*) FROM registry_usage_daily WHERE client_name = 'stopping-client'`)).toBe(0);
    await extra.gateway.close();
    expect(await count(`SELECT count(*) FROM registry_usage_daily WHERE client_name = 'stopping-client'`)).toBe(1);
  });
});

describe('the registry views and npm run client', () => {
  it('shows supergraph history and a subgraph version\'s diff against the one before it', async () => {
    const history = await registry('GET', '/supergraphs', undefined, tokens.admin);
    expect(history.body.supergraphs[0]).toMatchObject({ active: true, members: expect.objectContaining({ activities: 1, [NAME]: expect.any(Number) }) });
    const diff = await registry('GET', `/subgraphs/${NAME}/versions/2/diff`, undefined, tokens.admin);
    expect(diff.status).toBe(200);
    expect(diff.body.previous.version).toBe(1);
    expect(diff.body.changes).toEqual([expect.objectContaining({ criticality: 'BREAKING', path: 'Region.waterSavingBases' })]);
    expect((await registry('GET', `/subgraphs/${NAME}/versions/99/diff`, undefined, tokens.admin)).status).toBe(404);
  });

  const cli = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['-r', '@swc-node/register', 'scripts/client.ts', ...args], { cwd: root }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });

  it('publishes a manifest (0), refuses invalid operations (1), prints --help (0) and rejects bad arguments with what is wrong and the usage (2)', async () => {
    // The README's example manifest, against the real graph.
    const file = path.join(root, 'examples/persisted-query-manifest.json');
    const published = await cli(['publish', '--name', 'mwr-portal', '--version', '1.1.0', '--manifest', file, '--url', hub.origin, '--token', tokens.portal]);
    expect(published).toMatchObject({ code: 0, stdout: expect.stringContaining('registered mwr-portal 1.1.0: 2 operation(s)') });
    const invalidFile = path.join(tmpdir(), `manifest-invalid-${process.pid}.json`);
    await writeFile(invalidFile, JSON.stringify(manifest('query Nope { nope }')));
    const invalid = await cli(['publish', '--name', 'mwr-portal', '--version', '1.2.0', '--manifest', invalidFile, '--url', hub.origin, '--token', tokens.portal]);
    expect(invalid.code).toBe(1);
    expect(invalid.stderr).toMatch(/GRAPHQL_VALIDATION_FAILED/);
    const list = await cli(['list', '--url', hub.origin, '--token', tokens.admin]);
    expect(list.stdout).toMatch(/mwr-portal\n\s+1\.1\.0/);
    const help = await cli(['--help']);
    expect([help.code, help.stdout]).toEqual([0, expect.stringMatching(/^Usage: npm run client/)]);
    for (const args of [['publish', '--name', 'x'], ['--nope'], ['frobnicate']]) {
      const bad = await cli(args);
      expect(bad.code).toBe(2);
      // What is wrong on the first line, then the usage, as every tool (scripts/lib/cli.ts).
      expect(bad.stderr.split('\n')[0]).toMatch(/needs --version|--nope|unknown command frobnicate/);
      expect(bad.stderr).toMatch(/Usage: npm run client/);
      expect(bad.stderr).not.toMatch(/\bat .+:\d+:\d+/);
    }
  });
});
