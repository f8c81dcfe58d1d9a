import { addDays, chinaDate } from '@kepuri/platform';
import { SERVICE_TYPES } from '@kepuri/domain';
import { createRng } from '@kepuri/seed';
import { recountVolunteerStats } from '../subgraphs/volunteering/src/stats/volunteer-stats.recount';
import { ORG, currentYearWindow, errorOf, setCampaignCalendar } from './support/domain';
import { startHub, type TestHub, SWEEP_LIMITS } from './support/hub';
import { compareWithRecount } from './support/rollups';

/**
 * Volunteering's dashboard statistics: the rollups kept by registerVolunteer, createVolunteerTeam
 * and recordService equal a from-scratch SQL recount after random writes through the gateway; the
 * national dashboard costs volunteering one statement for every province; provinces include their
 * cities and counties, organisations their subordinates when asked.
 */
let hub: TestHub;
let admin: string;
const { year, startsAt, endsAt } = currentYearWindow();

const STATS_FIELDS = `volunteerCount activeVolunteerCount teamCount serviceHours serviceRecordCount
  byServiceType { serviceType serviceHours serviceRecordCount } byTeamLevel { level teamCount }`;

interface Stats {
  volunteerCount: number;
  activeVolunteerCount: number;
  teamCount: number;
  serviceHours: number;
  serviceRecordCount: number;
  byServiceType: Array<{ serviceType: string; serviceHours: number; serviceRecordCount: number }>;
  byTeamLevel: Array<{ level: string; teamCount: number }>;
}

const db = () => hub.subgraphs.volunteering.dataSource;

/** An activity of the current campaign, registered through the activities subgraph. */
async function registerActivity(organizerId: string, regionCode: string, title: string): Promise<string> {
  const result = await hub.query<{ registerActivity: { id: string } }>(
    `mutation($input: RegisterActivityInput!) { registerActivity(input: $input) { id } }`,
    { input: {
      campaign: year, organizerId, title, regionCode, category: 'JOINT_ACTION', jointAction: 'RURAL', contentAreas: ['TECH_VOLUNTEERING'],
      mode: 'OFFLINE', venueKind: 'COMMUNITY', address: '测试地址', startsAt, endsAt, expectedParticipants: 100,
    } }, admin);
  expect(result.errors).toBeUndefined();
  return result.data!.registerActivity.id;
}

async function registerVolunteer(name: string, regionCode: string, organizationId: string): Promise<string> {
  const result = await hub.query<{ registerVolunteer: { id: string } }>(
    `mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id } }`, { input: { name, regionCode, organizationId } }, admin);
  expect(result.errors).toBeUndefined();
  return result.data!.registerVolunteer.id;
}

async function createTeam(input: Record<string, unknown>): Promise<string> {
  const result = await hub.query<{ createVolunteerTeam: { id: string } }>(
    `mutation($input: CreateVolunteerTeamInput!) { createVolunteerTeam(input: $input) { id } }`, { input }, admin);
  expect(result.errors).toBeUndefined();
  return result.data!.createVolunteerTeam.id;
}

function recordService(input: Record<string, unknown>) {
  return hub.query(`mutation($input: RecordServiceInput!) { recordService(input: $input) { id } }`, { input }, admin);
}

beforeAll(async () => {
  hub = await startHub({ gateway: { limits: SWEEP_LIMITS } });
  admin = await hub.token({ role: 'admin', sub: 'stats-admin' });
  await setCampaignCalendar(hub, year, { registrationOpens: -10, registrationCloses: 10, infoCompletion: 20, summary: 30, recommendation: 40 });
});
afterAll(async () => {
  await hub?.close();
});

describe('volunteering rollups stay equal to a recount under random writes', () => {
  it('registerVolunteer, createVolunteerTeam, recordService in two campaigns', async () => {
    const rng = createRng(20200919);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)];
    const regions = ['420000', '420100', '420111', '110108', '440305', '430100'];
    const organizations = [ORG.hubei, ORG.wuhan, ORG.hubeiMuseum, ORG.physics, ORG.hunan];
    // Current-campaign activities across regions and organisers, and seeded 2020 ones (their own days).
    const activities: Array<{ id: string; days: string[] }> = [];
    const currentDays = [...new Set([chinaDate(startsAt), chinaDate(endsAt)])];
    for (const [index, [organizer, region]] of ([[ORG.hubei, '420111'], [ORG.wuhan, '420100'], [ORG.physics, '110108'], [ORG.hunan, '430100'],
      [ORG.hubeiMuseum, '440305']] as const).entries()) {
      activities.push({ id: await registerActivity(organizer, region, `志愿统计测试活动 ${index}`), days: currentDays });
    }
    const old: Array<{ id: string; starts_at: Date; ends_at: Date }> = await hub.subgraphs.activities.dataSource.query(
      `SELECT id, starts_at, ends_at FROM activities WHERE campaign_year = 2020 AND status IN ('REGISTERED', 'COMPLETED') ORDER BY id LIMIT 5`);
    for (const activity of old) {
      const days: string[] = [];
      for (let day = chinaDate(activity.starts_at); day <= chinaDate(activity.ends_at) && days.length < 3; day = addDays(day, 1)) days.push(day);
      activities.push({ id: activity.id, days });
    }
    // Some seeded volunteers (who already served in 2020) and the ones registered below.
    const volunteers: string[] = (await db().query('SELECT id FROM volunteers ORDER BY id LIMIT 4')).map((row: { id: string }) => row.id);
    const hubeiCorps: string[] = [];
    let writes = 0;
    for (let step = 0; step < 140; step += 1) {
      const roll = rng();
      if (roll < 0.2 || volunteers.length < 6) {
        volunteers.push(await registerVolunteer(`统计志愿者 ${step}`, pick(regions), pick(organizations)));
      } else if (roll < 0.3) {
        // A corps of any organisation, or a detachment of Hubei, Wuhan or the museum below a corps of Hubei's association.
        const parent = hubeiCorps.length > 0 && rng() < 0.5 ? pick(hubeiCorps) : null;
        const organizationId = parent ? pick([ORG.hubei, ORG.wuhan, ORG.hubeiMuseum]) : pick(organizations);
        const id = await createTeam({
          name: `统计测试队伍 ${step}`, level: parent ? 'DETACHMENT' : 'CORPS', organizationId, parentId: parent,
          regionCode: rng() < 0.5 ? pick(regions) : null,
        });
        if (!parent && organizationId === ORG.hubei) hubeiCorps.push(id);
      } else {
        const activity = pick(activities);
        const result = await recordService({
          volunteerId: pick(volunteers), activityId: activity.id, serviceDate: pick(activity.days),
          hours: pick([0.5, 1, 1.5, 2, 3, 4, 8]), serviceType: pick(SERVICE_TYPES),
        });
        // The same volunteer, activity and day twice; or more than 24 hours on one day.
        if (result.errors) expect(['CONFLICT', 'BAD_USER_INPUT']).toContain(errorOf(result).code);
      }
      writes += 1;
    }
    expect(writes).toBe(140);
    // Writes at once that move the same rollup rows (nation, Hubei, Wuhan, the organisers' paths):
    // they write only their own rows and queue them; the applier folds them together.
    const burst = await Promise.all([
      ...volunteers.slice(-8).map((volunteerId, index) => recordService({
        volunteerId, activityId: activities[index % 2].id, serviceDate: currentDays[0], hours: 0.5, serviceType: 'CONSULTING',
      })),
      ...[0, 1, 2, 3].map((index) => hub.query(`mutation($input: RegisterVolunteerInput!) { registerVolunteer(input: $input) { id } }`,
        { input: { name: `并发统计志愿者 ${index}`, regionCode: '420111', organizationId: ORG.wuhan } }, admin)),
    ]);
    for (const result of burst) if (result.errors) expect(['CONFLICT', 'BAD_USER_INPUT']).toContain(errorOf(result).code);
    expect(burst.filter((result) => !result.errors).length).toBeGreaterThan(6);
    // The writes reached both campaigns, and some volunteer served in both (the all-campaigns bucket counts it once).
    const [coverage] = await db().query(`
      SELECT count(*) FILTER (WHERE created_by IS NOT NULL AND campaign_year = $1)::int AS current,
             count(*) FILTER (WHERE created_by IS NOT NULL AND campaign_year = 2020)::int AS old,
             (SELECT count(*)::int FROM (SELECT volunteer_id FROM service_records GROUP BY volunteer_id HAVING count(DISTINCT campaign_year) > 1) x) AS both
        FROM service_records`, [year]);
    expect(coverage.current).toBeGreaterThan(20);
    expect(coverage.old).toBeGreaterThan(10);
    expect(coverage.both).toBeGreaterThan(0);

    await hub.settle();
    const result = await compareWithRecount(db(), [
      { live: 'volunteer_stats', scratch: 'recount_stats', numbers: ['volunteers', 'teams', 'active_volunteers', 'service_records', 'service_hours'] },
      { live: 'volunteer_active', scratch: 'recount_active', numbers: [] },
      { live: 'volunteer_daily', scratch: 'recount_daily', numbers: ['service_records', 'service_hours'] },
    ], (manager) => recountVolunteerStats(manager, { stats: 'recount_stats', active: 'recount_active', daily: 'recount_daily' }));
    expect(result).toEqual({
      volunteer_stats: { missing: [], extra: [] }, volunteer_active: { missing: [], extra: [] }, volunteer_daily: { missing: [], extra: [] },
    });
  });
});

/** Figures of one scope straight from the raw rows, for comparing with what the API answers. */
async function rawFigures(campaign: number | null, where: { volunteers: string; teams: string; records: string }, params: unknown[]): Promise<Stats> {
  const records = `SELECT * FROM service_records r WHERE ${where.records} AND ($${params.length + 1}::int IS NULL OR r.campaign_year = $${params.length + 1})`;
  const [row] = await db().query(`
    SELECT (SELECT count(*)::int FROM volunteers v WHERE ${where.volunteers}) AS "volunteerCount",
           (SELECT count(DISTINCT volunteer_id)::int FROM (${records}) x) AS "activeVolunteerCount",
           (SELECT count(*)::int FROM volunteer_teams t WHERE ${where.teams}) AS "teamCount",
           (SELECT coalesce(sum(hours), 0)::float8 FROM (${records}) x) AS "serviceHours",
           (SELECT count(*)::int FROM (${records}) x) AS "serviceRecordCount",
           (SELECT json_agg(json_build_object('serviceType', s, 'serviceHours', coalesce(h, 0), 'serviceRecordCount', coalesce(n, 0)) ORDER BY o)
              FROM unnest($${params.length + 2}::text[]) WITH ORDINALITY AS k(s, o)
              LEFT JOIN (SELECT service_type, sum(hours)::float8 AS h, count(*)::int AS n FROM (${records}) x GROUP BY service_type) g ON g.service_type = k.s)
             AS "byServiceType",
           (SELECT json_agg(json_build_object('level', l, 'teamCount', (SELECT count(*)::int FROM volunteer_teams t WHERE ${where.teams} AND t.level = l)) ORDER BY o)
              FROM unnest(ARRAY['CORPS', 'DETACHMENT', 'BRIGADE', 'SQUAD']) WITH ORDINALITY AS k(l, o)) AS "byTeamLevel"`,
  [...params, campaign, [...SERVICE_TYPES]]);
  return row;
}

const regionWhere = {
  volunteers: 'v.region_code LIKE $1', teams: 't.region_code LIKE $1', records: 'r.region_code LIKE $1',
};

describe('reading the statistics', () => {
  it('answers the national dashboard with one statement for every province, equal to counts of the raw rows', async () => {
    const before = hub.subgraphs.volunteering.statements.count;
    const result = await hub.query<{ regions: Array<{ code: string; volunteerStats: Stats }> }>(
      `{ regions(level: PROVINCE) { code volunteerStats(campaign: 2020) { ${STATS_FIELDS} } } }`);
    expect(result.errors).toBeUndefined();
    expect(hub.subgraphs.volunteering.statements.count - before).toBe(1);
    const regions = result.data!.regions;
    expect(regions.length).toBeGreaterThanOrEqual(31);
    expect(regions.filter((region) => region.volunteerStats.serviceRecordCount > 0).length).toBeGreaterThan(5);
    for (const region of regions) {
      expect({ code: region.code, ...region.volunteerStats }).toEqual({ code: region.code, ...(await rawFigures(2020, regionWhere, [`${region.code.slice(0, 2)}%`])) });
    }
  });

  it('answers every campaign, a region for all campaigns, organisations with or without subordinates, and the daily series', async () => {
    const result = await hub.query<{
      campaigns: Array<{ year: number; volunteerStats: Stats; volunteerDaily: Array<{ day: string; serviceHours: number; serviceRecordCount: number }> }>;
      region: { volunteerStats: Stats; volunteerDaily: Array<{ day: string; serviceHours: number; serviceRecordCount: number }> };
      organization: { own: Stats; all: Stats; current: Stats };
    }>(`query($org: ID!, $year: Int!) {
      campaigns { year volunteerStats { ${STATS_FIELDS} } volunteerDaily { day serviceHours serviceRecordCount } }
      region(code: "420000") { volunteerStats { ${STATS_FIELDS} } volunteerDaily(campaign: 2020) { day serviceHours serviceRecordCount } }
      organization(id: $org) {
        own: volunteerStats { ${STATS_FIELDS} }
        all: volunteerStats(includeSubordinates: true) { ${STATS_FIELDS} }
        current: volunteerStats(campaign: $year, includeSubordinates: true) { ${STATS_FIELDS} }
      }
    }`, { org: ORG.hubei, year });
    expect(result.errors).toBeUndefined();
    const { campaigns, region, organization } = result.data!;
    expect(campaigns.map((campaign) => campaign.year)).toEqual(expect.arrayContaining([2020, year]));
    for (const campaign of campaigns) {
      expect(campaign.volunteerStats).toEqual(await rawFigures(campaign.year, { volunteers: 'true', teams: 'true', records: 'true' }, []));
      const days = await db().query(`SELECT to_char(service_date, 'YYYY-MM-DD') AS day, sum(hours)::float8 AS "serviceHours", count(*)::int AS "serviceRecordCount"
        FROM service_records WHERE campaign_year = $1 GROUP BY 1 ORDER BY 1`, [campaign.year]);
      expect(campaign.volunteerDaily).toEqual(days);
    }
    // All campaigns together: distinct volunteers over every campaign, not a sum of each campaign's.
    expect(region.volunteerStats).toEqual(await rawFigures(null, regionWhere, ['42%']));
    const days = await db().query(`SELECT to_char(service_date, 'YYYY-MM-DD') AS day, sum(hours)::float8 AS "serviceHours", count(*)::int AS "serviceRecordCount"
      FROM service_records WHERE campaign_year = 2020 AND region_code LIKE '42%' GROUP BY 1 ORDER BY 1`);
    expect(region.volunteerDaily).toEqual(days);
    // Volunteers and teams by their organisation; service by the activity's organiser (the path stored on the record).
    expect(organization.own).toEqual(await rawFigures(null, {
      volunteers: 'v.organization_id = $1', teams: 't.organization_id = $1', records: 'r.organizer_path[cardinality(r.organizer_path)] = $1',
    }, [ORG.hubei]));
    const below = { volunteers: 'v.organization_path @> ARRAY[$1::uuid]', teams: 't.organization_path @> ARRAY[$1::uuid]', records: 'r.organizer_path @> ARRAY[$1::uuid]' };
    expect(organization.all).toEqual(await rawFigures(null, below, [ORG.hubei]));
    expect(organization.current).toEqual(await rawFigures(year, below, [ORG.hubei]));
    expect(organization.all.volunteerCount).toBeGreaterThan(organization.own.volunteerCount);
  });

  it('counts a county\'s volunteers, teams and service in its city and province, and nowhere else', async () => {
    const scopes = ['420000', '420100', '420111', '440305', '430000'];
    const read = async () => {
      await hub.settle();
      const result = await hub.query<Record<string, Stats> & { wuhan: Stats; wuhanOwn: Stats; hubeiOwn: Stats; hubei: Stats }>(`query($org: ID!, $hubei: ID!, $year: Int!) {
        ${scopes.map((code) => `r${code}: region(code: "${code}") { volunteerStats(campaign: $year) { ${STATS_FIELDS} } }`).join('\n')}
        wuhanOwn: organization(id: $org) { volunteerStats(campaign: $year) { ${STATS_FIELDS} } }
        hubeiOwn: organization(id: $hubei) { volunteerStats(campaign: $year) { ${STATS_FIELDS} } }
        hubei: organization(id: $hubei) { volunteerStats(campaign: $year, includeSubordinates: true) { ${STATS_FIELDS} } }
      }`, { org: ORG.wuhan, hubei: ORG.hubei, year });
      expect(result.errors).toBeUndefined();
      return Object.fromEntries(Object.entries(result.data!).map(([key, value]) => [key, (value as unknown as { volunteerStats: Stats }).volunteerStats]));
    };
    const before = await read();
    const activity = await registerActivity(ORG.wuhan, '420111', '洪山区志愿统计测试');
    const volunteer = await registerVolunteer('统计县级志愿者', '420111', ORG.wuhan);
    await createTeam({ name: '武汉市统计测试总队', level: 'CORPS', organizationId: ORG.wuhan, regionCode: '420100' });
    expect((await recordService({ volunteerId: volunteer, activityId: activity, serviceDate: chinaDate(startsAt), hours: 2.5, serviceType: 'HEALTH_CLINIC' })).errors).toBeUndefined();
    const after = await read();
    const delta = (key: string) => ({
      volunteers: after[key].volunteerCount - before[key].volunteerCount,
      teams: after[key].teamCount - before[key].teamCount,
      active: after[key].activeVolunteerCount - before[key].activeVolunteerCount,
      hours: after[key].serviceHours - before[key].serviceHours,
      records: after[key].serviceRecordCount - before[key].serviceRecordCount,
      clinic: after[key].byServiceType.find((row) => row.serviceType === 'HEALTH_CLINIC')!.serviceHours
        - before[key].byServiceType.find((row) => row.serviceType === 'HEALTH_CLINIC')!.serviceHours,
    });
    const all = { volunteers: 1, teams: 1, active: 1, hours: 2.5, records: 1, clinic: 2.5 };
    const nothing = { volunteers: 0, teams: 0, active: 0, hours: 0, records: 0, clinic: 0 };
    expect(delta('r420000')).toEqual(all); // the province: its city and county
    expect(delta('r420100')).toEqual(all); // the city: its county, and the city's own team
    expect(delta('r420111')).toEqual({ ...all, teams: 0 }); // the county: not the city's team
    expect(delta('r440305')).toEqual(nothing); // a county elsewhere
    expect(delta('r430000')).toEqual(nothing); // another province
    expect(delta('wuhanOwn')).toEqual(all);
    expect(delta('hubei')).toEqual(all); // everything below Hubei's association
    expect(delta('hubeiOwn')).toEqual(nothing);
    // A second record of the same volunteer in the same scopes adds hours, not another active volunteer.
    const second = await registerActivity(ORG.wuhan, '420111', '洪山区志愿统计测试二');
    expect((await recordService({ volunteerId: volunteer, activityId: second, serviceDate: chinaDate(startsAt), hours: 1, serviceType: 'PUBLICITY' })).errors).toBeUndefined();
    const again = await read();
    for (const key of ['r420000', 'r420100', 'r420111', 'wuhanOwn', 'hubei']) {
      expect([again[key].activeVolunteerCount, again[key].serviceHours]).toEqual([after[key].activeVolunteerCount, after[key].serviceHours + 1]);
    }
  });

  it('refuses a campaign that is not a year', async () => {
    const result = await hub.query(`{ region(code: "420000") { volunteerStats(campaign: 0) { volunteerCount } } }`);
    expect(errorOf(result)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'campaign' });
  });
});
