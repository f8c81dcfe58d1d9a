import {
  ORGANIZATION_PLACEMENT_FIELDS, organizationPlacement, type ActivityStatus, type OrganizationPlacement, type OrganizationPlacementAnswer,
} from '@kepuri/domain';
import { hubError, type HubClient } from '@kepuri/platform';

/** A campaign's deadlines, owned by the activities subgraph. */
export interface CampaignDeadlines {
  year: number;
  summaryDeadline: Date;
  recommendationDeadline: Date;
}

/** What evaluations needs to know about an activity at write time. */
export interface ActivityFacts {
  id: string;
  status: ActivityStatus;
  regionCode: string;
  campaign: CampaignDeadlines;
  organizer: Pick<OrganizationPlacement, 'id' | 'path'>;
}

export interface Facts {
  activity: ActivityFacts | null;
  campaign: CampaignDeadlines | null;
  /** In the order asked, null where unknown. */
  organizations: Array<OrganizationPlacement | null>;
}

interface RawCampaign {
  year: number;
  summaryDeadline: string;
  recommendationDeadline: string;
}

const campaignDeadlines = (raw: RawCampaign): CampaignDeadlines => ({
  year: raw.year,
  summaryDeadline: new Date(raw.summaryDeadline),
  recommendationDeadline: new Date(raw.recommendationDeadline),
});

const FACTS_QUERY = `query EvaluationFacts($activityId: ID!, $withActivity: Boolean!, $year: Int!, $withCampaign: Boolean!, $ids: [ID!]!) {
  activity(id: $activityId) @include(if: $withActivity) {
    id status region { code }
    campaign { year summaryDeadline recommendationDeadline }
    organizer { id path }
  }
  campaign(year: $year) @include(if: $withCampaign) { year summaryDeadline recommendationDeadline }
  organizationsByIds(ids: $ids) { ${ORGANIZATION_PLACEMENT_FIELDS} }
}`;

/**
 * Everything a write needs from the activities and organizations subgraphs, in one GraphQL request
 * through the gateway: never from their tables. Deadlines are the campaign's data, learned here.
 */
export async function lookupFacts(
  hub: HubClient,
  ask: { activityId?: string; year?: number; organizationIds?: string[] },
): Promise<Facts> {
  const data = await hub.query<{
    activity?: {
      id: string; status: ActivityStatus; region: { code: string } | null; campaign: RawCampaign; organizer: { id: string; path: string[] } | null;
    } | null;
    campaign?: RawCampaign | null;
    organizationsByIds: Array<OrganizationPlacementAnswer | null>;
  }>(FACTS_QUERY, {
    activityId: ask.activityId ?? '',
    withActivity: ask.activityId !== undefined,
    year: ask.year ?? 0,
    withCampaign: ask.year !== undefined,
    ids: ask.organizationIds ?? [],
  });
  const activity = data.activity;
  return {
    activity: activity
      ? {
        id: activity.id,
        status: activity.status,
        regionCode: activity.region?.code ?? unknownToHub(activity.id, 'region'),
        campaign: campaignDeadlines(activity.campaign),
        organizer: activity.organizer ?? unknownToHub(activity.id, 'organiser'),
      }
      : null,
    campaign: data.campaign ? campaignDeadlines(data.campaign) : null,
    organizations: data.organizationsByIds.map((organization) => (organization ? organizationPlacement(organization) : null)),
  };
}

/**
 * The graph knows the activity but not its organiser or region (references to another subgraph's entity
 * are nullable): nothing can be decided or stored on that.
 */
function unknownToHub(activityId: string, what: 'organiser' | 'region'): never {
  throw hubError('DOWNSTREAM_SERVICE_ERROR', `evaluations lookup failed: the ${what} of activity ${activityId} is unknown to the hub`);
}
