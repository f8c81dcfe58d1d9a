import { chinaDate, nameUuid, IDENTITY_HEADER, signIdentity } from '@kepuri/platform';
import { organizationSeeds } from '@kepuri/seed';
import { ORG, currentYearWindow, errorOf } from './support/domain';
import { TEST_INTERNAL_SECRET, postGraphQL, startHub, type GraphQLResponse, type TestHub, SWEEP_LIMITS } from './support/hub';

/** Volunteering reads through the gateway: the volunteers connection, teams, Organization's fields, CampaignParticipation. */

let hub: TestHub;
let admin: string;
const MISSING = '00000000-0000-4000-8000-000000000000';
const TEAM = {
  hubeiCorps: nameUuid('team:湖北省科技志愿服务总队'),
  wuhanDetachment: nameUuid('team:武汉市科技志愿服务支队'),
  museumDetachment: nameUuid('team:湖北科学技术馆科技志愿服务支队'),
  youthSquad: nameUuid('team:洪山区青少年科普分队'),
};

interface VolunteerNode { id: string; name: string; skills: string[]; region: { code: string }; organization: { id: string } | null; team: { id: string } | null }
interface Page { totalCount: number; edges: Array<{ cursor: string; node: VolunteerNode }>; pageInfo: { hasNextPage: boolean; endCursor: string | null } }
const PAGE = `query($filter: VolunteerFilter, $first: Int, $after: String) {
  volunteers(filter: $filter, first: $first, after: $after) {
    totalCount edges { cursor node { id name skills region { code } organization { id } team { id } } } pageInfo { hasNextPage endCursor }
  }
}`;

async function page(variables: Record<string, unknown>): Promise<Page> {
  const result = await hub.query<{ volunteers: Page }>(PAGE, variables);
  expect(result.errors).toBeUndefined();
  return result.data!.volunteers;
}

async function count(where: string, params: unknown[] = []): Promise<number> {
  const [{ n }] = await hub.subgraphs.volunteering.dataSource.query(`SELECT count(*)::int AS n FROM volunteers WHERE ${where}`, params);
  return n;
}

/** Statements each subgraph sent while answering one query. */
async function statementsOf(query: string, variables: Record<string, unknown> = {}): Promise<Record<string, number>> {
  const before = Object.fromEntries(Object.entries(hub.subgraphs).map(([name, app]) => [name, app.statements.count]));
  const result = await hub.query(query, variables);
  expect(result.errors).toBeUndefined();
  return Object.fromEntries(Object.entries(hub.subgraphs).map(([name, app]) => [name, app.statements.count - before[name]]));
}

beforeAll(async () => {
  hub = await startHub({ gateway: { limits: SWEEP_LIMITS } });
  admin = await hub.token({ role: 'admin' });
  const register = async (input: Record<string, unknown>) => {
    const result = await hub.query(`mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id } }`, { input }, admin);
    expect(result.errors).toBeUndefined();
  };
  await register({ name: '甲洪山', regionCode: '420111', organizationId: ORG.wuhan, skills: ['水利节水', '科普讲解'], teamId: TEAM.youthSquad });
  await register({ name: '乙武汉', regionCode: '420100', organizationId: ORG.wuhan, skills: ['水利节水'] });
  await register({ name: '丙科技馆', regionCode: '420000', organizationId: ORG.hubeiMuseum, skills: ['天文观测'], teamId: TEAM.museumDetachment });
  await register({ name: '丁长沙', regionCode: '430100', organizationId: ORG.hunan, skills: ['水利节水'] });
});
afterAll(async () => {
  await hub?.close();
});

describe('volunteers(filter, first, after)', () => {
  it('filters by region: a province includes its cities and counties, a city its counties', async () => {
    for (const [code, prefix] of [['420000', '42'], ['420100', '4201'], ['420111', '420111'], ['430000', '43']]) {
      const result = await page({ filter: { regionCode: code }, first: 200 });
      expect(result.totalCount).toBe(await count('left(region_code, $1) = $2', [prefix.length, prefix]));
      expect(result.totalCount).toBeGreaterThan(0);
      expect(result.edges.every(({ node }) => node.region.code.startsWith(prefix))).toBe(true);
    }
  });

  it('filters by organisation, with or without everything below it', async () => {
    const own = await page({ filter: { organizationId: ORG.hubei }, first: 200 });
    const below = await page({ filter: { organizationId: ORG.hubei, includeSubordinates: true }, first: 200 });
    expect(own.totalCount).toBe(await count('organization_id = $1', [ORG.hubei]));
    expect(own.edges.every(({ node }) => node.organization!.id === ORG.hubei)).toBe(true);
    expect(below.totalCount).toBe(own.totalCount + 3);
    expect(below.edges.map(({ node }) => node.organization!.id)).toEqual(expect.arrayContaining([ORG.hubei, ORG.wuhan, ORG.hubeiMuseum]));
    const all = await page({ filter: { organizationId: ORG.host, includeSubordinates: true }, first: 1 });
    expect(all.totalCount).toBe(await count('true'));
  });

  it('filters by team and by skill, and combines filters', async () => {
    const squad = await page({ filter: { teamId: TEAM.youthSquad }, first: 200 });
    expect(squad.totalCount).toBe(await count('team_id = $1', [TEAM.youthSquad]));
    expect(squad.edges.map(({ node }) => node.name)).toContain('甲洪山');
    const water = await page({ filter: { skill: '水利节水' }, first: 200 });
    expect(water.totalCount).toBe(await count(`'水利节水' = ANY(skills)`));
    expect(water.edges.every(({ node }) => node.skills.includes('水利节水'))).toBe(true);
    const combined = await page({ filter: { skill: '水利节水', regionCode: '420100', organizationId: ORG.wuhan }, first: 200 });
    expect(combined.edges.map(({ node }) => node.name).sort()).toEqual(['乙武汉', '甲洪山'].sort());
    expect((await page({ filter: { skill: '不存在的专长' } })).totalCount).toBe(0);
  });

  it('walks every volunteer exactly once, by name, page by page', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let current: Page;
    do {
      current = await page({ filter: { regionCode: '420000' }, first: 4, after });
      seen.push(...current.edges.map(({ node }) => node.id));
      after = current.pageInfo.endCursor;
    } while (current.pageInfo.hasNextPage);
    const expected = await hub.subgraphs.volunteering.dataSource.query(`SELECT id FROM volunteers WHERE region_code LIKE '42%' ORDER BY name, id`);
    expect(seen).toEqual(expected.map((row: { id: string }) => row.id));
  });

  it('refuses a malformed filter or page, naming the field', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ filter: { includeSubordinates: true } }, 'includeSubordinates'],
      [{ filter: { regionCode: '42' } }, 'regionCode'],
      [{ filter: { organizationId: 'hubei' } }, 'organizationId'],
      [{ filter: { teamId: 'team' } }, 'teamId'],
      [{ filter: { skill: '' } }, 'skill'],
      [{ first: 0 }, 'first'],
      [{ first: 201 }, 'first'],
      [{ after: 'not-a-cursor' }, 'after'],
    ];
    for (const [variables, field] of cases) {
      expect({ variables, ...errorOf(await hub.query(PAGE, variables)), message: undefined }).toEqual({ variables, code: 'BAD_USER_INPUT', field, message: undefined });
    }
  });

  it('the region, subtree and skill filters have indexes to use', async () => {
    const runner = hub.subgraphs.volunteering.dataSource.createQueryRunner();
    try {
      await runner.startTransaction();
      await runner.query('SET LOCAL enable_seqscan = off');
      const plan = async (sql: string) => (await runner.query(`EXPLAIN ${sql}`)).map((row: Record<string, string>) => row['QUERY PLAN']).join('\n');
      expect(await plan(`SELECT id FROM volunteers WHERE organization_path @> ARRAY['${ORG.hubei}']::uuid[]`)).toContain('volunteers_organization_path');
      expect(await plan(`SELECT id FROM volunteers WHERE region_code LIKE '42%'`)).toContain('volunteers_region_prefix');
      expect(await plan(`SELECT id FROM volunteers WHERE skills @> ARRAY['水利节水']::varchar[]`)).toContain('volunteers_skills');
      expect(await plan(`SELECT id FROM service_records WHERE organizer_path @> ARRAY['${ORG.hubei}']::uuid[]`)).toContain('service_records_organizer_path');
    } finally {
      await runner.rollbackTransaction();
      await runner.release();
    }
  });
});

describe('volunteer teams', () => {
  it('volunteerTeam(id) leads to its parent, children, organisation, region and members', async () => {
    const result = await hub.query<{ volunteerTeam: Record<string, unknown> & { members: Array<{ name: string }> }; missing: null; malformed: null }>(`query($id: ID!, $missing: ID!) {
      volunteerTeam(id: $id) { name level parent { name } children { name level parent { name } } organization { name } region { name } members { name team { id } } }
      missing: volunteerTeam(id: $missing) { id }
      malformed: volunteerTeam(id: "team") { id }
    }`, { id: TEAM.hubeiCorps, missing: MISSING });
    expect(result.errors).toBeUndefined();
    expect(result.data!.volunteerTeam).toMatchObject({
      name: '湖北省科技志愿服务总队', level: 'CORPS', parent: null, organization: { name: '湖北省科学技术协会' }, region: { name: '湖北省' },
      children: [
        { name: '武汉市科技志愿服务支队', level: 'DETACHMENT', parent: { name: '湖北省科技志愿服务总队' } },
        { name: '湖北科学技术馆科技志愿服务支队', level: 'DETACHMENT', parent: { name: '湖北省科技志愿服务总队' } },
      ].sort((a, b) => (a.name < b.name ? -1 : 1)),
    });
    expect(result.data!.volunteerTeam.members.length).toBe(await count('team_id = $1', [TEAM.hubeiCorps]));
    expect(result.data!.volunteerTeam.members.length).toBeGreaterThan(0);
    expect(result.data!.missing).toBeNull();
    expect(result.data!.malformed).toBeNull();
  });

  it('a volunteer leads to its team', async () => {
    const [row] = await hub.subgraphs.volunteering.dataSource.query('SELECT id FROM volunteers WHERE team_id = $1 LIMIT 1', [TEAM.youthSquad]);
    const result = await hub.query<{ volunteer: { team: { name: string; parent: { level: string } } } }>(
      `query($id: ID!) { volunteer(id: $id) { team { name parent { level } } } }`, { id: row.id });
    expect(result.data!.volunteer.team).toEqual({ name: '洪山区青少年科普分队', parent: { level: 'BRIGADE' } });
  });
});

describe('Organization.volunteers and Organization.volunteerTeams', () => {
  const ORGANIZATION = `query($id: ID!, $first: Int, $after: String, $below: Boolean!) {
    organization(id: $id) {
      name
      volunteers(first: $first, after: $after, includeSubordinates: $below) { totalCount edges { cursor node { id organization { id } } } pageInfo { hasNextPage endCursor } }
      volunteerTeams { name level }
    }
  }`;
  type Result = { organization: { name: string; volunteers: Page; volunteerTeams: Array<{ name: string; level: string }> } };

  it('pages through an organisation\'s own volunteers, or with everything below it', async () => {
    for (const below of [false, true]) {
      const seen: string[] = [];
      let after: string | null = null;
      let total = 0;
      for (let pages = 0; pages < 50; pages += 1) {
        const result: GraphQLResponse<Result> = await hub.query<Result>(ORGANIZATION, { id: ORG.hubei, first: 3, after, below });
        expect(result.errors).toBeUndefined();
        const volunteers: Page = result.data!.organization.volunteers;
        total = volunteers.totalCount;
        seen.push(...volunteers.edges.map(({ node }) => node.id));
        if (!volunteers.pageInfo.hasNextPage) break;
        after = volunteers.pageInfo.endCursor;
      }
      const where = below ? 'organization_path @> ARRAY[$1]::uuid[]' : 'organization_id = $1';
      const expected = await hub.subgraphs.volunteering.dataSource.query(`SELECT id FROM volunteers WHERE ${where} ORDER BY name, id`, [ORG.hubei]);
      expect(total).toBe(expected.length);
      expect(seen).toEqual(expected.map((row: { id: string }) => row.id));
    }
  });

  it('lists the organisation\'s own teams', async () => {
    const result = await hub.query<Result>(ORGANIZATION, { id: ORG.wuhan, first: 1, below: false });
    expect(result.data!.organization.volunteerTeams).toEqual([
      { name: '武汉市科技志愿服务支队', level: 'DETACHMENT' },
      { name: '洪山区科技志愿服务大队', level: 'BRIGADE' },
      { name: '洪山区青少年科普分队', level: 'SQUAD' },
    ].sort((a, b) => (a.name < b.name ? -1 : 1)));
    const none = await hub.query<Result>(ORGANIZATION, { id: ORG.physics, first: 1, below: true });
    expect(none.data!.organization).toMatchObject({ volunteers: { totalCount: 0, edges: [], pageInfo: { hasNextPage: false, endCursor: null } }, volunteerTeams: [] });
  });

  it('refuses a cursor it did not issue', async () => {
    for (const after of ['garbage', Buffer.from(JSON.stringify(['x', 'not-a-uuid'])).toString('base64url')]) {
      expect(errorOf(await hub.query(ORGANIZATION, { id: ORG.hubei, first: 3, after, below: false }))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'after' });
    }
  });
});

describe('batching: statements do not grow with the page', () => {
  it('volunteers with their teams, organisations and records', async () => {
    const query = `query($first: Int, $filter: VolunteerFilter) { volunteers(first: $first, filter: $filter) {
      edges { node { name region { code } organization { id } team { name parent { name } members { name } children { name } }
        serviceRecords { hours activity { id volunteerCount } } } } } }`;
    // A small page that already reaches every loader: a team with a parent, and service records.
    const small = { first: 3, filter: { organizationId: ORG.hubei, includeSubordinates: true } };
    const rich = await hub.query<{ volunteers: { edges: Array<{ node: { team: { parent: unknown } | null; serviceRecords: unknown[] } }> } }>(query, small);
    expect(rich.data!.volunteers.edges.some(({ node }) => node.team?.parent)).toBe(true);
    expect(rich.data!.volunteers.edges.some(({ node }) => node.serviceRecords.length > 0)).toBe(true);
    const few = await statementsOf(query, small);
    const many = await statementsOf(query, { first: 200, filter: { organizationId: ORG.host, includeSubordinates: true } });
    // page + total, teams, their parents, members, children, records, then the activities' totals. On a
    // large page a parent is often among the teams already loaded, so it may take one fewer, never more.
    expect(few.volunteering).toBe(8);
    for (const name of Object.keys(few)) expect({ name, statements: many[name] <= few[name] }).toEqual({ name, statements: true });
    expect(many.volunteering).toBeGreaterThanOrEqual(7);
  });

  it('organisations with their volunteers and teams', async () => {
    const query = `query($ids: [ID!]!) { organizationsByIds(ids: $ids) { name
      volunteers(first: 3, includeSubordinates: true) { totalCount edges { node { name team { level } } } }
      own: volunteers(first: 2) { totalCount }
      volunteerTeams { name members { name } children { name } } } }`;
    const few = await statementsOf(query, { ids: [ORG.hubei, ORG.wuhan, nameUuid('org:广东省科学技术协会')] });
    const many = await statementsOf(query, { ids: organizationSeeds().map((org) => org.id) });
    expect(organizationSeeds().length).toBeGreaterThan(100);
    expect(many).toEqual(few);
    // both volunteer pages in one statement per argument set, teams, their members and children.
    expect(few.volunteering).toBe(5);
  });
});

describe('CampaignParticipation (the entity evaluations reads with @requires)', () => {
  const ENTITIES = `query($representations: [_Any!]!) {
    _entities(representations: $representations) { ... on CampaignParticipation { year organizationId volunteerCount serviceHours } }
  }`;
  type Participation = { year: number; organizationId: string; volunteerCount: number; serviceHours: number };

  /** As the gateway asks: _entities on the subgraph, signed with the internal secret. */
  async function resolve(keys: Array<{ year: number; organizationId: string }>): Promise<Participation[]> {
    const identity = await signIdentity({ role: 'service', subgraph: 'evaluations' }, TEST_INTERNAL_SECRET);
    const result = await postGraphQL<{ _entities: Participation[] }>(hub.subgraphs.volunteering.url, {
      query: ENTITIES, variables: { representations: keys.map((key) => ({ __typename: 'CampaignParticipation', ...key })) },
    }, { [IDENTITY_HEADER]: identity });
    expect(result.errors).toBeUndefined();
    return result.data!._entities;
  }

  /** The same figures computed another way: the activities subgraph's own organiser paths, then the raw records. */
  async function expected(year: number, organizationId: string) {
    const activities = await hub.subgraphs.activities.dataSource.query(
      'SELECT id FROM activities WHERE campaign_year = $1 AND organizer_path @> ARRAY[$2]::uuid[]', [year, organizationId]);
    const [row] = await hub.subgraphs.volunteering.dataSource.query(
      'SELECT count(DISTINCT volunteer_id)::int AS v, coalesce(sum(hours), 0)::float AS h FROM service_records WHERE activity_id = ANY($1::uuid[])',
      [activities.map((activity: { id: string }) => activity.id)]);
    return { year, organizationId, volunteerCount: row.v, serviceHours: row.h };
  }

  it('counts the volunteers and hours of the campaign\'s activities organised by the organisation or below it', async () => {
    const keys = [ORG.host, ORG.hubei, ORG.wuhan, ORG.hubeiMuseum, ORG.physics, nameUuid('org:中华医学会')].map((organizationId) => ({ year: 2020, organizationId }));
    const resolved = await resolve(keys);
    expect(resolved).toEqual(await Promise.all(keys.map((key) => expected(key.year, key.organizationId))));
    expect(resolved[0].volunteerCount).toBeGreaterThan(resolved[1].volunteerCount);
    expect(resolved[1].serviceHours).toBeGreaterThan(0);
    const unknown = await resolve([{ year: 2020, organizationId: MISSING }, { year: 1999, organizationId: ORG.host }, { year: 2020, organizationId: 'x' }]);
    expect(unknown.map((p) => [p.volunteerCount, p.serviceHours])).toEqual([[0, 0], [0, 0], [0, 0]]);
  });

  it('follows recordService at once, for the organiser and everything above it', async () => {
    const { year, startsAt, endsAt } = currentYearWindow();
    const token = await hub.token({ role: 'organizer', org: ORG.wuhan });
    const registered = await hub.query<{ registerActivity: { id: string } }>(`mutation($input: RegisterActivityInput!) { registerActivity(input: $input) { id } }`, {
      input: { campaign: year, title: '武汉科技志愿服务日', regionCode: '420100', category: 'JOINT_ACTION', jointAction: 'SOCIETY',
        contentAreas: ['TECH_VOLUNTEERING'], mode: 'OFFLINE', venueKind: 'COMMUNITY', address: '武汉市', startsAt, endsAt, expectedParticipants: 50 },
    }, token);
    expect(registered.errors).toBeUndefined();
    const keys = [ORG.wuhan, ORG.hubei, ORG.host, ORG.hunan].map((organizationId) => ({ year, organizationId }));
    const before = await resolve(keys);
    const [volunteer] = await hub.subgraphs.volunteering.dataSource.query(`SELECT id FROM volunteers WHERE name = '乙武汉'`);
    const recorded = await hub.query(`mutation($input: RecordServiceInput!) { recordService(input: $input) { id } }`, {
      input: { volunteerId: volunteer.id, activityId: registered.data!.registerActivity.id,
        serviceDate: chinaDate(startsAt), hours: 3.5, serviceType: 'TECH_GUIDANCE' },
    }, token);
    expect(recorded.errors).toBeUndefined();
    const after = await resolve(keys);
    expect(after.map((p, i) => [p.volunteerCount - before[i].volunteerCount, p.serviceHours - before[i].serviceHours]))
      .toEqual([[1, 3.5], [1, 3.5], [1, 3.5], [0, 0]]);
  });

  it('resolves any number of references with one statement', async () => {
    const statements = async (n: number) => {
      const before = hub.subgraphs.volunteering.statements.count;
      await resolve(Array.from({ length: n }, (_, i) => ({ year: 2020 + (i % 2) * 6, organizationId: i % 3 ? ORG.hubei : nameUuid(`org:${i}`) })));
      return hub.subgraphs.volunteering.statements.count - before;
    };
    expect(await statements(3)).toBe(1);
    expect(await statements(60)).toBe(1);
  });
});
