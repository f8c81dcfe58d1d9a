import type { ServiceType } from '@kepuri/domain';
import { VOLUNTEER_STATS_TABLES, recountVolunteerStats } from '../../../subgraphs/volunteering/src/stats/volunteer-stats.recount';
import { DAY_MS, nameUuid } from '@kepuri/platform';
import { PROVINCES } from '@kepuri/seed';
import { array, NULL, text, timestamp } from './copy';
import type { DatabaseLoad } from './load';
import { MODE, isoDate, chinaDayNumber, jointActionOf, type World } from './plan';
import { between, createRng, fastUuid, pick } from './random';
import type { TableShape } from './schema';
import { SKILLS, personName } from './vocabulary';

/**
 * The volunteering database: teams in four levels under the associations, volunteers in province
 * blocks (each with its organisation's path and maybe a team), service records at activities with
 * an offline part, the per-activity totals derived from them, and the subgraph's dashboard rollups.
 */

export const VOLUNTEER_TEAMS: TableShape = {
  table: 'volunteer_teams',
  columns: ['id', 'name', 'level', 'parent_id', 'organization_id', 'organization_path', 'region_code', 'created_by', 'created_at'],
};
export const VOLUNTEERS: TableShape = {
  table: 'volunteers',
  columns: ['id', 'name', 'region_code', 'organization_id', 'organization_path', 'team_id', 'skills', 'created_by', 'created_at'],
};
export const SERVICE_RECORDS: TableShape = {
  table: 'service_records',
  columns: ['id', 'volunteer_id', 'activity_id', 'service_date', 'hours', 'service_type', 'organizer_path', 'region_code',
    'campaign_year', 'created_by', 'created_at'],
};
/** Derived in SQL from service_records. */
export const ACTIVITY_SERVICE_TOTALS: TableShape = { table: 'activity_service_totals', columns: ['activity_id', 'volunteer_count', 'service_hours'] };
export const VOLUNTEERING_TABLES = [VOLUNTEER_TEAMS, VOLUNTEERS, SERVICE_RECORDS, ACTIVITY_SERVICE_TOTALS];

interface TeamPlan {
  id: string;
  name: string;
  level: 'CORPS' | 'DETACHMENT' | 'BRIGADE' | 'SQUAD';
  parent: number;
  organization: number;
  regionCode: string;
}

/** 总队 per provincial association and some national societies, 支队 per city (or municipal district), 大队 per county, 分队 below. */
export function planTeams(world: World): { teams: TeamPlan[]; byOrganization: Map<number, number[]> } {
  const teams: TeamPlan[] = [];
  const byOrganization = new Map<number, number[]>();
  const add = (name: string, level: TeamPlan['level'], organization: number, regionCode: string, parent = -1): number => {
    const index = teams.length;
    teams.push({ id: nameUuid(`team:${world.organizations[organization].id}:${name}`), name, level, parent, organization, regionCode });
    byOrganization.set(organization, [...(byOrganization.get(organization) ?? []), index]);
    return index;
  };
  const regionsByParent = new Map<string, typeof world.regions>();
  for (const region of world.regions) {
    if (region.parentCode) regionsByParent.set(region.parentCode, [...(regionsByParent.get(region.parentCode) ?? []), region]);
  }
  for (const [code, name] of PROVINCES) {
    const corps = add(`${name}科技志愿服务总队`, 'CORPS', world.byRegion.get(code)!.association, code);
    for (const child of regionsByParent.get(code) ?? []) {
      const detachment = add(`${child.name}科技志愿服务支队`, 'DETACHMENT', world.byRegion.get(child.code)!.association, child.code, corps);
      for (const county of regionsByParent.get(child.code) ?? []) {
        const local = world.byRegion.get(county.code)!;
        const brigade = add(`${county.name}科技志愿服务大队`, 'BRIGADE', local.association, county.code, detachment);
        add(`${county.name}青少年科普分队`, 'SQUAD', local.association, county.code, brigade);
        if (local.units.length > 0) {
          add(`${world.organizations[local.units[0]].name}科技志愿服务分队`, 'SQUAD', local.units[0], county.code, brigade);
        }
      }
    }
  }
  world.nationalSocieties.forEach((society, n) => {
    if (n % 3 === 0) add(`${world.organizations[society].name}科技志愿服务总队`, 'CORPS', society, '110000');
  });
  return { teams, byOrganization };
}

const TEAMS_FROM = Date.parse('2019-01-01T00:00:00+08:00');
const VOLUNTEERS_UNTIL = Date.parse('2020-08-31T00:00:00+08:00');

function* volunteerLines(world: World, teams: TeamPlan[], byOrganization: Map<number, number[]>): Generator<string> {
  const rng = createRng(2260_0301);
  const countiesOf = new Map<string, string[]>();
  const citiesOf = new Map<string, string[]>();
  for (const region of world.regions) {
    const province = `${region.code.slice(0, 2)}0000`;
    if (region.level === 'COUNTY') countiesOf.set(province, [...(countiesOf.get(province) ?? []), region.code]);
    if (region.level === 'CITY') citiesOf.set(province, [...(citiesOf.get(province) ?? []), region.code]);
  }
  const candidateTeams = (organization: number, regionCode: string): number[] => {
    const own = byOrganization.get(organization) ?? [];
    const local = world.byRegion.get(regionCode);
    // An association's volunteers may also join the teams of the units below it in its region.
    return local && local.association === organization ? [...own, ...local.units.flatMap((unit) => byOrganization.get(unit) ?? [])] : own;
  };
  for (let p = 0; p < PROVINCES.length; p += 1) {
    const provinceCode = PROVINCES[p][0];
    const counties = countiesOf.get(provinceCode) ?? [];
    const cities = citiesOf.get(provinceCode) ?? [];
    for (let v = world.volunteerStart[p]; v < world.volunteerStart[p + 1]; v += 1) {
      const roll = rng();
      const regionCode = roll < 0.08 || counties.length === 0 ? provinceCode : roll < 0.3 && cities.length > 0 ? pick(rng, cities) : pick(rng, counties);
      const local = world.byRegion.get(regionCode)!;
      const organization = local.units.length > 0 && rng() < 0.4 ? pick(rng, local.units) : local.association;
      const teamsHere = candidateTeams(organization, regionCode);
      const team = teamsHere.length > 0 && rng() < 0.7 ? teams[pick(rng, teamsHere)].id : NULL;
      const skills = new Set([pick(rng, SKILLS)]);
      while (rng() < 0.35 && skills.size < 3) skills.add(pick(rng, SKILLS));
      yield `${fastUuid(0x701, v)}\t${personName(rng)}\t${regionCode}\t${world.organizations[organization].id}\t${world.pathText[organization]}\t${team}\t${
        array([...skills])}\t\\N\t${timestamp(TEAMS_FROM + Math.floor(rng() * (VOLUNTEERS_UNTIL - TEAMS_FROM)))}\n`;
    }
  }
}

const SERVICE_FOR: Partial<Record<string, readonly ServiceType[]>> = {
  HEALTH: ['HEALTH_CLINIC', 'CONSULTING', 'PSYCHOLOGICAL_COUNSELING', 'PUBLICITY'],
  RURAL: ['TECH_GUIDANCE', 'RESULT_MATCHING', 'CONSULTING'],
  PUBLIC_SAFETY: ['EMERGENCY_PREPAREDNESS', 'PUBLICITY'],
  RESEARCH_TEAM: ['RESULT_MATCHING', 'PUBLICITY', 'CONSULTING'],
};

/**
 * Service records: each province's volunteers are taken in turn (a cursor walks the province's
 * block), so a volunteer serves at most ⌈records/volunteers⌉ times in the province and, with hours
 * capped at 24 divided by that, never more than 24 hours on one day; one record per volunteer,
 * activity and day because an activity never takes the same volunteer twice.
 */
function* serviceRecordLines(world: World): Generator<string> {
  const plan = world.activities;
  const rng = createRng(2260_0302);
  const provinces = PROVINCES.length;
  const recordsIn = new Float64Array(provinces);
  for (let i = 0; i < plan.count; i += 1) recordsIn[world.regions[plan.region[i]].province] += plan.serviceRecords[i];
  const cursor = new Float64Array(provinces);
  const hoursCap = Array.from({ length: provinces }, (_, p) => {
    const size = world.volunteerStart[p + 1] - world.volunteerStart[p];
    return size === 0 ? 0 : Math.min(8, Math.floor(24 / Math.max(1, Math.ceil(recordsIn[p] / size))));
  });
  let row = 0;
  for (let i = 0; i < plan.count; i += 1) {
    const s = plan.serviceRecords[i];
    if (s === 0) continue;
    const region = world.regions[plan.region[i]];
    const p = region.province;
    const start = world.volunteerStart[p];
    const size = world.volunteerStart[p + 1] - start;
    const action = jointActionOf(plan, i);
    const types = (action && SERVICE_FOR[action]) || ['PUBLICITY', 'CONSULTING', 'TECH_GUIDANCE'];
    const date = isoDate(chinaDayNumber(plan.startsAt[i]));
    const fixed = `\t${plan.ids[i]}\t${date}\t`;
    const tail = `\t${world.pathText[plan.organizer[i]]}\t${region.code}\t${world.campaigns[plan.campaign[i]].year}\t\\N\t`;
    const recordedBy = Math.min(plan.endsAt[i] + 2 * DAY_MS, world.cutoff - 60_000);
    for (let j = 0; j < s; j += 1) {
      const volunteer = start + ((cursor[p] + j) % size);
      const hours = between(rng, 2, 2 * hoursCap[p]) / 2;
      const type = plan.mode[i] === MODE.HYBRID && rng() < 0.15 ? 'ONLINE_INTERACTION' : pick(rng, types);
      const createdAt = Math.max(plan.startsAt[i], plan.endsAt[i] + rng() * (recordedBy - plan.endsAt[i]));
      yield `${fastUuid(0x5e7, row++)}\t${fastUuid(0x701, volunteer)}${fixed}${hours.toFixed(1)}\t${type}${tail}${timestamp(createdAt)}\n`;
    }
    cursor[p] = (cursor[p] + s) % size;
  }
}

export async function loadVolunteering(load: DatabaseLoad): Promise<void> {
  const { world } = load;
  const plan = world.activities;
  const { teams, byOrganization } = planTeams(world);
  const rng = createRng(2260_0303);
  // Parents come before children, so the team hierarchy's foreign key holds row by row.
  await load.copy(VOLUNTEER_TEAMS, teams.length, teams.map((team) => [team.id, text(team.name), team.level,
    team.parent >= 0 ? teams[team.parent].id : NULL, world.organizations[team.organization].id, world.pathText[team.organization],
    team.regionCode, NULL, timestamp(TEAMS_FROM + Math.floor(rng() * 200) * DAY_MS)].join('\t') + '\n'));
  const deferred = await load.deferIndexes(['volunteers', 'service_records', 'activity_service_totals', ...Object.values(VOLUNTEER_STATS_TABLES)]);
  await load.copy(VOLUNTEERS, world.spec.volunteers, volunteerLines(world, teams, byOrganization));
  await load.copy(SERVICE_RECORDS, plan.serviceRecords.reduce((sum, n) => sum + n, 0), serviceRecordLines(world));
  await deferred.rebuild('volunteers');
  await deferred.rebuild('service_records');
  // The totals recordService keeps, computed from the raw rows in one statement.
  load.timing('activity_service_totals').rows = await load.derive('activity_service_totals', 'activity_service_totals from service_records', `
    INSERT INTO activity_service_totals (activity_id, volunteer_count, service_hours)
    SELECT activity_id, count(DISTINCT volunteer_id), sum(hours) FROM service_records GROUP BY activity_id`);
  await deferred.rebuild('activity_service_totals');
  // The dashboard rollups, from the raw rows by the subgraph's own recount (one statement per table).
  const started = Date.now();
  await recountVolunteerStats(load.client);
  const elapsed = Date.now() - started;
  for (const table of Object.values(VOLUNTEER_STATS_TABLES)) {
    load.timing(table).rows = Number((await load.client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  }
  load.timing(VOLUNTEER_STATS_TABLES.stats).derivedMs = elapsed;
  load.progress.log(`  volunteering: ${Object.values(VOLUNTEER_STATS_TABLES).join(', ')} recounted in ${(elapsed / 1000).toFixed(1)} s`);
  for (const table of Object.values(VOLUNTEER_STATS_TABLES)) await deferred.rebuild(table);
  if (deferred.remaining() > 0) throw new Error('volunteering: some indexes were not rebuilt');
  await load.markSeeded(world.spec.name);
}
