import { startHub, type TestHub } from './support/hub';

const DASHBOARD_QUERY = `query Activities($first: Int) {
  activities(first: $first) {
    totalCount
    edges { cursor node { id title region { code name } organizer { id name }
      volunteerCount serviceHours averageRating feedbackCount checkInCount } }
    pageInfo { hasNextPage endCursor }
  }
}`;

interface ActivityNode {
  id: string;
  title: string;
  region: { code: string; name: string };
  organizer: { id: string; name: string };
  volunteerCount: number;
  serviceHours: number;
  averageRating: number | null;
  feedbackCount: number;
  checkInCount: number;
}
interface ActivitiesData {
  activities: { totalCount: number; edges: Array<{ cursor: string; node: ActivityNode }>; pageInfo: { hasNextPage: boolean; endCursor: string } };
}

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  await hub?.close();
});

describe('the walking-skeleton query through the gateway', () => {
  it('returns activities with fields from all four subgraphs', async () => {
    const result = await hub.query<ActivitiesData>(DASHBOARD_QUERY, { first: 3 });
    expect(result.errors).toBeUndefined();
    const { activities } = result.data!;
    expect(activities.edges).toHaveLength(3);
    expect(activities.pageInfo.hasNextPage).toBe(true);
    expect(activities.pageInfo.endCursor).toBe(activities.edges[2].cursor);
    for (const { node } of activities.edges) {
      expect(node.region.code).toMatch(/^\d{6}$/);
      expect(node.region.name.length).toBeGreaterThan(1); // organizations
      expect(node.organizer.name.length).toBeGreaterThan(1); // organizations
      expect(typeof node.volunteerCount).toBe('number'); // volunteering
      expect(typeof node.feedbackCount).toBe('number'); // evaluations
      expect(typeof node.checkInCount).toBe('number'); // activities
    }
  });

  it('agrees with each subgraph\'s own data on the sample set', async () => {
    const result = await hub.query<ActivitiesData>(DASHBOARD_QUERY, { first: 200 });
    const nodes = result.data!.activities.edges.map((edge) => edge.node);
    const ids = nodes.map((node) => node.id);
    const [ratings, service, checkIns] = await Promise.all([
      hub.subgraphs.evaluations.dataSource.query(
        'SELECT activity_id, count(*)::int AS n, avg(rating)::float AS avg FROM feedback WHERE activity_id = ANY($1::uuid[]) GROUP BY activity_id', [ids]),
      hub.subgraphs.volunteering.dataSource.query(
        'SELECT activity_id, count(DISTINCT volunteer_id)::int AS v, sum(hours)::float AS h FROM service_records WHERE activity_id = ANY($1::uuid[]) GROUP BY activity_id', [ids]),
      hub.subgraphs.activities.dataSource.query(
        'SELECT activity_id, count(*)::int AS n FROM check_ins WHERE activity_id = ANY($1::uuid[]) GROUP BY activity_id', [ids]),
    ]);
    const byId = <T extends { activity_id: string }>(rows: T[]) => new Map(rows.map((row) => [row.activity_id, row]));
    const ratingById = byId(ratings as Array<{ activity_id: string; n: number; avg: number }>);
    const serviceById = byId(service as Array<{ activity_id: string; v: number; h: number }>);
    const checkInsById = byId(checkIns as Array<{ activity_id: string; n: number }>);
    expect(ratingById.size).toBeGreaterThan(0);
    expect(serviceById.size).toBeGreaterThan(0);
    for (const node of nodes) {
      expect(node.feedbackCount).toBe(ratingById.get(node.id)?.n ?? 0);
      const average = ratingById.get(node.id)?.avg;
      if (average === undefined) expect(node.averageRating).toBeNull();
      else expect(node.averageRating).toBeCloseTo(average, 2);
      expect(node.volunteerCount).toBe(serviceById.get(node.id)?.v ?? 0);
      expect(node.serviceHours).toBeCloseTo(serviceById.get(node.id)?.h ?? 0, 5);
      expect(node.checkInCount).toBe(checkInsById.get(node.id)?.n ?? 0);
    }
  });

  it('sends the same number of SQL statements to each subgraph for first: 5 and first: 50', async () => {
    const countStatements = async (first: number) => {
      const before = Object.fromEntries(Object.entries(hub.subgraphs).map(([name, app]) => [name, app.statements.count]));
      const result = await hub.query<ActivitiesData>(DASHBOARD_QUERY, { first });
      expect(result.errors).toBeUndefined();
      expect(result.data!.activities.edges).toHaveLength(first);
      return Object.fromEntries(Object.entries(hub.subgraphs).map(([name, app]) => [name, app.statements.count - before[name]]));
    };
    const small = await countStatements(5);
    const large = await countStatements(50);
    expect(large).toEqual(small);
    for (const name of ['activities', 'organizations', 'volunteering', 'evaluations']) {
      expect(small[name]).toBeGreaterThan(0);
    }
    // activities: page + total; organizations: regions + organisations; one each elsewhere.
    expect(small).toEqual({ activities: 2, organizations: 2, volunteering: 1, evaluations: 1 });
  });
});

describe('entities across subgraphs', () => {
  it('a volunteer\'s service records lead to the activities they served, resolved by the activities subgraph', async () => {
    const [row] = await hub.subgraphs.volunteering.dataSource.query(
      'SELECT volunteer_id, count(*)::int AS n FROM service_records GROUP BY volunteer_id ORDER BY n DESC, volunteer_id LIMIT 1');
    const result = await hub.query<{
      volunteer: { name: string; region: { name: string }; serviceRecords: Array<{ hours: number; serviceType: string; activity: { id: string; title: string } }> };
    }>(
      `query($id: ID!) { volunteer(id: $id) { name region { name } serviceRecords { hours serviceType activity { id title } } } }`,
      { id: row.volunteer_id },
    );
    expect(result.errors).toBeUndefined();
    const { volunteer } = result.data!;
    expect(volunteer.serviceRecords).toHaveLength(row.n);
    expect(volunteer.region.name.length).toBeGreaterThan(1);
    const titles = await hub.subgraphs.activities.dataSource.query('SELECT id, title FROM activities WHERE id = ANY($1::uuid[])', [
      volunteer.serviceRecords.map((record) => record.activity.id),
    ]);
    const titleById = new Map(titles.map((activity: { id: string; title: string }) => [activity.id, activity.title]));
    for (const record of volunteer.serviceRecords) {
      expect(record.activity.title).toBe(titleById.get(record.activity.id));
      expect(record.hours).toBeGreaterThan(0);
    }
  });

  it('regions and organisations form their hierarchy', async () => {
    const result = await hub.query<{
      provinces: Array<{ code: string; name: string; parent: null }>;
      wuhan: { name: string; level: string; parent: { code: string; name: string } };
      organizations: { totalCount: number; edges: Array<{ node: { name: string; type: string; parent: { name: string } | null; region: { code: string } } }> };
    }>(`{
      provinces: regions(level: PROVINCE) { code name parent { code } }
      wuhan: region(code: "420100") { name level parent { code name } }
      organizations(filter: { type: CITY_ASSOCIATION }, first: 50) { totalCount edges { node { name type parent { name } region { code } } } }
    }`);
    expect(result.errors).toBeUndefined();
    const { provinces, wuhan, organizations } = result.data!;
    expect(provinces).toHaveLength(32);
    expect(provinces.map((province) => province.code)).toContain('660000');
    expect(provinces.every((province) => province.parent === null)).toBe(true);
    expect(wuhan).toEqual({ name: '武汉市', level: 'CITY', parent: { code: '420000', name: '湖北省' } });
    expect(organizations.totalCount).toBe(15);
    for (const { node } of organizations.edges) {
      expect(node.parent!.name).toMatch(/科学技术协会$/);
      expect(node.region.code.slice(0, 2)).not.toBe('00');
    }
  });
});
