import type { EntityManager } from 'typeorm';
import { insertRows, nameUuid } from '@kepuri/platform';
import { cityAssociationName, orgId, organizationPaths, provincialAssociationName, scienceMuseumName, sampleSet } from '@kepuri/seed';
import { recountVolunteerStats } from '../stats/volunteer-stats.recount';
import type { TeamLevel } from '../team/team-level.enum';

interface TeamSeed {
  id: string;
  name: string;
  level: TeamLevel;
  organizationId: string;
  regionCode: string;
  parentId: string | null;
}

/** A few teams: the full 总队 → 支队 → 大队 → 分队 chain in Hubei, two levels in Guangdong, one national society's corps. */
export function sampleTeams(): TeamSeed[] {
  const team = (name: string, level: TeamLevel, organizationId: string, regionCode: string, parent?: TeamSeed): TeamSeed =>
    ({ id: nameUuid(`team:${name}`), name, level, organizationId, regionCode, parentId: parent?.id ?? null });
  const hubei = orgId(provincialAssociationName('湖北省'));
  const wuhan = orgId(cityAssociationName('武汉市'));
  const guangdong = orgId(provincialAssociationName('广东省'));
  const hubeiCorps = team('湖北省科技志愿服务总队', 'CORPS', hubei, '420000');
  const wuhanDetachment = team('武汉市科技志愿服务支队', 'DETACHMENT', wuhan, '420100', hubeiCorps);
  const museumDetachment = team('湖北科学技术馆科技志愿服务支队', 'DETACHMENT', orgId(scienceMuseumName('湖北')), '420000', hubeiCorps);
  const hongshanBrigade = team('洪山区科技志愿服务大队', 'BRIGADE', wuhan, '420111', wuhanDetachment);
  const youthSquad = team('洪山区青少年科普分队', 'SQUAD', wuhan, '420111', hongshanBrigade);
  const guangdongCorps = team('广东省科技志愿服务总队', 'CORPS', guangdong, '440000');
  const shenzhenDetachment = team('深圳市科技志愿服务支队', 'DETACHMENT', orgId(cityAssociationName('深圳市')), '440300', guangdongCorps);
  const medicalCorps = team('中华医学会科技志愿服务总队', 'CORPS', orgId('中华医学会'), '110000');
  return [hubeiCorps, wuhanDetachment, museumDetachment, hongshanBrigade, youthSquad, guangdongCorps, shenzhenDetachment, medicalCorps];
}

/**
 * Seeds sample volunteers (with their organisation's path, some in teams), teams, and service
 * records against the sample activities, each with the organiser's path, the activity's region and
 * campaign, the per-activity totals, and the dashboard rollups recounted from those rows.
 */
export async function seedVolunteering(manager: EntityManager, now: Date): Promise<void> {
  const { volunteers, serviceRecords, activities } = sampleSet(now);
  const paths = organizationPaths();
  const teams = sampleTeams();
  await insertRows(manager, 'volunteer_teams', ['id', 'name', 'level', 'organization_id', 'organization_path', 'region_code', 'parent_id'],
    teams.map((t) => [t.id, t.name, t.level, t.organizationId, paths.get(t.organizationId), t.regionCode, t.parentId]));

  // A volunteer may join a team of its organisation or of one below it: cycle each organisation's
  // volunteers through those teams, leaving every few without a team.
  const teamsBelow = (organizationId: string) => teams.filter((t) => paths.get(t.organizationId)!.includes(organizationId));
  const seen = new Map<string, number>();
  const teamOf = (organizationId: string): string | null => {
    const candidates = teamsBelow(organizationId);
    const index = seen.get(organizationId) ?? 0;
    seen.set(organizationId, index + 1);
    return index % (candidates.length + 1) < candidates.length ? candidates[index % (candidates.length + 1)].id : null;
  };
  await insertRows(manager, 'volunteers', ['id', 'name', 'region_code', 'organization_id', 'organization_path', 'team_id', 'skills'],
    volunteers.map((v) => [v.id, v.name, v.regionCode, v.organizationId, paths.get(v.organizationId), teamOf(v.organizationId), v.skills]));

  const activityById = new Map(activities.map((activity) => [activity.id, activity]));
  await insertRows(manager, 'service_records',
    ['id', 'volunteer_id', 'activity_id', 'service_date', 'hours', 'service_type', 'organizer_path', 'region_code', 'campaign_year'],
    serviceRecords.map((r) => {
      const activity = activityById.get(r.activityId)!;
      return [r.id, r.volunteerId, r.activityId, r.serviceDate, r.hours, r.serviceType,
        paths.get(activity.organizerId) ?? [activity.organizerId], activity.regionCode, activity.campaignYear];
    }));
  await manager.query(`
    INSERT INTO activity_service_totals AS t (activity_id, volunteer_count, service_hours)
    SELECT activity_id, count(DISTINCT volunteer_id), sum(hours) FROM service_records GROUP BY activity_id
    ON CONFLICT (activity_id) DO UPDATE SET volunteer_count = EXCLUDED.volunteer_count, service_hours = EXCLUDED.service_hours`);
  await recountVolunteerStats(manager);
}
