import type { EntityManager } from 'typeorm';
import { journalQueue, type FactQueue, type RollupsDefinition } from '@kepuri/platform';
import { organizationScopesSql, regionScopesSql, type MovedRollupRow } from '@kepuri/domain';
import { emitVolunteerStatsChanged } from '../events';
import { ALL_CAMPAIGNS } from './volunteer-stats.rows';
import { VOLUNTEER_STATS } from './volunteer-stats.writer';

/**
 * Queued service records into the rollups, in one statement (scopes and campaign buckets as in
 * volunteer-stats.rows.ts):
 * - volunteer_active: the volunteer's presence in every scope and bucket of each record; a
 *   presence that is new makes one more active volunteer there;
 * - volunteer_stats: records and hours ('all' and by service type), and the new presences;
 * - volunteer_daily: the day of service in the activity's region scopes;
 * - activity_service_totals: the hours, and one more volunteer for each volunteer whose first
 *   folded record at the activity this is (no record of theirs there outside the queue).
 */
const FOLD_SERVICE_RECORDS = `
  WITH records AS (
    SELECT r.id, r.volunteer_id, r.activity_id, r.hours, r.service_type, r.campaign_year, r.region_code, r.organizer_path, r.service_date
      FROM service_records_unapplied u JOIN service_records r ON r.id = u.record_id
     WHERE u.seq = ANY($1::bigint[])
  ), scoped AS (
    SELECT x.volunteer_id, x.hours, x.service_type, s.scope, y.year FROM records x
     CROSS JOIN LATERAL (
       SELECT DISTINCT unnest(${regionScopesSql('x.region_code')}
         || ${organizationScopesSql('x.organizer_path[cardinality(x.organizer_path)]', 'x.organizer_path')}) AS scope
     ) s
     CROSS JOIN LATERAL unnest(array_remove(ARRAY[x.campaign_year, ${ALL_CAMPAIGNS}], NULL)) AS y(year)
  ), fresh AS (
    INSERT INTO volunteer_active (scope, campaign_year, volunteer_id)
    SELECT DISTINCT scope, year, volunteer_id FROM scoped ORDER BY 1, 2, 3
    ON CONFLICT DO NOTHING
    RETURNING scope, campaign_year
  ), activated AS (
    SELECT scope, campaign_year AS year, count(*) AS n FROM fresh GROUP BY 1, 2
  ), daily AS (
    INSERT INTO volunteer_daily AS t (scope, campaign_year, day, service_records, service_hours)
    SELECT s.scope, r.campaign_year, r.service_date, count(*), sum(r.hours) FROM records r
     CROSS JOIN LATERAL (SELECT DISTINCT unnest(${regionScopesSql('r.region_code')}) AS scope) s
     WHERE r.campaign_year IS NOT NULL
     GROUP BY 1, 2, 3 ORDER BY 1, 2, 3
    ON CONFLICT (scope, campaign_year, day) DO UPDATE SET
      service_records = t.service_records + EXCLUDED.service_records, service_hours = t.service_hours + EXCLUDED.service_hours
  ), totals AS (
    INSERT INTO activity_service_totals AS t (activity_id, volunteer_count, service_hours)
    SELECT r.activity_id, count(DISTINCT r.volunteer_id) FILTER (WHERE NOT EXISTS (
             SELECT 1 FROM service_records o
              WHERE o.activity_id = r.activity_id AND o.volunteer_id = r.volunteer_id
                AND NOT EXISTS (SELECT 1 FROM service_records_unapplied q WHERE q.record_id = o.id))),
           sum(r.hours)
      FROM records r GROUP BY r.activity_id ORDER BY r.activity_id
    ON CONFLICT (activity_id) DO UPDATE SET
      volunteer_count = t.volunteer_count + EXCLUDED.volunteer_count, service_hours = t.service_hours + EXCLUDED.service_hours
  ), figures AS (
    SELECT scope, year, 'all' AS dimension, '' AS key, count(*) AS records, sum(hours) AS hours FROM scoped GROUP BY scope, year
    UNION ALL
    SELECT scope, year, 'serviceType', service_type, count(*), sum(hours) FROM scoped GROUP BY scope, year, service_type
  )
  INSERT INTO volunteer_stats AS t (scope, campaign_year, dimension, key, active_volunteers, service_records, service_hours)
  SELECT f.scope, f.year, f.dimension, f.key, CASE WHEN f.dimension = 'all' THEN coalesce(a.n, 0) ELSE 0 END, f.records, f.hours
    FROM figures f LEFT JOIN activated a ON a.scope = f.scope AND a.year = f.year
   ORDER BY 1, 2, 3, 4
  ON CONFLICT (scope, campaign_year, dimension, key) DO UPDATE SET
    active_volunteers = t.active_volunteers + EXCLUDED.active_volunteers,
    service_records = t.service_records + EXCLUDED.service_records, service_hours = t.service_hours + EXCLUDED.service_hours
  RETURNING t.scope, t.campaign_year AS "campaignYear"`;

export const SERVICE_RECORD_QUEUE: FactQueue<MovedRollupRow> = {
  table: 'service_records_unapplied',
  apply: (manager: EntityManager, seqs: string[]): Promise<MovedRollupRow[]> => manager.query(FOLD_SERVICE_RECORDS, [seqs]),
};

/** The volunteering subgraph's rollups: the journal of volunteers and teams, and the service records. */
export const VOLUNTEER_ROLLUPS: RollupsDefinition<MovedRollupRow> = {
  queues: [journalQueue(VOLUNTEER_STATS, true), SERVICE_RECORD_QUEUE],
  announce: emitVolunteerStatsChanged,
};
