import DataLoader from 'dataloader';
import { byKey } from '../../../shared/src/loaders';
import type { Organization } from './organization.entity';
import type { OrganizationService } from './organization.service';

export function createOrganizationLoader(service: OrganizationService): DataLoader<string, Organization | null> {
  return new DataLoader(async (ids) => byKey(ids, await service.byIds(ids), (organization) => organization.id));
}
