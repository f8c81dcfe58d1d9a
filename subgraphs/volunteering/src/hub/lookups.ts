import type { ActivityStatus } from '@kepuri/domain';
import type { HubClient } from '@kepuri/platform';

/** What volunteering needs to know of an activity to record service at it. */
export interface ActivityFacts {
  id: string;
  status: ActivityStatus;
  startsAt: Date;
  endsAt: Date;
  regionCode: string;
  campaignYear: number;
  organizerId: string;
  /** The organiser's path, root first, itself last. */
  organizerPath: string[];
}

/** One federated lookup through the gateway: the activity (activities) and its organiser's path (organizations). */
export async function lookupActivity(hub: HubClient, activityId: string): Promise<ActivityFacts | null> {
  const data = await hub.query<{
    activity: {
      id: string; status: ActivityStatus; startsAt: string; endsAt: string; region: { code: string }; campaign: { year: number };
      organizer: { id: string; path: string[] | null } | null;
    } | null;
  }>(
    `query VolunteeringActivity($id: ID!) {
      activity(id: $id) { id status startsAt endsAt region { code } campaign { year } organizer { id path } }
    }`,
    { id: activityId },
  );
  const activity = data.activity;
  if (!activity) return null;
  const organizerId = activity.organizer?.id ?? '';
  return {
    id: activity.id,
    status: activity.status,
    startsAt: new Date(activity.startsAt),
    endsAt: new Date(activity.endsAt),
    regionCode: activity.region.code,
    campaignYear: activity.campaign.year,
    organizerId,
    organizerPath: activity.organizer?.path ?? (organizerId ? [organizerId] : []),
  };
}
