import type { EntityManager } from 'typeorm';
import { insertRows } from '../../../shared/src/db';
import { regionLevel } from '../../../shared/src/regions';
import { REGIONS, organizationSeeds } from '../../../shared/src/seed/reference-data';

/** Seeds the GB/T 2260 regions and the organisations of the 2020 notice. */
export async function seedOrganizations(manager: EntityManager): Promise<void> {
  await insertRows(manager, 'regions', ['code', 'name', 'level', 'parent_code'],
    REGIONS.map((region) => [region.code, region.name, regionLevel(region.code), region.parentCode]));
  // Parents come first in the seed list, so each path extends one already known.
  const paths = new Map<string, string[]>();
  const organizations = organizationSeeds().map((org) => {
    const path = [...(org.parentId ? paths.get(org.parentId)! : []), org.id];
    paths.set(org.id, path);
    return [org.id, org.name, org.type, org.parentId, org.regionCode, path];
  });
  await insertRows(manager, 'organizations', ['id', 'name', 'type', 'parent_id', 'region_code', 'path'], organizations);
}
