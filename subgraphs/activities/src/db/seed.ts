import type { EntityManager } from 'typeorm';
import { chinaDate, insertRows } from '@kepuri/platform';
import { cityOf, provinceOf } from '@kepuri/domain';
import { organizationPaths, createRng, sampleSet } from '@kepuri/seed';
import { recountActivityStats } from '../stats/activity-stats.recount';

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
  const paths = organizationPaths();
  const registeredAt = new Map(campaigns.map((campaign) => [campaign.year, campaign.registrationOpensAt]));
  // Results of completed activities: their own sequence, so the shared sample plan stays as it is.
  const rng = createRng(1009);
  const results = (a: (typeof activities)[number]) =>
    a.status === 'COMPLETED'
      ? [Math.round(a.expectedParticipants * (0.5 + rng())), a.mode === 'OFFLINE' ? null : Math.round(a.expectedParticipants * 20 * rng()),
        rng() < 0.6 ? [`https://news.kepuri.example/${a.campaignYear}/${a.id.slice(0, 8)}`] : [], a.endsAt]
      : [null, null, [], null];
  await insertRows(
    manager,
    'activities',
    ['id', 'campaign_year', 'title', 'description', 'label', 'organizer_id', 'region_code', 'province_code', 'city_code',
      'category', 'joint_action', 'online_kind', 'content_areas', 'mode', 'venue_kind', 'online_url', 'address', 'starts_at',
      'ends_at', 'status', 'expected_participants', 'organizer_path', 'registered_at',
      'actual_participants', 'online_views', 'news_links', 'info_completed_at'],
    activities.map((a) => [a.id, a.campaignYear, a.title, a.description, labels.get(a.campaignYear), a.organizerId, a.regionCode,
      provinceOf(a.regionCode), cityOf(a.regionCode), a.category, a.jointAction, a.onlineKind, a.contentAreas, a.mode,
      a.venueKind, a.onlineUrl, a.address, a.startsAt, a.endsAt, a.status, a.expectedParticipants,
      paths.get(a.organizerId), registeredAt.get(a.campaignYear), ...results(a)]),
    500,
  );
  const checkIns = activities.flatMap((activity) =>
    Array.from({ length: activity.checkIns }, (_, user) => [
      activity.id,
      `seed-user-${user}`,
      chinaDate(activity.startsAt),
      activity.startsAt,
    ]),
  );
  await insertRows(manager, 'check_ins', ['activity_id', 'user_sub', 'day', 'created_at'], checkIns);
  await recountActivityStats(manager);
}
