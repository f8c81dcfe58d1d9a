import type { EntityManager } from 'typeorm';
import { HOUR_MS, insertRows } from '@kepuri/platform';
import { organizationPaths, sampleSet } from '@kepuri/seed';
import { recountEvaluationStats } from '../stats/evaluation-stats.recount';

/**
 * Seeds sample feedback, with the organiser path, region and campaign of each rated activity as
 * the sample plan has them (what postFeedback learns through the hub), and the per-activity
 * totals and dashboard rollups derived from it.
 */
export async function seedEvaluations(manager: EntityManager, now: Date): Promise<void> {
  const { feedback, activities } = sampleSet(now);
  const activityById = new Map(activities.map((activity) => [activity.id, activity]));
  const paths = organizationPaths();
  await insertRows(
    manager,
    'feedback',
    ['id', 'activity_id', 'user_sub', 'rating', 'comment', 'organizer_path', 'region_code', 'campaign_year', 'created_at', 'updated_at'],
    feedback.map((f, index) => {
      const activity = activityById.get(f.activityId)!;
      // Given within a day after the activity ended (never after the seed's now): daily series have days to show.
      const given = new Date(Math.min(activity.endsAt.getTime() + ((index * 7) % 24 + 1) * HOUR_MS, now.getTime()));
      return [f.id, f.activityId, f.userSub, f.rating, f.comment, paths.get(activity.organizerId) ?? [activity.organizerId],
        activity.regionCode, activity.campaignYear, given, given];
    }),
  );
  // The per-activity totals and the dashboard rollups, from the raw rows.
  await recountEvaluationStats(manager);
}
