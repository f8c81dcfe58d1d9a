import DataLoader from 'dataloader';
import { byKey, groupByKey } from '@kepuri/platform';
import type { Membership } from './membership.entity';
import type { Organization } from './organization.entity';
import type { OrganizationService } from './organization.service';

export function createOrganizationLoader(service: OrganizationService): DataLoader<string, Organization | null> {
  return new DataLoader(async (ids) => byKey(ids, await service.byIds(ids), (organization) => organization.id));
}

export function createOrganizationChildrenLoader(service: OrganizationService): DataLoader<string, Organization[]> {
  return new DataLoader(async (ids) => groupByKey(ids, await service.childrenOf(ids), (organization) => organization.parentId!));
}

export function createMembersLoader(service: OrganizationService): DataLoader<string, Membership[]> {
  return new DataLoader(async (ids) => groupByKey(ids, await service.membersOf(ids), (membership) => membership.organizationId));
}
