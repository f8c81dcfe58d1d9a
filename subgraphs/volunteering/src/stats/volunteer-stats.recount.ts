import type { SqlRunner } from '@kepuri/platform';
import { organizationScopesSql, regionScopesSql } from '@kepuri/domain';

export interface VolunteerStatsTables {
  stats: string;
  active: string;
  daily: string;
}

export const VOLUNTEER_STATS_TABLES: Readonly<VolunteerStatsTables> = { stats: 'volunteer_stats', active: 'volunteer_active', daily: 'volunteer_daily' };

/** The scopes a service record counts in (the activity's region and organiser path stored on it), one row each. */
const SCOPED_RECORDS = `
  SELECT r.volunteer_id, r.hours, r.service_type, r.campaign_year, r.service_date, s.scope FROM service_records r
  CROSS JOIN LATERAL (
    SELECT DISTINCT unnest(${regionScopesSql('r.region_code')}
      || ${organizationScopesSql('r.organizer_path[cardinality(r.organizer_path)]', 'r.organizer_path')}) AS scope
  ) s`;

/**
 * The rollups computed from scratch in SQL, independently of the incremental TypeScript
 * (`volunteer-stats.rows.ts`): the seeds load raw rows and call this once (the large seed too,
 * with its pg client: one statement per table); the property test recounts into scratch tables
 * and compares. Campaign year 0 is the bucket of all campaigns together.
 */
export async function recountVolunteerStats(manager: SqlRunner, tables: VolunteerStatsTables = VOLUNTEER_STATS_TABLES): Promise<void> {
  await manager.query(`DELETE FROM ${tables.stats}`);
  await manager.query(`DELETE FROM ${tables.active}`);
  await manager.query(`DELETE FROM ${tables.daily}`);
  await manager.query(`
    WITH registry AS (
      SELECT 'volunteer' AS kind, region_code, organization_id, organization_path, NULL::varchar AS level FROM volunteers
      UNION ALL
      SELECT 'team', region_code, organization_id, organization_path, level FROM volunteer_teams
    ), scoped_registry AS (
      SELECT g.kind, g.level, s.scope FROM registry g
      CROSS JOIN LATERAL (
        SELECT DISTINCT unnest(${regionScopesSql('g.region_code')} || ${organizationScopesSql('g.organization_id', 'g.organization_path')}) AS scope
      ) s
    ), scoped_records AS (${SCOPED_RECORDS}
    ), bucketed AS (
      SELECT x.*, y.year FROM scoped_records x CROSS JOIN LATERAL unnest(array_remove(ARRAY[x.campaign_year, 0], NULL)) AS y(year)
    ), facts AS (
      SELECT scope, 0 AS year, 'all' AS dimension, '' AS key, count(*) FILTER (WHERE kind = 'volunteer') AS volunteers,
             count(*) FILTER (WHERE kind = 'team') AS teams, 0 AS active, 0 AS records, 0 AS hours
        FROM scoped_registry GROUP BY scope
      UNION ALL
      SELECT scope, 0, 'teamLevel', level, 0, count(*), 0, 0, 0 FROM scoped_registry WHERE kind = 'team' GROUP BY scope, level
      UNION ALL
      SELECT scope, year, 'all', '', 0, 0, count(DISTINCT volunteer_id), count(*), sum(hours) FROM bucketed GROUP BY scope, year
      UNION ALL
      SELECT scope, year, 'serviceType', service_type, 0, 0, 0, count(*), sum(hours) FROM bucketed GROUP BY scope, year, service_type
    )
    INSERT INTO ${tables.stats} (scope, campaign_year, dimension, key, volunteers, teams, active_volunteers, service_records, service_hours)
    SELECT scope, year, dimension, key, sum(volunteers), sum(teams), sum(active), sum(records), sum(hours) FROM facts GROUP BY 1, 2, 3, 4`);
  await manager.query(`
    INSERT INTO ${tables.active} (scope, campaign_year, volunteer_id)
    SELECT DISTINCT x.scope, y.year, x.volunteer_id FROM (${SCOPED_RECORDS}) x
     CROSS JOIN LATERAL unnest(array_remove(ARRAY[x.campaign_year, 0], NULL)) AS y(year)`);
  await manager.query(`
    INSERT INTO ${tables.daily} (scope, campaign_year, day, service_records, service_hours)
    SELECT s.scope, r.campaign_year, r.service_date, count(*), sum(r.hours) FROM service_records r
     CROSS JOIN LATERAL (SELECT DISTINCT unnest(${regionScopesSql('r.region_code')}) AS scope) s
     WHERE r.campaign_year IS NOT NULL
     GROUP BY 1, 2, 3`);
}
