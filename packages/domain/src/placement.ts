import type { HubClient } from '@kepuri/platform';
import type { OrganizationType } from './vocabulary';

/**
 * An organisation's place in the hierarchy, owned by the organizations subgraph: what a write in
 * another subgraph learns through the gateway (rights follow the path) and stores with its rows.
 */
export interface OrganizationPlacement {
  id: string;
  type: OrganizationType;
  /** Ancestor ids from the top down, itself last. */
  path: string[];
  regionCode: string | null;
}

/** The selection on Organization that answers a placement; read the answer with organizationPlacement. */
export const ORGANIZATION_PLACEMENT_FIELDS = 'id type path region { code }';

/** An Organization as ORGANIZATION_PLACEMENT_FIELDS selects it. */
export interface OrganizationPlacementAnswer {
  id: string;
  type: OrganizationType;
  path: string[];
  region: { code: string } | null;
}

export function organizationPlacement(answer: OrganizationPlacementAnswer): OrganizationPlacement {
  return { id: answer.id, type: answer.type, path: answer.path, regionCode: answer.region?.code ?? null };
}

/**
 * One federated lookup through the gateway (organizations subgraph): an organisation's placement
 * and, when `regionCode` is given, whether that region exists (null when not asked).
 */
export async function lookupOrganization(
  hub: HubClient,
  organizationId: string,
  regionCode?: string | null,
): Promise<{ organization: OrganizationPlacement | null; regionExists: boolean | null }> {
  const data = await hub.query<{ organizationsByIds: Array<OrganizationPlacementAnswer | null>; region?: { code: string } | null }>(
    `query OrganizationPlacement($ids: [ID!]!, $region: ID!, $withRegion: Boolean!) {
      organizationsByIds(ids: $ids) { ${ORGANIZATION_PLACEMENT_FIELDS} }
      region(code: $region) @include(if: $withRegion) { code }
    }`,
    { ids: [organizationId], region: regionCode ?? '000000', withRegion: Boolean(regionCode) },
  );
  const [organization] = data.organizationsByIds;
  return { organization: organization ? organizationPlacement(organization) : null, regionExists: regionCode ? Boolean(data.region) : null };
}
