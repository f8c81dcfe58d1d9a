import { chinaDateSql, type SqlRunner } from '@kepuri/platform';
import { organizationScopesSql, regionScopesSql } from '@kepuri/domain';

export interface EvaluationStatsTables {
  stats: string;
  daily: string;
  ratings: string;
}

export const EVALUATION_STATS_TABLES: Readonly<EvaluationStatsTables> = { stats: 'evaluation_stats', daily: 'evaluation_daily', ratings: 'activity_ratings' };

/** SQL for every scope of a row: its region's, its organisation's and those of every id in the path. */
const scopesSql = (code: string, organization: string, path: string) => `${regionScopesSql(code)} || ${organizationScopesSql(organization, path)}`;

/**
 * The rollups computed from scratch in SQL, independently of the incremental TypeScript: seeds
 * load raw rows and call this once; the property test recounts into scratch tables and compares.
 * Also rebuilds the per-activity totals (activity_ratings) with the campaign and region of each
 * activity's most recently written feedback (what postFeedback stores there).
 */
export async function recountEvaluationStats(manager: SqlRunner, tables: EvaluationStatsTables = EVALUATION_STATS_TABLES): Promise<void> {
  await manager.query(`DELETE FROM ${tables.stats}`);
  await manager.query(`DELETE FROM ${tables.daily}`);
  await manager.query(`DELETE FROM ${tables.ratings}`);
  await manager.query(`
    WITH rated AS (
      SELECT f.campaign_year, f.rating, s.scope FROM feedback f
      CROSS JOIN LATERAL (
        SELECT DISTINCT unnest(${scopesSql('f.region_code', 'f.organizer_path[cardinality(f.organizer_path)]', 'f.organizer_path')}) AS scope
      ) s
      WHERE f.campaign_year IS NOT NULL
    ), recommended AS (
      SELECT r.campaign_year, r.kind, s.scope FROM recommendations r
      CROSS JOIN LATERAL (SELECT DISTINCT unnest(${scopesSql('r.region_code', 'r.organization_id', 'r.organization_path')}) AS scope) s
      WHERE r.withdrawn_at IS NULL
    ), commended AS (
      SELECT c.campaign_year, c.kind, s.scope FROM commendations c
      CROSS JOIN LATERAL (SELECT DISTINCT unnest(${scopesSql('c.region_code', 'c.organization_id', 'c.organization_path')}) AS scope) s
    ), facts AS (
      SELECT campaign_year, scope, count(*) AS feedback_count, sum(rating) AS rating_sum,
             count(*) FILTER (WHERE rating = 1) AS r1, count(*) FILTER (WHERE rating = 2) AS r2, count(*) FILTER (WHERE rating = 3) AS r3,
             count(*) FILTER (WHERE rating = 4) AS r4, count(*) FILTER (WHERE rating = 5) AS r5, 0 AS ro, 0 AS ra, 0 AS co, 0 AS ca
        FROM rated GROUP BY 1, 2
      UNION ALL
      SELECT campaign_year, scope, 0, 0, 0, 0, 0, 0, 0,
             count(*) FILTER (WHERE kind = 'EXCELLENT_ORGANIZATION'), count(*) FILTER (WHERE kind = 'EXCELLENT_ACTIVITY'), 0, 0
        FROM recommended GROUP BY 1, 2
      UNION ALL
      SELECT campaign_year, scope, 0, 0, 0, 0, 0, 0, 0, 0, 0,
             count(*) FILTER (WHERE kind = 'ORGANIZATION'), count(*) FILTER (WHERE kind = 'ACTIVITY')
        FROM commended GROUP BY 1, 2
    )
    INSERT INTO ${tables.stats} (campaign_year, scope, feedback_count, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5,
      recommended_organizations, recommended_activities, commended_organizations, commended_activities)
    SELECT campaign_year, scope, sum(feedback_count), sum(rating_sum), sum(r1), sum(r2), sum(r3), sum(r4), sum(r5), sum(ro), sum(ra), sum(co), sum(ca)
      FROM facts GROUP BY 1, 2`);
  await manager.query(`
    INSERT INTO ${tables.daily} (campaign_year, scope, day, feedback_count, rating_sum)
    SELECT f.campaign_year, s.scope, ${chinaDateSql('f.created_at')}, count(*), sum(f.rating)
      FROM feedback f
      CROSS JOIN LATERAL (SELECT DISTINCT unnest(${regionScopesSql('f.region_code')}) AS scope) s
     WHERE f.campaign_year IS NOT NULL
     GROUP BY 1, 2, 3`);
  await manager.query(`
    INSERT INTO ${tables.ratings} (activity_id, feedback_count, rating_sum, campaign_year, region_code, province_code)
    SELECT t.activity_id, t.n, t.total, l.campaign_year, l.region_code, substr(l.region_code, 1, 2) || '0000'
      FROM (SELECT activity_id, count(*) AS n, sum(rating) AS total FROM feedback GROUP BY activity_id) t
      JOIN (SELECT DISTINCT ON (activity_id) activity_id, campaign_year, region_code FROM feedback
             ORDER BY activity_id, updated_at DESC, id DESC) l ON l.activity_id = t.activity_id`);
}
