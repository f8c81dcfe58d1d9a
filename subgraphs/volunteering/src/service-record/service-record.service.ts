import { In, type DataSource } from 'typeorm';
import {
  mayManage, requireRole, isUniqueViolation, badInput, chinaDate, hubError, type Identity, type SubgraphRuntime,
} from '@kepuri/platform';
import { lookupActivity } from '../hub/lookups';
import { recordServiceRecord } from '../stats/volunteer-stats.writer';
import { Volunteer } from '../volunteer/volunteer.entity';
import { ServiceRecord } from './service-record.entity';
import type { RecordServiceInput } from './service-record.input';
import { MAX_HOURS_PER_DAY, SERVABLE_STATUSES } from './service-record.rules';

export interface ActivityServiceTotals {
  activityId: string;
  volunteerCount: number;
  serviceHours: number;
}

export class ServiceRecordService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runtime: SubgraphRuntime,
  ) {}

  /** Service records of many volunteers in one statement, newest first. */
  byVolunteers(volunteerIds: readonly string[]): Promise<ServiceRecord[]> {
    return this.dataSource.getRepository(ServiceRecord).find({
      where: { volunteerId: In([...volunteerIds]) },
      order: { serviceDate: 'DESC', id: 'ASC' },
    });
  }

  /** Volunteers and hours for many activities in one statement, from the totals kept by recordService. */
  async totalsByActivity(activityIds: readonly string[]): Promise<ActivityServiceTotals[]> {
    const rows: Array<{ activity_id: string; volunteer_count: number; service_hours: string }> = await this.dataSource.query(
      'SELECT activity_id, volunteer_count, service_hours FROM activity_service_totals WHERE activity_id = ANY($1::uuid[])',
      [activityIds],
    );
    return rows.map((row) => ({
      activityId: row.activity_id,
      volunteerCount: Number(row.volunteer_count),
      serviceHours: Number(row.service_hours),
    }));
  }

  /**
   * 记录志愿服务: a volunteer's hours at a REGISTERED or COMPLETED activity on one of its days
   * (China time), recorded by the managers of the activity's organiser or of the volunteer's
   * organisation (or the host). One record per volunteer, activity and day; at most 24 hours a day
   * across activities. The record is stored with the organiser's path, the activity's region and
   * campaign; the activity's totals and the dashboard rollups follow within the rollup applier's
   * bound (see ARCHITECTURE.md, "Rollups applied in batches"). A lock on the volunteer's key
   * serialises their records.
   */
  async record(input: RecordServiceInput, identity: Identity): Promise<ServiceRecord> {
    requireRole(identity, ['organizer', 'supervisor', 'admin'], 'recordService');
    const [volunteer, activity] = await Promise.all([
      this.dataSource.getRepository(Volunteer).findOneBy({ id: input.volunteerId }),
      lookupActivity(this.runtime.hub, input.activityId),
    ]);
    if (!volunteer) throw hubError('NOT_FOUND', `volunteerId: no volunteer ${input.volunteerId}`, { field: 'volunteerId' });
    if (!activity) throw hubError('NOT_FOUND', `activityId: no activity ${input.activityId}`, { field: 'activityId' });
    if (!mayManage(identity, activity.organizerPath) && !mayManage(identity, volunteer.organizationPath)) {
      throw hubError('FORBIDDEN', 'recordService: only the managers of the activity\'s organiser or of the volunteer\'s organisation, or the host, may do this');
    }
    if (!(SERVABLE_STATUSES as readonly string[]).includes(activity.status)) {
      throw hubError('CONFLICT', `recordService: the activity is ${activity.status}; service is recorded at ${SERVABLE_STATUSES.join(' or ')} activities`,
        { field: 'activityId', status: activity.status });
    }
    const [first, last] = [chinaDate(activity.startsAt), chinaDate(activity.endsAt)];
    if (input.serviceDate < first || input.serviceDate > last) {
      throw badInput('serviceDate', `must be one of the activity's days, ${first} to ${last} (China time)`);
    }
    try {
      return await this.dataSource.transaction(async (manager) => {
        // One volunteer's records one after another (the 24-hours rule reads their day): a lock on
        // the volunteer's key, no row of anyone written or locked.
        await manager.query('SELECT pg_advisory_xact_lock(hashtextextended($1, 0))', [`service_records:${volunteer.id}`]);
        const [existing]: Array<{ duplicate: boolean | null; day_hours: string }> = await manager.query(
          `SELECT bool_or(activity_id = $2 AND service_date = $3) AS duplicate,
                  coalesce(sum(hours) FILTER (WHERE service_date = $3), 0) AS day_hours
             FROM service_records WHERE volunteer_id = $1 AND (activity_id = $2 OR service_date = $3)`,
          [volunteer.id, activity.id, input.serviceDate],
        );
        if (existing.duplicate) {
          throw hubError('CONFLICT', `serviceDate: ${volunteer.name} already has a record at this activity on ${input.serviceDate}`, { field: 'serviceDate' });
        }
        const dayHours = Number(existing.day_hours);
        if (dayHours + input.hours > MAX_HOURS_PER_DAY) {
          throw badInput('hours', `${volunteer.name} already has ${dayHours} hours on ${input.serviceDate}; at most ${MAX_HOURS_PER_DAY} a day`);
        }
        const record = await manager.save(manager.create(ServiceRecord, {
          volunteerId: volunteer.id,
          activityId: activity.id,
          serviceDate: input.serviceDate,
          hours: input.hours,
          serviceType: input.serviceType,
          organizerPath: activity.organizerPath,
          regionCode: activity.regionCode,
          campaignYear: activity.campaignYear,
          createdBy: identity.sub ?? null,
        }));
        await recordServiceRecord(manager, record.id);
        return record;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'service_records_one_per_day')) {
        throw hubError('CONFLICT', `serviceDate: the volunteer already has a record at this activity on ${input.serviceDate}`, { field: 'serviceDate' });
      }
      throw error;
    }
  }
}
