import type { DataSource } from 'typeorm';
import { byOrdinal } from '@kepuri/platform';
import { SERVICE_TYPES, type DailyStatsKey, type StatsKey } from '@kepuri/domain';
import { TEAM_LEVELS } from '../team/team-level.enum';
import { ALL_CAMPAIGNS } from './volunteer-stats.rows';
import type { VolunteerDay, VolunteerStats } from './volunteer-stats.types';

interface StatsRow {
  ord: string;
  dimension: string;
  key: string;
  volunteers: number;
  teams: number;
  active: number;
  records: number;
  hours: string;
}

/** Reads the maintained rollups: one statement for any number of scopes. */
export class VolunteerStatsService {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Figures of many (campaign, scope) pairs in one statement. Registered volunteers and teams come
   * from the all-campaigns bucket whatever the campaign; service figures from the campaign's own
   * bucket (the all-campaigns bucket when no campaign is given).
   */
  async stats(keys: readonly StatsKey[]): Promise<VolunteerStats[]> {
    const rows: StatsRow[] = await this.dataSource.query(
      `SELECT k.ord, s.dimension, s.key,
              coalesce(sum(s.volunteers) FILTER (WHERE s.campaign_year = ${ALL_CAMPAIGNS}), 0)::int AS volunteers,
              coalesce(sum(s.teams) FILTER (WHERE s.campaign_year = ${ALL_CAMPAIGNS}), 0)::int AS teams,
              coalesce(sum(s.active_volunteers) FILTER (WHERE s.campaign_year = k.year), 0)::int AS active,
              coalesce(sum(s.service_records) FILTER (WHERE s.campaign_year = k.year), 0)::int AS records,
              coalesce(sum(s.service_hours) FILTER (WHERE s.campaign_year = k.year), 0) AS hours
         FROM unnest($1::int[], $2::varchar[]) WITH ORDINALITY AS k(year, scope, ord)
         JOIN volunteer_stats s ON s.scope = k.scope AND s.campaign_year IN (${ALL_CAMPAIGNS}, k.year)
        GROUP BY k.ord, s.dimension, s.key`,
      [keys.map((key) => key.campaign ?? ALL_CAMPAIGNS), keys.map((key) => key.scope)],
    );
    return byOrdinal(keys.length, rows).map((group) => {
      const found = new Map(group.map((row) => [`${row.dimension}|${row.key}`, row]));
      const all = found.get('all|');
      return {
        volunteerCount: all?.volunteers ?? 0,
        activeVolunteerCount: all?.active ?? 0,
        teamCount: all?.teams ?? 0,
        serviceRecordCount: all?.records ?? 0,
        serviceHours: Number(all?.hours ?? 0),
        byServiceType: SERVICE_TYPES.map((serviceType) => {
          const row = found.get(`serviceType|${serviceType}`);
          return { serviceType, serviceRecordCount: row?.records ?? 0, serviceHours: Number(row?.hours ?? 0) };
        }),
        byTeamLevel: TEAM_LEVELS.map((level) => ({ level, teamCount: found.get(`teamLevel|${level}`)?.teams ?? 0 })),
      };
    });
  }

  /** Daily series of many scopes of one campaign each, in one statement; days with nothing are left out. */
  async daily(keys: readonly DailyStatsKey[]): Promise<VolunteerDay[][]> {
    const rows: Array<{ ord: string; day: string; records: number; hours: string }> = await this.dataSource.query(
      `SELECT k.ord, to_char(d.day, 'YYYY-MM-DD') AS day, d.service_records AS records, d.service_hours AS hours
         FROM unnest($1::int[], $2::varchar[]) WITH ORDINALITY AS k(year, scope, ord)
         JOIN volunteer_daily d ON d.scope = k.scope AND d.campaign_year = k.year
        WHERE d.service_records <> 0
        ORDER BY k.ord, d.day`,
      [keys.map((key) => key.campaign), keys.map((key) => key.scope)],
    );
    return byOrdinal(keys.length, rows).map((group): VolunteerDay[] =>
      group.map((row) => ({ day: row.day, serviceRecordCount: row.records, serviceHours: Number(row.hours) })));
  }
}
