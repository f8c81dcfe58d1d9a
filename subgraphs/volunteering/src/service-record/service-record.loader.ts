import DataLoader from 'dataloader';
import { byKey } from '../../../shared/src/loaders';
import type { ActivityServiceTotals, ServiceRecordService } from './service-record.service';

export function createActivityTotalsLoader(service: ServiceRecordService): DataLoader<string, ActivityServiceTotals | null> {
  return new DataLoader(async (ids) => byKey(ids, await service.totalsByActivity(ids), (totals) => totals.activityId));
}
