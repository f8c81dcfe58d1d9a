import DataLoader from 'dataloader';
import { byKey } from '@kepuri/platform';
import type { Activity } from './activity.entity';
import type { ActivityService } from './activity.service';

export function createActivityLoader(service: ActivityService): DataLoader<string, Activity | null> {
  return new DataLoader(async (ids) => byKey(ids, await service.byIds(ids), (activity) => activity.id));
}
