import type { EntityManager } from 'typeorm';
import { emitEvaluationStatsChanged } from '../events';
import {
  DAILY_NUMBERS, STAT_COLUMNS, STAT_NUMBERS, commendationRows, dailyKey, feedbackDailyRows, feedbackRows, recommendationRows,
  statKey, type CommendationSubject, type DailyRow, type FeedbackSubject, type RecommendationSubject, type StatRow,
} from './evaluation-stats.rows';
import { addToRollup, rollupDifference as difference, type RollupColumn } from '@kepuri/platform';

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

const STAT_KEYS: ReadonlyArray<RollupColumn<StatRow>> = [['campaign_year', 'int', 'campaignYear'], ['scope', 'varchar', 'scope']];
const STAT_VALUES: ReadonlyArray<RollupColumn<StatRow>> = STAT_COLUMNS.map(([field, column]) => [column, column === 'rating_sum' ? 'bigint' : 'int', field] as const);
const DAILY_KEYS: ReadonlyArray<RollupColumn<DailyRow>> = [['campaign_year', 'int', 'campaignYear'], ['scope', 'varchar', 'scope'], ['day', 'date', 'day']];
const DAILY_VALUES: ReadonlyArray<RollupColumn<DailyRow>> = [['feedback_count', 'int', 'feedbackCount'], ['rating_sum', 'bigint', 'ratingSum']];

async function upsertStats(manager: EntityManager, rows: StatRow[]): Promise<void> {
  if (rows.length === 0) return;
  await addToRollup(manager, 'evaluation_stats', STAT_KEYS, STAT_VALUES, rows);
  await emitEvaluationStatsChanged(manager, rows);
}

function upsertDaily(manager: EntityManager, rows: DailyRow[]): Promise<void> {
  return addToRollup(manager, 'evaluation_daily', DAILY_KEYS, DAILY_VALUES, rows);
}
