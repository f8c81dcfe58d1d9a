import { DAY_MS } from '@kepuri/platform';
import { NULL, text, timestamp } from './copy';
import type { DatabaseLoad } from './load';
import { createRng } from './random';
import type { TableShape } from './schema';
import { mobileNumber, personName } from './vocabulary';

/** The organizations database: GB/T 2260 regions, organisations with their paths, memberships. */

export const REGIONS_TABLE: TableShape = { table: 'regions', columns: ['code', 'name', 'level', 'parent_code'] };
export const ORGANIZATIONS: TableShape = {
  table: 'organizations',
  columns: ['id', 'name', 'type', 'parent_id', 'region_code', 'path', 'contact_name', 'contact_phone', 'contact_email', 'created_at'],
};
export const MEMBERSHIPS: TableShape = { table: 'memberships', columns: ['organization_id', 'user_sub', 'role', 'created_at'] };
export const ORGANIZATIONS_TABLES = [REGIONS_TABLE, ORGANIZATIONS, MEMBERSHIPS];

const ASSOCIATIONS = new Set(['HOST', 'NATIONAL_SOCIETY', 'PROVINCIAL_ASSOCIATION', 'CITY_ASSOCIATION', 'COUNTY_ASSOCIATION']);
const REGISTERED_FROM = Date.parse('2019-03-01T00:00:00+08:00');

export async function loadOrganizations(load: DatabaseLoad): Promise<void> {
  const { world } = load;
  // Parents come before children in both lists, so the self-references hold row by row.
  await load.copy(REGIONS_TABLE, world.regions.length,
    world.regions.map((r) => `${r.code}\t${text(r.name)}\t${r.level}\t${r.parentCode ?? NULL}\n`));
  const rng = createRng(2260_0201);
  await load.copy(ORGANIZATIONS, world.organizations.length, world.organizations.map((org, index) => {
    const contact = ASSOCIATIONS.has(org.type) || rng() < 0.5;
    return [org.id, text(org.name), org.type, org.parent >= 0 ? world.organizations[org.parent].id : NULL, org.regionCode ?? NULL,
      world.pathText[index], contact ? text(personName(rng)) : NULL, contact ? mobileNumber(rng) : NULL,
      contact ? `kepu${String(index).padStart(5, '0')}@org.kepuri.example` : NULL,
      timestamp(REGISTERED_FROM + Math.floor(rng() * 500) * DAY_MS)].join('\t') + '\n';
  }));
  // Every association has a supervisor account; every third unit an organiser account.
  const memberships: string[] = [];
  world.organizations.forEach((org, index) => {
    const role = ASSOCIATIONS.has(org.type) ? 'supervisor' : index % 3 === 0 ? 'organizer' : null;
    if (role) memberships.push(`${org.id}\tseed-${role}-${index}\t${role}\t${timestamp(REGISTERED_FROM + (index % 400) * DAY_MS)}\n`);
  });
  await load.copy(MEMBERSHIPS, memberships.length, memberships);
  await load.markSeeded(world.spec.name);
}
