import type { ActivityStatus } from '@kepuri/domain';
import type { HubClient } from '@kepuri/platform';

/** What volunteering needs to know of an organisation: its place in the hierarchy and its region. */
export interface OrganizationInfo {
  id: string;
  /** Ancestor ids from the top down, itself last. */
  path: string[];
  region: { code: string } | null;
}

/**
 * One federated lookup through the gateway (organizations subgraph): the organisation and, when
 * `regionCode` is given, whether that region exists.
 */
export async function lookupOrganization(
  hub: HubClient,
  organizationId: string,
  regionCode?: string | null,
): Promise<{ organization: OrganizationInfo | null; regionExists: boolean | null }> {
  const data = await hub.query<{ organizationsByIds: Array<OrganizationInfo | null>; region?: { code: string } | null }>(
    `query VolunteeringOrganization($ids: [ID!]!, $region: ID!, $withRegion: Boolean!) {
      organizationsByIds(ids: $ids) { id path region { code } }
      region(code: $region) @include(if: $withRegion) { code }
    }`,
    { ids: [organizationId], region: regionCode ?? '000000', withRegion: Boolean(regionCode) },
  );
  return { organization: data.organizationsByIds[0] ?? null, regionExists: regionCode ? Boolean(data.region) : null };
}

/** What volunteering needs to know of an activity to record service at it. */
export interface ActivityInfo {
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
export async function lookupActivity(hub: HubClient, activityId: string): Promise<ActivityInfo | null> {
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
