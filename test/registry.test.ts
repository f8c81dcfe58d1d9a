import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Client } from 'pg';
import { sha256 } from '../gateway/src/registry/compose';
import { openRegistry } from '../gateway/src/registry';
import { startWaterSavingBases, type RunningExample } from '../examples/water-saving-bases/server';
import { ORG, currentYearWindow, setCampaignCalendar } from './support/domain';
import { build as buildGateway } from '../gateway/src/app';
import { TEST_INTERNAL_SECRET, TEST_JWT_SECRET, freshDatabase, postGraphQL, startHub, type TestHub } from './support/hub';
import { connect, type TestWsClient } from './support/ws';
import { CORE_SUBGRAPHS } from '../subgraphs/core-subgraphs';

/**
 * The subgraph registry through the real gateway: a ministry's subgraph published at runtime and
 * queried, the checks (composition, breaking changes, tokens), serialised publishes, rollback,
 * delete, a second gateway following by NOTIFY, a swap that fails, and no failed request meanwhile.
 */
const root = path.resolve(__dirname, '..');
const NAME = 'water-saving-bases';
let hub: TestHub;
let second: { url: string; gateway: TestHub['gateway'] };
let example: RunningExample;
let sdlV1: string;
let tokens: Record<string, string>;
const sockets: TestWsClient[] = [];

interface RegistryResponse {
  status: number;
  body: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
}

async function registry(method: string, route: string, body?: unknown, token?: string): Promise<RegistryResponse> {
  const response = await fetch(`${hub.origin}/registry${route}`, {
    method,
    headers: { ...(token ? { authorization: `Bearer ${token}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  const text = await response.text();
  return { status: response.status, body: response.headers.get('content-type')?.includes('json') ? JSON.parse(text) : { text } };
}

const publish = (sdl: string, token: string, force = false, name = NAME, url = example.url) =>
  registry('POST', `/subgraphs/${name}`, { url, sdl, force }, token);

/** The example's SDL with `Region.waterSavingBases` removed: a breaking change for clients. */
const withoutRegionField = () => sdlV1.replace(/\n  """节水教育基地 — the bases in this region[^\n]*\n  waterSavingBases: \[WaterSavingBase!\]!/, '');

/** The example's SDL with a field added: a safe change. */
const withVisitors = () => sdlV1.replace('  openAllYear: Boolean!\n', '  openAllYear: Boolean!\n  """年接待人次 — visitors a year."""\n  visitorsPerYear: Int\n');

const REGION_QUERY = `{ region(code: "420000") { name waterSavingBases { name region { name } } } }`;

/**
 * Registers a client version whose operations use what the tests then try to break: a breaking
 * change is refused only when a client uses it (usage-aware checks, test/client-registry.test.ts).
 */
async function registerClient(client: string, version: string, bodies: string[]): Promise<void> {
  const operations = bodies.map((body) => ({ id: sha256(body), name: /^(?:query|mutation|subscription)\s+(\w+)/.exec(body)![1], type: 'query', body }));
  const response = await registry('POST', `/clients/${client}/versions`, { version, manifest: { format: 'apollo-persisted-query-manifest', version: 1, operations } }, tokens.admin);
  expect(response.status).toBe(201);
}

async function activeSupergraphVersion(): Promise<number> {
  const response = await fetch(`${hub.origin}/registry/supergraph`, { headers: { authorization: `Bearer ${tokens.admin}` } });
  return Number(response.headers.get('x-supergraph-version'));
}

async function eventually<T>(probe: () => Promise<T>, ok: (value: T) => boolean, timeoutMs = 8_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (ok(value) || Date.now() > deadline) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

beforeAll(async () => {
  // The poll is slowed right down so that the second gateway can only learn of a change by NOTIFY.
  hub = await startHub({ gateway: { registryPollIntervalMs: 600_000 } });
  second = await hub.addGateway();
  example = await startWaterSavingBases(0);
  sdlV1 = await readFile(path.join(root, 'examples/water-saving-bases/schema.graphql'), 'utf8');
  tokens = {
    admin: await hub.token({ role: 'admin', sub: 'host' }),
    publisher: await hub.token({ role: 'publisher', subgraph: NAME, sub: 'mwr-dev' }),
    otherPublisher: await hub.token({ role: 'publisher', subgraph: 'flood-safety' }),
    organizer: await hub.token({ role: 'organizer', org: ORG.hubei }),
  };
});
afterAll(async () => {
  await Promise.all(sockets.map((socket) => socket.dispose().catch(() => undefined)));
  await hub?.close();
  await example?.close();
});

describe('the registry at start', () => {
  it('registers the four core subgraphs from their committed SDL, once (a second gateway adds no version)', async () => {
    const { status, body } = await registry('GET', '/subgraphs', undefined, tokens.admin);
    expect(status).toBe(200);
    expect(body.subgraphs.map((row: { name: string }) => row.name).sort()).toEqual(['activities', 'evaluations', 'organizations', 'volunteering']);
    for (const row of body.subgraphs) {
      expect(row).toMatchObject({ version: 1, owner: 'system:core', url: hub.subgraphs[row.name].url });
      const committed = await readFile(path.join(root, `schema/${row.name}.graphql`), 'utf8');
      expect(row.sha256).toBe(sha256(committed));
    }
    const versions = await registry('GET', '/subgraphs/activities/versions', undefined, tokens.publisher);
    expect(versions.body.versions).toHaveLength(1);
    expect(await activeSupergraphVersion()).toBe(1);
  });

  it('serves the active supergraph as text for Apollo Router or Hive Gateway, to admins and publishers only', async () => {
    const response = await fetch(`${hub.origin}/registry/supergraph`, { headers: { authorization: `Bearer ${tokens.publisher}` } });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const sdl = await response.text();
    expect(sdl).toContain('@join__graph(name: "activities"');
    expect((await fetch(`${hub.origin}/registry/supergraph`)).status).toBe(401);
    expect((await registry('GET', '/subgraphs', undefined, tokens.organizer)).status).toBe(403);
  });

  it('registers core subgraphs whose SDL breaks the stored one (a field made nullable): forced by the system, so a deployment upgrading still starts', async () => {
    // A deployment from before cross-subgraph fields were nullable: Activity.organizer was Organization!.
    const databaseUrl = await freshDatabase('upgrade');
    const older = await mkdtemp(path.join(tmpdir(), 'core-sdl-'));
    const olderManifest = await Promise.all(CORE_SUBGRAPHS.map(async (subgraph) => {
      const sdl = await readFile(subgraph.sdlFile, 'utf8');
      const sdlFile = path.join(older, `${subgraph.name}.graphql`);
      await writeFile(sdlFile, subgraph.name === 'activities' ? tightenOrganizer(sdl) : sdl);
      return { ...subgraph, sdlFile };
    }));
    const logged: string[] = [];
    const log = (message: string) => logged.push(message);
    try {
      await (await openRegistry({ databaseUrl }, olderManifest, {}, log)).close();
      const upgraded = await openRegistry({ databaseUrl }, CORE_SUBGRAPHS, {}, log);
      try {
        expect(logged).toEqual(['registered the core subgraphs as supergraph version 1', 'registered the core subgraphs as supergraph version 2']);
        const [latest] = (await upgraded.registry.storage.auditLog(undefined, 1)) as Array<{ actor: string; outcome: string; details: { breaking: string[] } }>;
        expect(latest).toMatchObject({ actor: 'system:core', outcome: 'forced' });
        expect(latest.details.breaking).toEqual(["Activity.organizer: Field 'Activity.organizer' changed type from 'Organization!' to 'Organization'"]);
      } finally {
        await upgraded.close();
      }
    } finally {
      await rm(older, { recursive: true, force: true });
    }
  });
});

/** The activities SDL as it was before issue 17 on one field: the organiser non-null. */
function tightenOrganizer(sdl: string): string {
  const tightened = sdl.replace(/\n  organizer: Organization\n/, '\n  organizer: Organization!\n');
  if (tightened === sdl) throw new Error('Activity.organizer is not in the activities SDL as expected');
  return tightened;
}

describe('publishing a ministry subgraph', () => {
  it('refuses a publish without a token (401) and with another subgraph\'s or a non-publisher token (403)', async () => {
    expect((await publish(sdlV1, '')).status).toBe(401);
    expect((await publish(sdlV1, 'not-a-jwt')).status).toBe(401);
    expect((await publish(sdlV1, 'hubp_unknown-token')).status).toBe(401);
    const other = await publish(sdlV1, tokens.otherPublisher);
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('FORBIDDEN');
    expect((await publish(sdlV1, tokens.organizer)).status).toBe(403);
    const malformed = await fetch(`${hub.origin}/registry/subgraphs/${NAME}`, {
      method: 'POST', headers: { authorization: `Bearer ${tokens.publisher}`, 'content-type': 'application/json' }, body: '{"url": ',
    });
    expect([malformed.status, ((await malformed.json()) as { error: { code: string } }).error.code]).toEqual([400, 'BAD_USER_INPUT']);
    expect((await registry('POST', `/subgraphs/${NAME}`, { url: 'ftp://x', sdl: sdlV1 }, tokens.publisher)).status).toBe(400);
    expect((await registry('POST', '/subgraphs/Bad_Name', { url: example.url, sdl: sdlV1 }, tokens.admin)).status).toBe(400);
    expect((await registry('GET', '/subgraphs', undefined, tokens.admin)).body.subgraphs).toHaveLength(4);
  });

  it('checks the example: it composes and only adds (SAFE)', async () => {
    const { status, body } = await registry('POST', `/subgraphs/${NAME}/check`, { url: example.url, sdl: sdlV1 }, tokens.publisher);
    expect(status).toBe(200);
    expect(body.ok).toBe(true);
    expect(body.compositionErrors).toEqual([]);
    expect(body.changes.length).toBeGreaterThan(0);
    expect(new Set(body.changes.map((change: { criticality: string }) => change.criticality))).toEqual(new Set(['SAFE']));
    expect(body.changes.map((change: { path: string }) => change.path)).toEqual(expect.arrayContaining(['Region.waterSavingBases', 'Activity.nearbyWaterSavingBases']));
  });

  it('publishes the example at runtime (201); the gateway serves its fields joined with the core subgraphs\' at once, the second gateway within seconds', async () => {
    const { status, body } = await publish(sdlV1, tokens.publisher);
    expect(status).toBe(201);
    expect(body.version).toMatchObject({ subgraph: NAME, version: 1, url: example.url, sha256: sha256(sdlV1), publishedBy: 'publisher:water-saving-bases/mwr-dev' });

    const region = await hub.query<{ region: { name: string; waterSavingBases: Array<{ name: string; region: { name: string } }> } }>(REGION_QUERY);
    expect(region.errors).toBeUndefined();
    expect(region.data!.region.name).toBe('湖北省');
    // The base's region name comes from the organizations subgraph.
    expect(region.data!.region.waterSavingBases).toEqual(
      expect.arrayContaining([{ name: '武汉节水科技馆', region: { name: '武汉市' } }, { name: '洪山区节水示范校园', region: { name: '洪山区' } }]),
    );
    const activities = await hub.query<{ activities: { edges: Array<{ node: { region: { code: string }; nearbyWaterSavingBases: Array<{ name: string }> } }> } }>(
      `{ activities(first: 3, filter: { campaign: 2020, regionCode: "420000" }) { edges { node { title region { code } nearbyWaterSavingBases { name } } } } }`,
    );
    expect(activities.errors).toBeUndefined();
    expect(activities.data!.activities.edges.length).toBeGreaterThan(0);
    for (const { node } of activities.data!.activities.edges) expect(node.nearbyWaterSavingBases.map((base) => base.name)).toContain('武汉节水科技馆');

    const onSecond = await eventually(() => postGraphQL<{ region: unknown }>(second.url, { query: REGION_QUERY }), (result) => !result.errors);
    expect(onSecond.errors).toBeUndefined();

    await registerClient('mwr-portal', '1.0.0', [`query RegionBases ${REGION_QUERY}`]);
    const again = await publish(sdlV1, tokens.publisher);
    expect(again.status).toBe(200);
    expect(again.body).toMatchObject({ unchanged: true, version: { version: 1 } });
  });

  it('refuses a subgraph that does not compose (422) and changes nothing', async () => {
    const before = await activeSupergraphVersion();
    const conflicting = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
      type Region @key(fields: "code") { code: ID! name: Int }
      type Query { waterSavingBases: [String!]! }`;
    const { status, body } = await publish(conflicting, tokens.publisher);
    expect(status).toBe(422);
    expect(body.compositionErrors.length).toBeGreaterThan(0);
    expect(body.compositionErrors.map((error: { message: string }) => error.message).join('\n')).toMatch(/Region\.name/);
    const unparsable = await publish('type Query {', tokens.publisher);
    expect(unparsable.status).toBe(422);
    // @override would take a field away from the subgraph that owns it: admins only.
    const override = sdlV1.replace('extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires"])',
      'extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key", "@external", "@requires", "@override"])')
      .replace('  code: ID!\n  """节水教育基地', '  code: ID!\n  name: String! @override(from: "organizations")\n  """节水教育基地');
    const overridden = await publish(override, tokens.publisher);
    expect(overridden.status).toBe(422);
    expect(overridden.body.compositionErrors[0].message).toMatch(/@override on field "name" is reserved/);
    // The gateway subscribes upstream with a signed service identity: no Subscription fields from outside.
    const subscribing = await publish(`${sdlV1}\ntype Subscription { baseOpened: WaterSavingBase! }\n`, tokens.publisher);
    expect(subscribing.status).toBe(422);
    expect(subscribing.body.compositionErrors[0].message).toMatch(/Subscription fields are served by the hub's own subgraphs only/);
    expect(await activeSupergraphVersion()).toBe(before);
    expect((await hub.query(REGION_QUERY)).errors).toBeUndefined();
  });

  it('refuses a breaking change (409) unless forced by an admin or a token with the force scope', async () => {
    const breaking = withoutRegionField();
    expect(breaking).not.toBe(sdlV1);
    const check = await registry('POST', `/subgraphs/${NAME}/check`, { url: example.url, sdl: breaking }, tokens.publisher);
    expect(check.body.ok).toBe(false);
    expect(check.body.changes[0]).toMatchObject({ criticality: 'BREAKING', path: 'Region.waterSavingBases', clients: [{ name: 'mwr-portal', version: '1.0.0' }], operations: ['RegionBases'] });

    const refused = await publish(breaking, tokens.publisher);
    expect(refused.status).toBe(409);
    expect(refused.body.changes.filter((change: { criticality: string }) => change.criticality === 'BREAKING')).toHaveLength(1);
    // force without the right to force: 403, nothing published.
    expect((await publish(breaking, tokens.publisher, true)).status).toBe(403);
    expect((await hub.query(REGION_QUERY)).errors).toBeUndefined();

    const created = await registry('POST', '/tokens', { subgraph: NAME, scopes: ['publish', 'force'], label: '水利部 CI' }, tokens.admin);
    expect(created.status).toBe(201);
    expect(created.body.token).toMatch(/^hubp_/);
    expect((await registry('POST', '/tokens', { subgraph: NAME }, tokens.publisher)).status).toBe(403);
    const forced = await publish(breaking, created.body.token, true);
    expect(forced.status).toBe(201);
    expect(forced.body.version).toMatchObject({ version: 2, publishedBy: `token:${created.body.id}` });
    const gone = await hub.query(REGION_QUERY);
    expect(gone.errors?.[0].extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');

    // Stored as sha256 only.
    const db = new Client({ connectionString: hub.gatewayDatabaseUrl });
    await db.connect();
    try {
      const rows = await db.query('SELECT * FROM registry_publisher_tokens');
      expect(rows.rows).toHaveLength(1);
      expect(rows.rows[0].token_sha256).toBe(sha256(created.body.token));
      expect(JSON.stringify(rows.rows)).not.toContain(created.body.token);
    } finally {
      await db.end();
    }
    // A revoked token no longer works.
    expect((await registry('DELETE', `/tokens/${created.body.id}`, undefined, tokens.admin)).status).toBe(200);
    expect((await publish(sdlV1, created.body.token)).status).toBe(401);
  });

  it('rolls back to version 1 through the same checks; the fields are back', async () => {
    const { status, body } = await registry('POST', `/subgraphs/${NAME}/rollback`, { version: 1 }, tokens.publisher);
    expect(status).toBe(201);
    expect(body.version).toMatchObject({ version: 1 });
    expect((await hub.query(REGION_QUERY)).errors).toBeUndefined();
    const versions = await registry('GET', `/subgraphs/${NAME}/versions`, undefined, tokens.publisher);
    expect(versions.body.versions.map((row: { version: number; active: boolean }) => [row.version, row.active])).toEqual([[2, false], [1, true]]);
    expect((await registry('POST', `/subgraphs/${NAME}/rollback`, { version: 9 }, tokens.publisher)).status).toBe(404);
    // Rolling back to v2 would break clients again: 409 like a publish.
    expect((await registry('POST', `/subgraphs/${NAME}/rollback`, { version: 2 }, tokens.publisher)).status).toBe(409);
    await eventually(() => postGraphQL(second.url, { query: REGION_QUERY }), (result) => !result.errors);
  });

  it('serialises concurrent publishes: both land, neither overwrites the other', async () => {
    const before = await activeSupergraphVersion();
    const floodSafety = `extend schema @link(url: "https://specs.apollo.dev/federation/v2.3", import: ["@key"])
      type Query { floodSafetyTips: [String!]! }`;
    const [first, other] = await Promise.all([
      publish(withVisitors(), tokens.publisher),
      publish(floodSafety, tokens.otherPublisher, false, 'flood-safety', 'http://127.0.0.1:9/graphql'),
    ]);
    expect([first.status, other.status]).toEqual([201, 201]);
    await registerClient('flood-app', '1.0.0', ['query Tips { floodSafetyTips }']);
    expect(new Set([first.body.supergraphVersion, other.body.supergraphVersion])).toEqual(new Set([before + 1, before + 2]));
    const supergraph = await (await fetch(`${hub.origin}/registry/supergraph`, { headers: { authorization: `Bearer ${tokens.admin}` } })).text();
    expect(supergraph).toContain('visitorsPerYear');
    expect(supergraph).toContain('floodSafetyTips');
    const list = await registry('GET', '/subgraphs', undefined, tokens.admin);
    expect(list.body.subgraphs.find((row: { name: string }) => row.name === NAME)).toMatchObject({ version: 3, owner: 'publisher:water-saving-bases/mwr-dev' });
  });

  it('deletes a subgraph (admin only, through the same checks)', async () => {
    expect((await registry('DELETE', '/subgraphs/flood-safety', undefined, tokens.otherPublisher)).status).toBe(403);
    const refused = await registry('DELETE', '/subgraphs/flood-safety', undefined, tokens.admin);
    expect(refused.status).toBe(409);
    expect(refused.body.changes[0]).toMatchObject({ criticality: 'BREAKING', path: 'Query.floodSafetyTips' });
    expect((await registry('DELETE', '/subgraphs/flood-safety?force=true', undefined, tokens.admin)).status).toBe(201);
    const list = await registry('GET', '/subgraphs', undefined, tokens.admin);
    expect(list.body.subgraphs.map((row: { name: string }) => row.name)).not.toContain('flood-safety');
    expect((await registry('DELETE', '/subgraphs/flood-safety?force=true', undefined, tokens.admin)).status).toBe(404);
  });
});

describe('the gateway while the graph changes', () => {
  it('answers every request of a load loop on both gateways while the supergraph is swapped again and again', async () => {
    let running = true;
    const counts = { ok: 0, failed: [] as string[] };
    const query = `{ activities(first: 2, filter: { campaign: 2020 }) { edges { node { title region { name } volunteerCount } } } }`;
    const worker = async (url: string) => {
      while (running) {
        try {
          const result = await postGraphQL(url, { query });
          if (result.status === 200 && !result.errors) counts.ok += 1;
          else counts.failed.push(JSON.stringify(result.errors ?? result.status));
        } catch (error) {
          counts.failed.push(String(error));
        }
      }
    };
    const workers = [worker(hub.url), worker(hub.url), worker(second.url), worker(second.url)];
    const before = second.gateway.registry!.source.current!;
    // Six swaps: v2 (forced by the admin), v3, v1, v3, v1, v3.
    for (const [action, version] of [['publish', 2], ['rollback', 3], ['rollback', 1], ['rollback', 3], ['rollback', 1], ['rollback', 3]] as const) {
      const response =
        action === 'publish'
          ? await publish(withoutRegionField(), tokens.admin, true)
          : await registry('POST', `/subgraphs/${NAME}/rollback`, { version, force: true }, tokens.admin);
      expect(response.status).toBe(201);
      await new Promise((resolve) => setTimeout(resolve, 150));
    }
    await eventually(async () => second.gateway.registry!.source.current, (current) => current === before + 6);
    running = false;
    await Promise.all(workers);
    expect(second.gateway.registry!.source.current).toBe(before + 6);
    expect(counts.failed).toEqual([]);
    expect(counts.ok).toBeGreaterThan(20);
  });

  it('keeps subscriptions working after a publish, with the new subgraph\'s fields in the events', async () => {
    const { year, startsAt, endsAt } = currentYearWindow();
    await setCampaignCalendar(hub, year, { registrationOpens: -10, registrationCloses: 10, infoCompletion: 20, summary: 30, recommendation: 40 });
    const socket = connect(hub.url);
    sockets.push(socket);
    const subscription = socket.subscribe<{ activityRegistered: { title: string; nearbyWaterSavingBases: Array<{ name: string }> } }>(
      `subscription { activityRegistered(regionCode: "420000") { title nearbyWaterSavingBases { name } } }`,
    );
    await new Promise((resolve) => setTimeout(resolve, 300));
    const hubei = await hub.token({ role: 'organizer', org: ORG.hubei, sub: 'hubei-officer' });
    const registered = await hub.query(
      `mutation($input: RegisterActivityInput!) { registerActivity(input: $input) { id } }`,
      {
        input: {
          campaign: year, title: '武汉节水科普进社区', regionCode: '420100', category: 'JOINT_ACTION', jointAction: 'WATER_SAVING',
          contentAreas: ['SCIENTIFIC_SPIRIT'], mode: 'OFFLINE', venueKind: 'COMMUNITY', address: '武汉市洪山区某社区', startsAt, endsAt, expectedParticipants: 300,
        },
      },
      hubei,
    );
    expect(registered.errors).toBeUndefined();
    const event = await subscription.next(8_000);
    expect(event.errors).toBeUndefined();
    expect(event.data!.activityRegistered.title).toBe('武汉节水科普进社区');
    expect(event.data!.activityRegistered.nearbyWaterSavingBases.map((base) => base.name)).toContain('武汉节水科技馆');
  });

  it('keeps the old supergraph serving when the gateway cannot load a new one, and logs it', async () => {
    const source = hub.gateway.registry!.source;
    const serving = source.current!;
    const db = new Client({ connectionString: hub.gatewayDatabaseUrl });
    await db.connect();
    try {
      // A stored supergraph the gateway refuses (the registry itself never composes one like it).
      const inserted = await db.query(
        `INSERT INTO registry_supergraph_versions (sdl, sha256, members, reason, created_by)
         SELECT 'type Query { broken: Nope }', repeat('0', 64), members, 'test: unloadable', 'test' FROM registry_supergraph_versions WHERE id = $1 RETURNING id`,
        [serving],
      );
      await db.query('UPDATE registry_active SET supergraph_id = $1', [inserted.rows[0].id]);
      await source.refresh();
      expect(source.current).toBe(serving);
      expect(hub.logs.text()).toMatch(new RegExp(`supergraph version ${inserted.rows[0].id} could not be loaded, still serving ${serving}`));
      expect((await hub.query(REGION_QUERY)).errors).toBeUndefined();
    } finally {
      await db.query('UPDATE registry_active SET supergraph_id = $1', [serving]);
      await db.end();
    }
  });

  it('falls back to polling the active pointer when a NOTIFY is missed', async () => {
    const polling = await buildGateway({
      registry: { databaseUrl: hub.gatewayDatabaseUrl, pollIntervalMs: 500 },
      coreSubgraphs: CORE_SUBGRAPHS,
      subgraphUrls: Object.fromEntries(Object.entries(hub.subgraphs).map(([name, app]) => [name, app.url])),
      jwtSecret: TEST_JWT_SECRET,
      internalSecret: TEST_INTERNAL_SECRET,
    });
    const db = new Client({ connectionString: hub.gatewayDatabaseUrl });
    await db.connect();
    const serving = hub.gateway.registry!.source.current!;
    try {
      expect(polling.registry!.source.current).toBe(serving);
      // Moving the pointer by hand sends no NOTIFY: only the poll can notice.
      await db.query('UPDATE registry_active SET supergraph_id = $1', [serving - 1]);
      expect(await eventually(async () => polling.registry!.source.current, (current) => current === serving - 1, 5_000)).toBe(serving - 1);
      expect(hub.gateway.registry!.source.current).toBe(serving);
    } finally {
      await db.query('UPDATE registry_active SET supergraph_id = $1', [serving]);
      await db.end();
      await polling.close();
    }
  });

  it('keeps an audit log of every check, publish, rollback and delete with its outcome', async () => {
    const { status, body } = await registry('GET', `/audit?subgraph=${NAME}`, undefined, tokens.admin);
    expect(status).toBe(200);
    const seen = new Set(body.entries.map((entry: { action: string; outcome: string; status: number }) => `${entry.action}:${entry.outcome}:${entry.status}`));
    const refusedOther = body.entries.find((entry: { outcome: string; actor: string }) => entry.outcome === 'forbidden' && entry.actor === 'publisher:flood-safety');
    expect(refusedOther).toBeDefined();
    for (const expected of ['check:ok:200', 'check:breaking:200', 'publish:ok:201', 'publish:unchanged:200', 'publish:composition_errors:422', 'publish:breaking:409',
      'publish:force_forbidden:403', 'publish:forced:201', 'publish:unauthenticated:401', 'publish:forbidden:403', 'rollback:ok:201', 'rollback:not_found:404']) {
      expect(seen).toContain(expected);
    }
    const deletes = await registry('GET', '/audit?subgraph=flood-safety', undefined, tokens.admin);
    expect(deletes.body.entries.map((entry: { action: string; outcome: string }) => `${entry.action}:${entry.outcome}`)).toEqual(
      expect.arrayContaining(['delete:breaking', 'delete:forced', 'delete:forbidden', 'delete:not_found']),
    );
    expect((await registry('GET', '/audit', undefined, tokens.publisher)).status).toBe(403);
  });
});

describe('npm run subgraph (the CLI)', () => {
  const cli = (args: string[]) =>
    new Promise<{ code: number; stdout: string; stderr: string }>((resolve) => {
      execFile(process.execPath, ['-r', '@swc-node/register', 'scripts/subgraph.ts', ...args, '--gateway', hub.origin], { cwd: root }, (error, stdout, stderr) =>
        resolve({ code: error ? Number(error.code) : 0, stdout, stderr }),
      );
    });

  it('checks with exit code 0 when safe, 1 when breaking, 3 without the right token; lists the subgraphs', async () => {
    const { writeFile } = await import('node:fs/promises');
    const { tmpdir } = await import('node:os');
    // The live version is v3 (v1 plus visitorsPerYear): checking v3 again changes nothing.
    const schema = path.join(tmpdir(), `wsb-v3-${process.pid}.graphql`);
    const breakingFile = path.join(tmpdir(), `wsb-breaking-${process.pid}.graphql`);
    await writeFile(schema, withVisitors());
    await writeFile(breakingFile, withoutRegionField());
    const [safe, unauthorised, list] = await Promise.all([
      cli(['check', NAME, '--schema', schema, '--url', example.url, '--token', tokens.publisher]),
      cli(['check', NAME, '--schema', schema, '--url', example.url, '--token', tokens.otherPublisher]),
      cli(['list', '--token', tokens.admin]),
    ]);
    expect(safe).toMatchObject({ code: 0 });
    expect(safe.stdout).toMatch(/composes with the live graph/);
    expect(unauthorised.code).toBe(3);
    expect(unauthorised.stderr).toMatch(/FORBIDDEN/);
    expect(list.code).toBe(0);
    expect(list.stdout).toMatch(/water-saving-bases\s+3/);
    const breaking = await cli(['check', NAME, '--schema', breakingFile, '--url', example.url, '--token', tokens.publisher]);
    expect(breaking.code).toBe(1);
    expect(breaking.stdout).toMatch(/BREAKING\s+Region\.waterSavingBases/);
  });
});
