import type { EntityManager } from 'typeorm';
import { insertRows } from '../../../shared/src/db';
import { cityOf, provinceOf } from '../../../shared/src/regions';
import { sampleSet } from '../../../shared/src/seed/sample-plan';

/** Seeds campaigns, sample activities and their check-ins (the activities part of the sample set). */
export async function seedActivities(manager: EntityManager, now: Date): Promise<void> {
  const { campaigns, activities } = sampleSet(now);
  await insertRows(
    manager,
    'campaigns',
    ['year', 'theme', 'label', 'is_demo', 'concentrated_starts_at', 'concentrated_ends_at', 'registration_opens_at',
      'registration_closes_at', 'info_completion_deadline', 'summary_deadline', 'recommendation_deadline'],
    campaigns.map((c) => [c.year, c.theme, c.label, c.isDemo, c.concentratedStartsAt, c.concentratedEndsAt, c.registrationOpensAt,
      c.registrationClosesAt, c.infoCompletionDeadline, c.summaryDeadline, c.recommendationDeadline]),
  );
  const labels = new Map(campaigns.map((campaign) => [campaign.year, campaign.label]));
  await insertRows(
    manager,
    'activities',
    ['id', 'campaign_year', 'title', 'description', 'label', 'organizer_id', 'region_code', 'province_code', 'city_code',
      'category', 'joint_action', 'online_kind', 'content_areas', 'mode', 'venue_kind', 'online_url', 'address', 'starts_at',
      'ends_at', 'status', 'expected_participants', 'check_in_count'],
    activities.map((a) => [a.id, a.campaignYear, a.title, a.description, labels.get(a.campaignYear), a.organizerId, a.regionCode,
      provinceOf(a.regionCode), cityOf(a.regionCode), a.category, a.jointAction, a.onlineKind, a.contentAreas, a.mode,
      a.venueKind, a.onlineUrl, a.address, a.startsAt, a.endsAt, a.status, a.expectedParticipants, a.checkIns]),
    500,
  );
  const checkIns = activities.flatMap((activity) =>
    Array.from({ length: activity.checkIns }, (_, user) => [
      activity.id,
      `seed-user-${user}`,
      new Date(activity.startsAt.getTime() + 8 * 3_600_000).toISOString().slice(0, 10),
      activity.startsAt,
    ]),
  );
  await insertRows(manager, 'check_ins', ['activity_id', 'user_sub', 'day', 'created_at'], checkIns);
}
