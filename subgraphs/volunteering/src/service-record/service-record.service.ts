import { In, type DataSource } from 'typeorm';
import { ServiceRecord } from './service-record.entity';

export interface ActivityServiceTotals {
  activityId: string;
  volunteerCount: number;
  serviceHours: number;
}

export class ServiceRecordService {
  constructor(private readonly dataSource: DataSource) {}

  /** Service records of many volunteers in one statement, newest first. */
  byVolunteers(volunteerIds: readonly string[]): Promise<ServiceRecord[]> {
    return this.dataSource.getRepository(ServiceRecord).find({
      where: { volunteerId: In([...volunteerIds]) },
      order: { serviceDate: 'DESC', id: 'ASC' },
    });
  }

  /** Volunteers and hours for many activities in one statement. */
  async totalsByActivity(activityIds: readonly string[]): Promise<ActivityServiceTotals[]> {
    const rows: Array<{ activity_id: string; volunteer_count: string; service_hours: string }> = await this.dataSource.query(
      `SELECT activity_id, count(DISTINCT volunteer_id) AS volunteer_count, sum(hours) AS service_hours
         FROM service_records WHERE activity_id = ANY($1::uuid[]) GROUP BY activity_id`,
      [activityIds],
    );
    return rows.map((row) => ({
      activityId: row.activity_id,
      volunteerCount: Number(row.volunteer_count),
      serviceHours: Number(row.service_hours),
    }));
  }
}
