import type { EntityManager } from 'typeorm';
import { insertRows } from '@kepuri/platform';
import { regionLevel } from '@kepuri/domain';
import { REGIONS, organizationPaths, organizationSeeds } from '@kepuri/seed';

/** Seeds the GB/T 2260 regions and the organisations of the 2020 notice. */
export async function seedOrganizations(manager: EntityManager): Promise<void> {
  await insertRows(manager, 'regions', ['code', 'name', 'level', 'parent_code'],
    REGIONS.map((region) => [region.code, region.name, regionLevel(region.code), region.parentCode]));
  const paths = organizationPaths();
  const organizations = organizationSeeds().map((org) => [org.id, org.name, org.type, org.parentId, org.regionCode, paths.get(org.id)]);
  await insertRows(manager, 'organizations', ['id', 'name', 'type', 'parent_id', 'region_code', 'path'], organizations);
}
