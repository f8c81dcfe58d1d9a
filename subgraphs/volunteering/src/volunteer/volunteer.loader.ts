import DataLoader from 'dataloader';
import { byKey } from '../../../shared/src/loaders';
import type { Volunteer } from './volunteer.entity';
import type { VolunteerService } from './volunteer.service';

export function createVolunteerLoader(service: VolunteerService): DataLoader<string, Volunteer | null> {
  return new DataLoader(async (ids) => byKey(ids, await service.byIds(ids), (volunteer) => volunteer.id));
}
