import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'graphql';
import { ORG } from './support/domain';
import { startHub, type TestHub } from './support/hub';

const operations = path.resolve(__dirname, '../schema/operations');
let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  await hub?.close();
});

async function run(file: string, variables: Record<string, unknown>) {
  const query = await readFile(path.join(operations, file), 'utf8');
  const before = Object.fromEntries(Object.entries(hub.subgraphs).map(([name, app]) => [name, app.statements.count]));
  const result = await hub.query<Record<string, unknown>>(query, variables);
  const statements = Object.fromEntries(Object.entries(hub.subgraphs).map(([name, app]) => [name, app.statements.count - before[name]]));
  return { ...result, statements };
}

describe('the national dashboard', () => {
  it('is one request: every province with three subgraphs\' stats, one SQL statement per subgraph', async () => {
    const result = await run('national-dashboard.graphql', { campaign: 2020 });
    expect(result.errors).toBeUndefined();
    const regions = result.data!.regions as Array<{
      code: string;
      activityStats: { activityCount: number; checkInCount: number };
      volunteerStats: { serviceHours: number };
      evaluationStats: { feedbackCount: number };
    }>;
    expect(regions).toHaveLength(32);
    // Two fetches per stats subgraph (the campaign, then all regions at once); activities also loads the campaign itself.
    expect(result.statements).toEqual({ activities: 3, organizations: 1, volunteering: 2, evaluations: 2 });
    const regionsOnly = await hub.query<{ regions: unknown[] }>(`query($campaign: Int!) { regions(level: PROVINCE) { code
      activityStats(campaign: $campaign) { activityCount } volunteerStats(campaign: $campaign) { serviceHours }
      evaluationStats(campaign: $campaign) { feedbackCount } } }`, { campaign: 2020 });
    expect(regionsOnly.data!.regions).toHaveLength(32);
    const before = Object.fromEntries(Object.entries(hub.subgraphs).map(([name, app]) => [name, app.statements.count]));
    await hub.query(`query($campaign: Int!) { regions(level: PROVINCE) { code activityStats(campaign: $campaign) { activityCount }
      volunteerStats(campaign: $campaign) { serviceHours } evaluationStats(campaign: $campaign) { feedbackCount } } }`, { campaign: 2020 });
    const perSubgraph = Object.fromEntries(Object.entries(hub.subgraphs).map(([name, app]) => [name, app.statements.count - before[name]]));
    expect(perSubgraph).toEqual({ activities: 1, organizations: 1, volunteering: 1, evaluations: 1 });
    const national = result.data!.campaign as { activityStats: { activityCount: number; checkInCount: number }; evaluationStats: { feedbackCount: number } };
    const sum = (pick: (region: (typeof regions)[number]) => number) => regions.reduce((total, region) => total + pick(region), 0);
    expect(sum((region) => region.activityStats.activityCount)).toBe(national.activityStats.activityCount);
    expect(sum((region) => region.activityStats.checkInCount)).toBe(national.activityStats.checkInCount);
    expect(sum((region) => region.evaluationStats.feedbackCount)).toBe(national.evaluationStats.feedbackCount);
    const [{ n, c }] = await hub.subgraphs.activities.dataSource.query(
      "SELECT count(*)::int AS n, sum(check_in_count)::int AS c FROM activity_check_in_counts WHERE campaign_year = 2020 AND counted");
    expect(national.activityStats).toMatchObject({ activityCount: n, checkInCount: c });
    const hubei = regions.find((region) => region.code === '420000')!;
    const [{ h }] = await hub.subgraphs.activities.dataSource.query(
      "SELECT count(*)::int AS h FROM activities WHERE campaign_year = 2020 AND province_code = '420000' AND status IN ('REGISTERED', 'COMPLETED')");
    expect(hubei.activityStats.activityCount).toBe(h);
  });

  it('the province and organisation dashboards answer from the same rollups', async () => {
    const province = await run('province-dashboard.graphql', { campaign: 2020, province: '420000' });
    expect(province.errors).toBeUndefined();
    const region = province.data!.region as { activityStats: { activityCount: number }; children: Array<{ activityStats: { activityCount: number } }>; activityDaily: Array<{ day: string; runningActivities: number }> };
    expect(region.children.length).toBeGreaterThan(0);
    expect(region.activityDaily.some((day) => day.day === '2020-09-19' && day.runningActivities > 0)).toBe(true);
    const top = province.data!.topActivitiesByCheckIns as Array<{ checkInCount: number }>;
    expect(top.map((activity) => activity.checkInCount)).toEqual([...top.map((activity) => activity.checkInCount)].sort((a, b) => b - a));
    const organization = await run('organization-dashboard.graphql', { campaign: 2020, organization: ORG.hubei });
    expect(organization.errors).toBeUndefined();
    const stats = (organization.data!.organization as { activityStats: { activityCount: number } }).activityStats;
    const [{ n }] = await hub.subgraphs.activities.dataSource.query(
      "SELECT count(*)::int AS n FROM activities WHERE campaign_year = 2020 AND $1 = ANY(organizer_path) AND status IN ('REGISTERED', 'COMPLETED')", [ORG.hubei]);
    expect(stats.activityCount).toBe(n);
  });

  it('every example operation in schema/operations parses and runs without errors', async () => {
    const { readdir } = await import('node:fs/promises');
    const files = (await readdir(operations)).filter((file) => file.endsWith('.graphql'));
    expect(files.length).toBeGreaterThanOrEqual(3);
    for (const file of files) {
      const text = await readFile(path.join(operations, file), 'utf8');
      expect(text.startsWith('#')).toBe(true); // a description for the playground
      expect(() => parse(text)).not.toThrow();
    }
  });
});
