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
