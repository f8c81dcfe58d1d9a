import type { HubClient } from '@kepuri/platform';
import type { OrganizationType } from '@kepuri/domain';

export interface OrganizerInfo {
  id: string;
  type: OrganizationType;
  /** Ancestor ids from the top down, itself last. */
  path: string[];
}

/**
 * What activities needs to know from the organizations subgraph at write time, in one federated
 * lookup through the gateway: the organiser's place in the hierarchy and whether the region exists.
 */
export async function lookupOrganizerAndRegion(
  hub: HubClient,
  organizerId: string,
  regionCode: string,
): Promise<{ organizer: OrganizerInfo | null; region: { code: string } | null }> {
  const data = await hub.query<{ organizationsByIds: Array<OrganizerInfo | null>; region: { code: string } | null }>(
    `query OrganizerAndRegion($ids: [ID!]!, $region: ID!) {
      organizationsByIds(ids: $ids) { id type path }
      region(code: $region) { code }
    }`,
    { ids: [organizerId], region: regionCode },
  );
  return { organizer: data.organizationsByIds[0] ?? null, region: data.region };
}
