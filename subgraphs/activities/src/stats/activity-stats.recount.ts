import { chinaDateSql, type SqlRunner } from '@kepuri/platform';
import { organizationScopesSql, regionScopesSql } from '@kepuri/domain';

export interface ActivityStatsTables {
  stats: string;
  daily: string;
  /** Each activity's check-in count (and what the top lists filter on). */
  counts: string;
}

export const ACTIVITY_STATS_TABLES: Readonly<ActivityStatsTables> = { stats: 'activity_stats', daily: 'activity_daily', counts: 'activity_check_in_counts' };

/**
 * The rollups computed from scratch in SQL, independently of the incremental TypeScript and of the
 * applier (check-ins are counted from check_ins, not from the maintained per-activity count):
 * seeds load raw rows and call this once; the property test recounts into scratch tables and
 * compares. Check-ins still queued for the applier are counted too: compare once it has drained.
 */
export async function recountActivityStats(manager: SqlRunner, tables: ActivityStatsTables = ACTIVITY_STATS_TABLES): Promise<void> {
  await manager.query(`DELETE FROM ${tables.stats}`);
  await manager.query(`DELETE FROM ${tables.daily}`);
  await manager.query(`DELETE FROM ${tables.counts}`);
  await manager.query(`
    INSERT INTO ${tables.counts} (activity_id, campaign_year, province_code, counted, check_in_count)
    SELECT a.id, a.campaign_year, a.province_code, a.status IN ('REGISTERED', 'COMPLETED'), coalesce(c.n, 0) FROM activities a
      LEFT JOIN (SELECT activity_id, count(*) AS n FROM check_ins GROUP BY activity_id) c ON c.activity_id = a.id`);
  await manager.query(`
    WITH counted AS (
      SELECT a.*, coalesce(c.n, 0) AS check_ins FROM activities a
        LEFT JOIN (SELECT activity_id, count(*) AS n FROM check_ins GROUP BY activity_id) c ON c.activity_id = a.id
       WHERE a.status IN ('REGISTERED', 'COMPLETED')
    ), scoped AS (
      SELECT a.*, s.scope FROM counted a
      CROSS JOIN LATERAL (
        SELECT DISTINCT unnest(${regionScopesSql('a.region_code')} || ${organizationScopesSql('a.organizer_id', 'a.organizer_path')}) AS scope
      ) s
    ), facts AS (
      SELECT campaign_year, scope, 'all' AS dimension, '' AS key, expected_participants AS e, coalesce(actual_participants, 0) AS act,
             coalesce(actual_participants, expected_participants) AS p, check_ins AS c, coalesce(online_views, 0) AS v FROM scoped
      UNION ALL SELECT campaign_year, scope, 'category', category, 0, 0, 0, 0, 0 FROM scoped
      UNION ALL SELECT campaign_year, scope, 'jointAction', joint_action, 0, 0, 0, 0, 0 FROM scoped WHERE joint_action IS NOT NULL
      UNION ALL SELECT campaign_year, scope, 'contentArea', unnest(content_areas), 0, 0, 0, 0, 0 FROM scoped
      UNION ALL SELECT campaign_year, scope, 'mode', mode, 0, 0, 0, 0, 0 FROM scoped
      UNION ALL SELECT campaign_year, scope, 'status', status, 0, 0, 0, 0, 0 FROM scoped
    )
    INSERT INTO ${tables.stats} (campaign_year, scope, dimension, key, activities, expected_participants, actual_participants, participants, check_ins, online_views)
    SELECT campaign_year, scope, dimension, key, count(*), sum(e), sum(act), sum(p), sum(c), sum(v) FROM facts GROUP BY 1, 2, 3, 4`);
  await manager.query(`
    WITH counted AS (
      SELECT * FROM activities WHERE status IN ('REGISTERED', 'COMPLETED')
    ), scoped AS (
      SELECT a.id, a.campaign_year, a.starts_at, a.ends_at, s.scope FROM counted a
      CROSS JOIN LATERAL (
        SELECT DISTINCT unnest(${regionScopesSql('a.region_code')}) AS scope
      ) s
    ), running AS (
      SELECT campaign_year, scope, day::date AS day, count(*) AS n FROM scoped
      CROSS JOIN LATERAL generate_series(${chinaDateSql('starts_at')},
        least(${chinaDateSql('ends_at')}, ${chinaDateSql('starts_at')} + 400),
        interval '1 day') AS day
      GROUP BY 1, 2, 3
    ), checked AS (
      SELECT s.campaign_year, s.scope, c.day, count(*) AS n FROM check_ins c JOIN scoped s ON s.id = c.activity_id GROUP BY 1, 2, 3
    )
    INSERT INTO ${tables.daily} (campaign_year, scope, day, running, check_ins)
    SELECT coalesce(r.campaign_year, c.campaign_year), coalesce(r.scope, c.scope), coalesce(r.day, c.day), coalesce(r.n, 0), coalesce(c.n, 0)
      FROM running r FULL JOIN checked c ON c.campaign_year = r.campaign_year AND c.scope = r.scope AND c.day = r.day`);
}
