import type { EntityManager } from 'typeorm';
import { journalQueue, type FactQueue, type RollupsDefinition } from '@kepuri/platform';
import { organizationScopesSql, regionScopesSql, type MovedRollupRow } from '@kepuri/domain';
import { emitActivityStatsChanged, emitCheckInRecorded, type CheckInRecordedKey } from '../events';
import { ACTIVITY_DAILY, ACTIVITY_STATS } from './activity-stats.writer';

/**
 * Queued check-ins into the rollups, one batch at a time (the applier holds the subgraph's lock):
 * 1. each activity's count moves by its check-ins in the batch. The UPDATE locks their count rows,
 *    which a change of an activity (a withdrawal, a new region) locks too, so such a change commits
 *    before or after the whole batch, never in between, and the statements after it see each
 *    activity as it stays until commit;
 * 2. the check-ins of counted activities (REGISTERED, COMPLETED) add to the 'all' row of every
 *    scope of their activity and to their day in its region scopes — grouped in SQL, one upsert
 *    per table;
 * 3. checkInRecorded for each check-in, with the activity's count after it.
 */
const COUNT_CHECK_INS = `
  UPDATE activity_check_in_counts c SET check_in_count = c.check_in_count + b.n
    FROM (SELECT activity_id, count(*)::int AS n FROM check_ins_unapplied WHERE seq = ANY($1::bigint[]) GROUP BY activity_id) b
   WHERE c.activity_id = b.activity_id
  RETURNING c.activity_id AS id, c.check_in_count AS count`;

const FOLD_CHECK_INS = `
  WITH batch AS (
    SELECT activity_id, day, count(*) AS n FROM check_ins_unapplied WHERE seq = ANY($1::bigint[]) GROUP BY activity_id, day
  ), counted AS (
    SELECT a.campaign_year, a.region_code, a.organizer_id, a.organizer_path, b.day, b.n
      FROM batch b JOIN activities a ON a.id = b.activity_id
     WHERE a.status IN ('REGISTERED', 'COMPLETED')
  ), daily AS (
    INSERT INTO activity_daily AS t (campaign_year, scope, day, check_ins)
    SELECT c.campaign_year, s.scope, c.day, sum(c.n) FROM counted c
     CROSS JOIN LATERAL (SELECT DISTINCT unnest(${regionScopesSql('c.region_code')}) AS scope) s
     GROUP BY 1, 2, 3 ORDER BY 2, 1, 3
    ON CONFLICT (scope, campaign_year, day) DO UPDATE SET check_ins = t.check_ins + EXCLUDED.check_ins
  )
  INSERT INTO activity_stats AS t (campaign_year, scope, dimension, key, check_ins)
  SELECT c.campaign_year, s.scope, 'all', '', sum(c.n) FROM counted c
   CROSS JOIN LATERAL (
     SELECT DISTINCT unnest(${regionScopesSql('c.region_code')} || ${organizationScopesSql('c.organizer_id', 'c.organizer_path')}) AS scope
   ) s
   GROUP BY 1, 2 ORDER BY 2, 1
  ON CONFLICT (scope, campaign_year, dimension, key) DO UPDATE SET check_ins = t.check_ins + EXCLUDED.check_ins
  RETURNING t.scope, t.campaign_year AS "campaignYear"`;

/** Each check-in of the batch with how many of its activity's check-ins in the batch come after it. */
const BATCH_CHECK_INS = `
  SELECT check_in_id AS "checkInId", activity_id AS "activityId", to_char(day, 'YYYY-MM-DD') AS day, recorded_at AS "recordedAt",
         (row_number() OVER (PARTITION BY activity_id ORDER BY seq DESC) - 1)::int AS later
    FROM check_ins_unapplied WHERE seq = ANY($1::bigint[]) ORDER BY seq`;

export const CHECK_IN_QUEUE: FactQueue<MovedRollupRow> = {
  table: 'check_ins_unapplied',
  async apply(manager: EntityManager, seqs: string[]): Promise<MovedRollupRow[]> {
    // TypeORM answers an UPDATE with [rows, count].
    const [counts]: [Array<{ id: string; count: number }>, number] = await manager.query(COUNT_CHECK_INS, [seqs]);
    const moved: MovedRollupRow[] = await manager.query(FOLD_CHECK_INS, [seqs]);
    const after = new Map(counts.map((row) => [row.id, row.count]));
    const checkIns: Array<{ checkInId: string; activityId: string; day: string; recordedAt: Date; later: number }> = await manager.query(BATCH_CHECK_INS, [seqs]);
    await emitCheckInRecorded(manager, checkIns.map(({ later, recordedAt, ...checkIn }): CheckInRecordedKey => ({
      ...checkIn, checkInCount: after.get(checkIn.activityId)! - later, recordedAt: recordedAt.getTime(),
    })));
    return moved;
  },
};

/** The activities subgraph's rollups: its journals (registrations, changes) and the check-ins; one statsChanged per province a batch moved. */
export const ACTIVITY_ROLLUPS: RollupsDefinition<MovedRollupRow> = {
  queues: [journalQueue(ACTIVITY_STATS, true), journalQueue(ACTIVITY_DAILY, false), CHECK_IN_QUEUE],
  announce: emitActivityStatsChanged,
};
