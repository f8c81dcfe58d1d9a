import { ORG } from './support/domain';
import { startHub, type TestHub } from './support/hub';

interface Page {
  activities: {
    totalCount: number;
    edges: Array<{ cursor: string; node: { id: string; title: string; region: { code: string }; organizer: { id: string }; campaign: { year: number } } }>;
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}
const PAGE = `query Page($filter: ActivityFilter, $first: Int, $after: String) {
  activities(filter: $filter, first: $first, after: $after) {
    totalCount
    edges { cursor node { id title region { code } organizer { id } campaign { year } } }
    pageInfo { hasNextPage endCursor }
  }
}`;

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  await hub?.close();
});

const page = async (variables: Record<string, unknown>) => {
  const result = await hub.query<Page>(PAGE, variables);
  expect(result.errors).toBeUndefined();
  return result.data!.activities;
};

describe('activities(filter, first, after)', () => {
  it('walks every activity exactly once, page by page', async () => {
    const seen: string[] = [];
    let after: string | null = null;
    let total = 0;
    for (let pages = 0; pages < 100; pages += 1) {
      const current: Page['activities'] = await page({ first: 70, after });
      total = current.totalCount;
      seen.push(...current.edges.map((edge) => edge.node.id));
      if (!current.pageInfo.hasNextPage) break;
      after = current.pageInfo.endCursor;
    }
    expect(total).toBeGreaterThan(200);
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('filters by campaign, and a province includes its cities and counties', async () => {
    const hubei = await page({ filter: { campaign: 2020, regionCode: '420000' }, first: 200 });
    expect(hubei.totalCount).toBe(hubei.edges.length);
    expect(hubei.edges.every((edge) => edge.node.region.code.startsWith('42') && edge.node.campaign.year === 2020)).toBe(true);
    const codes = new Set(hubei.edges.map((edge) => edge.node.region.code));
    expect(codes.has('420000')).toBe(true);
    expect([...codes].some((code) => code !== '420000')).toBe(true);
    const wuhan = await page({ filter: { campaign: 2020, regionCode: '420100' }, first: 200 });
    expect(wuhan.totalCount).toBeLessThan(hubei.totalCount);
    expect(wuhan.edges.every((edge) => edge.node.region.code.startsWith('4201'))).toBe(true);
  });

  it('filters by organiser and by a Chinese keyword', async () => {
    const first = await page({ first: 1, filter: { campaign: 2020, category: 'PROVINCIAL_MAIN_VENUE' } });
    const organizerId = first.edges[0].node.organizer.id;
    const byOrganizer = await page({ filter: { organizerId }, first: 200 });
    expect(byOrganizer.totalCount).toBeGreaterThan(0);
    expect(byOrganizer.edges.every((edge) => edge.node.organizer.id === organizerId)).toBe(true);
    const water = await page({ filter: { keyword: '节水' }, first: 200 });
    expect(water.totalCount).toBeGreaterThan(0);
    expect(water.edges.every((edge) => edge.node.title.includes('节水'))).toBe(true);
    const none = await page({ filter: { keyword: '100%_不存在' }, first: 5 });
    expect(none.totalCount).toBe(0);
  });

  it('names the offending argument on bad input', async () => {
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ first: 0 }, 'first'],
      [{ first: 201 }, 'first'],
      [{ first: 5, after: 'not-a-cursor' }, 'after'],
      [{ filter: { regionCode: '42' } }, 'regionCode'],
      [{ filter: { organizerId: 'abc' } }, 'organizerId'],
      [{ filter: { campaign: 1900 } }, 'campaign'],
    ];
    for (const [variables, field] of cases) {
      const result = await hub.query(PAGE, variables);
      expect({ variables, code: result.errors?.[0].extensions?.code }).toEqual({ variables, code: 'BAD_USER_INPUT' });
      expect(result.errors?.[0].message).toContain(field);
    }
  });

  it('answers one activity and the campaigns with their dates', async () => {
    const listed = await page({ first: 1 });
    const id = listed.edges[0].node.id;
    const one = await hub.query<{ activity: { id: string } | null; missing: unknown; campaign: { theme: string; label: string; registrationClosesAt: string } }>(
      `query($id: ID!) { activity(id: $id) { id } missing: activity(id: "00000000-0000-4000-8000-000000000000") { id }
        campaign(year: 2020) { theme label registrationClosesAt } }`,
      { id },
    );
    expect(one.errors).toBeUndefined();
    expect(one.data!.activity!.id).toBe(id);
    expect(one.data!.missing).toBeNull();
    expect(one.data!.campaign).toEqual({
      theme: '决胜全面小康，践行科技为民',
      label: '2020年全国科普日活动',
      registrationClosesAt: '2020-09-25T16:00:00.000Z',
    });
  });
});

describe('more filters', () => {
  it('an organiser with everything below it, by content area, online form and dates', async () => {
    const own = await page({ filter: { campaign: 2020, organizerId: ORG.hubei }, first: 200 });
    const subtree = await page({ filter: { campaign: 2020, organizerId: ORG.hubei, includeSubordinates: true }, first: 200 });
    expect(subtree.totalCount).toBeGreaterThan(own.totalCount); // the province's science museum organises too
    const [{ n }] = await hub.subgraphs.activities.dataSource.query(
      'SELECT count(*)::int AS n FROM activities WHERE campaign_year = 2020 AND $1 = ANY(organizer_path)', [ORG.hubei]);
    expect(subtree.totalCount).toBe(n);
    const health = await page({ filter: { campaign: 2020, contentArea: 'HEALTH_AND_EPIDEMIC' }, first: 200 });
    const [{ h }] = await hub.subgraphs.activities.dataSource.query(
      "SELECT count(*)::int AS h FROM activities WHERE campaign_year = 2020 AND 'HEALTH_AND_EPIDEMIC' = ANY(content_areas)");
    expect(health.totalCount).toBe(h);
    const streams = await page({ filter: { onlineKind: 'LIVESTREAM' }, first: 200 });
    expect(streams.totalCount).toBeGreaterThan(0);
    const day = await page({ filter: { from: '2020-09-19T00:00:00+08:00', to: '2020-09-20T00:00:00+08:00' }, first: 200 });
    const [{ d }] = await hub.subgraphs.activities.dataSource.query(
      "SELECT count(*)::int AS d FROM activities WHERE ends_at >= '2020-09-19T00:00:00+08:00' AND starts_at < '2020-09-20T00:00:00+08:00'");
    expect(day.totalCount).toBe(d);
    const bad = await hub.query(PAGE, { filter: { includeSubordinates: true } });
    expect(bad.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'includeSubordinates' });
  });
});
