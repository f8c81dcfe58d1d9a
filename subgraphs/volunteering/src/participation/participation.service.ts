import type { DataSource } from 'typeorm';
import { isUuid } from '@kepuri/platform';
import type { CampaignParticipation } from './participation.entity';

export interface ParticipationKey {
  year: number;
  organizationId: string;
}

const keyOf = (key: ParticipationKey): string => `${key.year}:${key.organizationId.toLowerCase()}`;

export class ParticipationService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Volunteers and hours for many (campaign, organisation) pairs in one statement, each over the
   * service records of activities organised by the organisation or anything below it (the
   * organiser's path stored on each record).
   */
  async byKeys(keys: readonly ParticipationKey[]): Promise<CampaignParticipation[]> {
    const valid = keys.filter((key) => Number.isInteger(key.year) && isUuid(key.organizationId));
    const rows: Array<{ year: number; organizationId: string; volunteerCount: number; serviceHours: string }> = valid.length === 0 ? [] : await this.dataSource.query(
      `SELECT k.year, k.org AS "organizationId",
              count(DISTINCT s.volunteer_id)::int AS "volunteerCount",
              coalesce(sum(s.hours), 0) AS "serviceHours"
         FROM unnest($1::int[], $2::uuid[]) AS k(year, org)
         LEFT JOIN service_records s ON s.campaign_year = k.year AND s.organizer_path @> ARRAY[k.org]
        GROUP BY k.year, k.org`,
      [valid.map((key) => key.year), valid.map((key) => key.organizationId)],
    );
    const found = new Map(rows.map((row) => [keyOf(row), row]));
    return keys.map((key) => {
      const row = found.get(keyOf(key));
      return { ...key, volunteerCount: row?.volunteerCount ?? 0, serviceHours: Number(row?.serviceHours ?? 0) };
    });
  }
}
