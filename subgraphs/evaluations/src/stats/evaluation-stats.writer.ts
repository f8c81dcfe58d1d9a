import type { EntityManager } from 'typeorm';
import { chinaDate, journalRollup, rollupDifference as difference, type JournaledRollup } from '@kepuri/platform';
import {
  STAT_COLUMNS, STAT_NUMBERS, commendationRows, recommendationRows, statKey,
  type CommendationSubject, type FeedbackSubject, type RecommendationSubject, type StatRow,
} from './evaluation-stats.rows';

/**
 * Records one feedback's change for the rollups inside the caller's transaction: a row in
 * `feedback_unapplied` with what the feedback counts now and, for an edit, what it counted before.
 * The rollup applier (evaluation-stats.applier.ts) folds it into activity_ratings,
 * evaluation_stats and evaluation_daily; nothing shared is written here.
 */
export async function recordFeedbackChange(manager: EntityManager, before: FeedbackSubject | null, after: FeedbackSubject & { id: string; activityId: string; updatedAt: Date }): Promise<void> {
  await manager.query(
    `INSERT INTO feedback_unapplied (feedback_id, activity_id, day, written_at, rating, campaign_year, region_code, organizer_path,
       old_rating, old_campaign_year, old_region_code, old_organizer_path)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
    [after.id, after.activityId, chinaDate(after.createdAt), after.updatedAt, after.rating, after.campaignYear, after.regionCode, after.organizerPath,
      before?.rating ?? null, before?.campaignYear ?? null, before?.regionCode ?? null, before?.organizerPath ?? null],
  );
}

/** A recommendation's change for the rollups: rows(after) − rows(before) into the journal of evaluation_stats. */
export function recordRecommendationChange(
  manager: EntityManager,
  before: RecommendationSubject | null,
  after: RecommendationSubject | null,
): Promise<void> {
  return journalRollup(manager, EVALUATION_STATS, difference(recommendationRows(before), recommendationRows(after), statKey, STAT_NUMBERS));
}

export function recordCommendationChange(
  manager: EntityManager,
  before: CommendationSubject | null,
  after: CommendationSubject | null,
): Promise<void> {
  return journalRollup(manager, EVALUATION_STATS, difference(commendationRows(before), commendationRows(after), statKey, STAT_NUMBERS));
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

export const EVALUATION_STATS: JournaledRollup<StatRow> = {
  table: 'evaluation_stats',
  journal: 'evaluation_stats_journal',
  keys: [['campaign_year', 'int', 'campaignYear'], ['scope', 'varchar', 'scope']],
  values: STAT_COLUMNS.map(([field, column]) => [column, column === 'rating_sum' ? 'bigint' : 'int', field] as const),
};
