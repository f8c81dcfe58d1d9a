import type { DataSource } from 'typeorm';
import type { SubgraphContext } from '@kepuri/platform';
import { createMembersLoader, createOrganizationChildrenLoader, createOrganizationLoader } from './organization/organization.loader';
import { OrganizationService } from './organization/organization.service';
import { createRegionChildrenLoader, createRegionLoader } from './region/region.loader';
import { RegionService } from './region/region.service';

export function createServices(dataSource: DataSource) {
  return {
    regions: new RegionService(dataSource),
    organizations: new OrganizationService(dataSource),
  };
}
export type OrganizationsServices = ReturnType<typeof createServices>;

export function createLoaders(services: OrganizationsServices) {
  return {
    region: createRegionLoader(services.regions),
    regionChildren: createRegionChildrenLoader(services.regions),
    organization: createOrganizationLoader(services.organizations),
    organizationChildren: createOrganizationChildrenLoader(services.organizations),
    members: createMembersLoader(services.organizations),
  };
}
export type OrganizationsLoaders = ReturnType<typeof createLoaders>;

export type OrganizationsContext = SubgraphContext<OrganizationsServices, OrganizationsLoaders>;
