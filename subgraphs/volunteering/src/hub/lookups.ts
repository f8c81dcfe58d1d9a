import type { ActivityStatus } from '@kepuri/domain';
import { hubError, type HubClient } from '@kepuri/platform';

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
      id: string; status: ActivityStatus; startsAt: string; endsAt: string; region: { code: string } | null; campaign: { year: number };
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
  // A reference to another subgraph's entity is nullable; without the region nothing can be recorded.
  if (!activity.region) throw hubError('DOWNSTREAM_SERVICE_ERROR', `volunteering lookup failed: the region of activity ${activity.id} is unknown to the hub`);
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
