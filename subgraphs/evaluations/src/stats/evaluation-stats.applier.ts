import type { EntityManager } from 'typeorm';
import { journalQueue, type FactQueue, type RollupsDefinition } from '@kepuri/platform';
import { organizationScopesSql, regionScopesSql, type MovedRollupRow } from '@kepuri/domain';
import { emitEvaluationStatsChanged, emitFeedbackPosted, type FeedbackPostedKey } from '../events';
import { EVALUATION_STATS } from './evaluation-stats.writer';

/**
 * Queued feedback changes into the rollups, in one statement: every change counts +1 with what
 * the feedback counts now and, for an edit, −1 with what it counted before (its campaign, region,
 * organiser path and rating as stored then); a feedback without a campaign counts nowhere (see
 * evaluation-stats.rows.ts). activity_ratings takes the count and sum of every change of the
 * activity, and its campaign and region from the latest one (as recountEvaluationStats does).
 */
const FOLD_FEEDBACK = `
  WITH changes AS (
    SELECT * FROM feedback_unapplied WHERE seq = ANY($1::bigint[])
  ), counted AS (
    SELECT 1 AS sign, rating, campaign_year, region_code, organizer_path, day FROM changes WHERE campaign_year IS NOT NULL
    UNION ALL
    SELECT -1, old_rating, old_campaign_year, old_region_code, old_organizer_path, day FROM changes
     WHERE old_rating IS NOT NULL AND old_campaign_year IS NOT NULL
  ), daily AS (
    INSERT INTO evaluation_daily AS t (campaign_year, scope, day, feedback_count, rating_sum)
    SELECT c.campaign_year, s.scope, c.day, sum(c.sign), sum(c.sign * c.rating) FROM counted c
     CROSS JOIN LATERAL (SELECT DISTINCT unnest(${regionScopesSql('c.region_code')}) AS scope) s
     GROUP BY 1, 2, 3 ORDER BY 2, 1, 3
    ON CONFLICT (scope, campaign_year, day) DO UPDATE SET
      feedback_count = t.feedback_count + EXCLUDED.feedback_count, rating_sum = t.rating_sum + EXCLUDED.rating_sum
  ), ratings AS (
    UPDATE activity_ratings t SET
      feedback_count = t.feedback_count + x.n, rating_sum = t.rating_sum + x.r,
      campaign_year = x.campaign_year, region_code = x.region_code, province_code = substr(x.region_code, 1, 2) || '0000'
      FROM (
        SELECT activity_id, count(*) FILTER (WHERE old_rating IS NULL) AS n, sum(rating - coalesce(old_rating, 0)) AS r,
               (array_agg(campaign_year ORDER BY written_at DESC, feedback_id DESC))[1] AS campaign_year,
               (array_agg(region_code ORDER BY written_at DESC, feedback_id DESC))[1] AS region_code
          FROM changes GROUP BY activity_id
      ) x
     WHERE t.activity_id = x.activity_id
  )
  INSERT INTO evaluation_stats AS t (campaign_year, scope, feedback_count, rating_sum, rating_1, rating_2, rating_3, rating_4, rating_5)
  SELECT c.campaign_year, s.scope, sum(c.sign), sum(c.sign * c.rating),
         ${[1, 2, 3, 4, 5].map((rating) => `coalesce(sum(c.sign) FILTER (WHERE c.rating = ${rating}), 0)`).join(', ')}
    FROM counted c
   CROSS JOIN LATERAL (
     SELECT DISTINCT unnest(${regionScopesSql('c.region_code')}
       || ${organizationScopesSql('c.organizer_path[cardinality(c.organizer_path)]', 'c.organizer_path')}) AS scope
   ) s
   GROUP BY 1, 2 ORDER BY 2, 1
  ON CONFLICT (scope, campaign_year) DO UPDATE SET
    feedback_count = t.feedback_count + EXCLUDED.feedback_count, rating_sum = t.rating_sum + EXCLUDED.rating_sum,
    ${[1, 2, 3, 4, 5].map((rating) => `rating_${rating} = t.rating_${rating} + EXCLUDED.rating_${rating}`).join(', ')}
  RETURNING t.scope, t.campaign_year AS "campaignYear"`;

/** Every rated activity of the batch has its totals row before the fold updates it (an edit's negative delta never stands alone in a row). */
const RATED_ACTIVITIES = `
  INSERT INTO activity_ratings (activity_id, feedback_count, rating_sum)
  SELECT DISTINCT activity_id, 0, 0 FROM feedback_unapplied WHERE seq = ANY($1::bigint[]) ORDER BY 1
  ON CONFLICT (activity_id) DO NOTHING`;

export const FEEDBACK_QUEUE: FactQueue<MovedRollupRow> = {
  table: 'feedback_unapplied',
  async apply(manager: EntityManager, seqs: string[]): Promise<MovedRollupRow[]> {
    await manager.query(RATED_ACTIVITIES, [seqs]);
    const moved: MovedRollupRow[] = await manager.query(FOLD_FEEDBACK, [seqs]);
    const posted: FeedbackPostedKey[] = await manager.query(
      'SELECT feedback_id AS id, activity_id AS "activityId" FROM feedback_unapplied WHERE seq = ANY($1::bigint[]) ORDER BY seq', [seqs]);
    await emitFeedbackPosted(manager, posted);
    return moved;
  },
};

/** The evaluations subgraph's rollups: feedback changes and the journal of recommendations and commendations. */
export const EVALUATION_ROLLUPS: RollupsDefinition<MovedRollupRow> = {
  queues: [journalQueue(EVALUATION_STATS, true), FEEDBACK_QUEUE],
  announce: emitEvaluationStatsChanged,
};
