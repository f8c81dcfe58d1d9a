import DataLoader from 'dataloader';
import { byKey, groupByKey } from '@kepuri/platform';
import type { ServiceRecord } from './service-record.entity';
import type { ActivityServiceTotals, ServiceRecordService } from './service-record.service';

export function createActivityTotalsLoader(service: ServiceRecordService): DataLoader<string, ActivityServiceTotals | null> {
  return new DataLoader(async (ids) => byKey(ids, await service.totalsByActivity(ids), (totals) => totals.activityId));
}

export function createVolunteerRecordsLoader(service: ServiceRecordService): DataLoader<string, ServiceRecord[]> {
  return new DataLoader(async (ids) => groupByKey(ids, await service.byVolunteers(ids), (record) => record.volunteerId));
}
