import type { EntityManager } from 'typeorm';
import { insertRows } from '../../../shared/src/db';
import { sampleSet } from '../../../shared/src/seed/sample-plan';

/** Seeds sample feedback and the per-activity totals derived from it. */
export async function seedEvaluations(manager: EntityManager, now: Date): Promise<void> {
  const { feedback } = sampleSet(now);
  await insertRows(manager, 'feedback', ['id', 'activity_id', 'user_sub', 'rating', 'comment'],
    feedback.map((f) => [f.id, f.activityId, f.userSub, f.rating, f.comment]));
  await manager.query(`
    INSERT INTO activity_ratings (activity_id, feedback_count, rating_sum)
    SELECT activity_id, count(*), sum(rating) FROM feedback GROUP BY activity_id`);
}
