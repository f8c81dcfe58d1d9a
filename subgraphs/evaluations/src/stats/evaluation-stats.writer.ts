import type { EntityManager } from 'typeorm';
import { emitEvaluationStatsChanged } from '../events';
import {
  DAILY_NUMBERS, STAT_COLUMNS, STAT_NUMBERS, commendationRows, dailyKey, feedbackDailyRows, feedbackRows, recommendationRows,
  statKey, type CommendationSubject, type DailyRow, type FeedbackSubject, type RecommendationSubject, type StatRow,
} from './evaluation-stats.rows';
import { rollupDifference as difference } from '../../../shared/src/rollups';

/**
 * Applies one record's change to the rollups inside the caller's transaction: rows(after) −
 * rows(before), one upsert per table, in key order. Every writer locks in the same order — the
 * record's own row (and, for feedback, its activity's activity_ratings row) first, then
 * evaluation_stats rows in key order, then evaluation_daily rows in key order — so concurrent
 * writers wait for each other instead of deadlocking.
 */
export async function applyFeedbackChange(manager: EntityManager, before: FeedbackSubject | null, after: FeedbackSubject | null): Promise<void> {
  await upsertStats(manager, difference(feedbackRows(before), feedbackRows(after), statKey, STAT_NUMBERS));
  await upsertDaily(manager, difference(feedbackDailyRows(before), feedbackDailyRows(after), dailyKey, DAILY_NUMBERS));
}

export async function applyRecommendationChange(
  manager: EntityManager,
  before: RecommendationSubject | null,
  after: RecommendationSubject | null,
): Promise<void> {
  await upsertStats(manager, difference(recommendationRows(before), recommendationRows(after), statKey, STAT_NUMBERS));
}

export async function applyCommendationChange(
  manager: EntityManager,
  before: CommendationSubject | null,
  after: CommendationSubject | null,
): Promise<void> {
  await upsertStats(manager, difference(commendationRows(before), commendationRows(after), statKey, STAT_NUMBERS));
}

/** A copy of the fields the rollups depend on, taken before a write changes the record. */
export function feedbackSnapshot(feedback: FeedbackSubject): FeedbackSubject {
  return {
    campaignYear: feedback.campaignYear, regionCode: feedback.regionCode, rating: feedback.rating, createdAt: feedback.createdAt,
    organizerPath: feedback.organizerPath ? [...feedback.organizerPath] : null,
  };
}

export function recommendationSnapshot(recommendation: RecommendationSubject): RecommendationSubject {
  const { campaignYear, kind, organizationId, organizationPath, regionCode, withdrawnAt } = recommendation;
  return { campaignYear, kind, organizationId, organizationPath: [...organizationPath], regionCode, withdrawnAt };
}

async function upsertStats(manager: EntityManager, rows: StatRow[]): Promise<void> {
  if (rows.length === 0) return;
  const columns = STAT_COLUMNS.map(([, column]) => column);
  await manager.query(
    `INSERT INTO evaluation_stats AS s (campaign_year, scope, ${columns.join(', ')})
     SELECT * FROM unnest($1::int[], $2::varchar[], ${columns.map((column, index) => `$${index + 3}::${column === 'rating_sum' ? 'bigint' : 'int'}[]`).join(', ')})
     ON CONFLICT (scope, campaign_year) DO UPDATE SET ${columns.map((column) => `${column} = s.${column} + EXCLUDED.${column}`).join(', ')}`,
    [rows.map((row) => row.campaignYear), rows.map((row) => row.scope), ...STAT_COLUMNS.map(([field]) => rows.map((row) => row[field]))],
  );
  await emitEvaluationStatsChanged(manager, rows);
}

async function upsertDaily(manager: EntityManager, rows: DailyRow[]): Promise<void> {
  if (rows.length === 0) return;
  await manager.query(
    `INSERT INTO evaluation_daily AS d (campaign_year, scope, day, feedback_count, rating_sum)
     SELECT * FROM unnest($1::int[], $2::varchar[], $3::date[], $4::int[], $5::bigint[])
     ON CONFLICT (scope, campaign_year, day) DO UPDATE SET
       feedback_count = d.feedback_count + EXCLUDED.feedback_count, rating_sum = d.rating_sum + EXCLUDED.rating_sum`,
    [rows.map((row) => row.campaignYear), rows.map((row) => row.scope), rows.map((row) => row.day), rows.map((row) => row.feedbackCount),
      rows.map((row) => row.ratingSum)],
  );
}
