import type { EntityManager } from 'typeorm';
import { emitEvent } from '@kepuri/platform';
import { emitStatsChanged, type MovedRollupRow } from '@kepuri/domain';

/** The evaluations subgraph's events (announced on commit, see @kepuri/platform events.ts). */
export const FEEDBACK_POSTED = 'feedbackPosted';

/** A feedback given or changed: its id and its activity (for the activity filter). */
export interface FeedbackPostedKey {
  id: string;
  activityId: string;
}

/** Announced by the rollup applier with the batch that counts the feedback. */
export function emitFeedbackPosted(manager: EntityManager, keys: readonly FeedbackPostedKey[]): Promise<void> {
  return emitEvent(manager, 'evaluations', FEEDBACK_POSTED, ...keys.map((key) => ({ ...key })));
}

export function emitEvaluationStatsChanged(manager: EntityManager, rows: readonly MovedRollupRow[]): Promise<void> {
  return emitStatsChanged(manager, 'evaluations', rows);
}
