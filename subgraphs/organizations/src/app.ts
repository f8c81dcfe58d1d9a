import { buildSubgraph, type SubgraphDefinition, type SubgraphOptions } from '@kepuri/platform';
import { createLoaders, createServices, type OrganizationsLoaders, type OrganizationsServices } from './context';
import { migrations } from './db/migrations';
import { seedOrganizations } from './db/seed';
import { Membership } from './organization/membership.entity';
import { MembershipResolver } from './organization/membership.resolver';
import { MembershipSubscriptionResolver } from './organization/membership.subscription';
import { Organization } from './organization/organization.entity';
import { organizationReference } from './organization/organization.reference';
import { OrganizationResolver } from './organization/organization.resolver';
import { Region } from './region/region.entity';
import { regionReference } from './region/region.reference';
import { RegionResolver } from './region/region.resolver';
import { ROOT_TYPE_DESCRIPTIONS } from '@kepuri/domain';

/** The organizations subgraph: regions, organisations and their hierarchy. */
export const definition: SubgraphDefinition<OrganizationsServices, OrganizationsLoaders> = {
  name: 'organizations',
  entities: [Region, Organization, Membership],
  migrations,
  resolvers: [RegionResolver, OrganizationResolver, MembershipResolver, MembershipSubscriptionResolver],
  references: { Region: regionReference, Organization: organizationReference },
  rootDescriptions: ROOT_TYPE_DESCRIPTIONS,
  createServices,
  createLoaders,
  seed: seedOrganizations,
};

export function build(options: SubgraphOptions) {
  return buildSubgraph(definition, options);
}
