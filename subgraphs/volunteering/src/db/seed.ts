import type { EntityManager } from 'typeorm';
import { insertRows } from '../../../shared/src/db';
import { sampleSet } from '../../../shared/src/seed/sample-plan';

/** Seeds sample volunteers and their service records against the sample activities. */
export async function seedVolunteering(manager: EntityManager, now: Date): Promise<void> {
  const { volunteers, serviceRecords } = sampleSet(now);
  await insertRows(manager, 'volunteers', ['id', 'name', 'region_code', 'organization_id', 'skills'],
    volunteers.map((v) => [v.id, v.name, v.regionCode, v.organizationId, v.skills]));
  await insertRows(manager, 'service_records', ['id', 'volunteer_id', 'activity_id', 'service_date', 'hours', 'service_type'],
    serviceRecords.map((r) => [r.id, r.volunteerId, r.activityId, r.serviceDate, r.hours, r.serviceType]));
}
