import type { DataSource } from 'typeorm';
import type { SubgraphContext } from '../../shared/src/subgraph-app';
import { createActivityTotalsLoader, createVolunteerRecordsLoader } from './service-record/service-record.loader';
import { ServiceRecordService } from './service-record/service-record.service';
import { createVolunteerLoader } from './volunteer/volunteer.loader';
import { VolunteerService } from './volunteer/volunteer.service';

export function createServices(dataSource: DataSource) {
  return {
    volunteers: new VolunteerService(dataSource),
    serviceRecords: new ServiceRecordService(dataSource),
  };
}
export type VolunteeringServices = ReturnType<typeof createServices>;

export function createLoaders(services: VolunteeringServices) {
  return {
    volunteer: createVolunteerLoader(services.volunteers),
    activityTotals: createActivityTotalsLoader(services.serviceRecords),
    volunteerRecords: createVolunteerRecordsLoader(services.serviceRecords),
  };
}
export type VolunteeringLoaders = ReturnType<typeof createLoaders>;

export type VolunteeringContext = SubgraphContext<VolunteeringServices, VolunteeringLoaders>;
