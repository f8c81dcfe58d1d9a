import type { EntityManager } from 'typeorm';
import { emitActivityStatsChanged } from '../events';
import {
  DAILY_NUMBERS, STAT_NUMBERS, dailyKey, dailyRows, isCounted, regionScopes, scopesOf, statKey, statRows,
  type DailyRow, type StatRow, type StatsSubject,
} from './activity-stats.rows';
import { rollupDifference as difference } from '../../../shared/src/rollups';

/** A copy of the fields the rollups depend on, taken before a write changes the entity. */
export function statsSnapshot(activity: StatsSubject): StatsSubject {
  return { ...activity, contentAreas: [...activity.contentAreas], organizerPath: [...activity.organizerPath] };
}

/**
 * Applies an activity's change to the rollups inside the caller's transaction: rows(after) −
 * rows(before), one upsert per table, in key order (so concurrent writers lock rows in one order).
 */
export async function applyActivityChange(
  manager: EntityManager,
  activityId: string,
  before: StatsSubject | null,
  after: StatsSubject | null,
): Promise<void> {
  const hasCheckIns = [before, after].some((state) => state && isCounted(state) && state.checkInCount > 0);
  const byDay = hasCheckIns ? await checkInsByDay(manager, activityId) : new Map<string, number>();
  const stats = difference(before ? statRows(before) : [], after ? statRows(after) : [], statKey, STAT_NUMBERS);
  const daily = difference(before ? dailyRows(before, byDay) : [], after ? dailyRows(after, byDay) : [], dailyKey, DAILY_NUMBERS);
  await upsertStats(manager, stats);
  await upsertDaily(manager, daily);
}

/** One more check-in on `day`: the activity's 'all' rows in every scope, and the day in its region scopes. */
export async function applyCheckIn(manager: EntityManager, activity: StatsSubject, day: string): Promise<void> {
  if (!isCounted(activity)) return;
  const zero = { expectedParticipants: 0, actualParticipants: 0, participants: 0, onlineViews: 0, activities: 0 };
  await upsertStats(manager, scopesOf(activity).sort().map((scope) => ({
    ...zero, campaignYear: activity.campaignYear, scope, dimension: 'all', key: '', checkIns: 1,
  })));
  await upsertDaily(manager, regionScopes(activity).sort().map((scope) => ({ campaignYear: activity.campaignYear, scope, day, running: 0, checkIns: 1 })));
}

async function checkInsByDay(manager: EntityManager, activityId: string): Promise<Map<string, number>> {
  const rows: Array<{ day: string; n: number }> = await manager.query(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, count(*)::int AS n FROM check_ins WHERE activity_id = $1 GROUP BY day`,
    [activityId],
  );
  return new Map(rows.map((row) => [row.day, row.n]));
}

async function upsertStats(manager: EntityManager, rows: StatRow[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <K extends keyof StatRow>(key: K) => rows.map((row) => row[key]);
  await manager.query(
    `INSERT INTO activity_stats AS s (campaign_year, scope, dimension, key, activities, expected_participants, actual_participants,
       participants, check_ins, online_views)
     SELECT * FROM unnest($1::int[], $2::varchar[], $3::varchar[], $4::varchar[], $5::int[], $6::bigint[], $7::bigint[], $8::bigint[],
       $9::bigint[], $10::bigint[])
     ON CONFLICT (scope, campaign_year, dimension, key) DO UPDATE SET
       activities = s.activities + EXCLUDED.activities,
       expected_participants = s.expected_participants + EXCLUDED.expected_participants,
       actual_participants = s.actual_participants + EXCLUDED.actual_participants,
       participants = s.participants + EXCLUDED.participants,
       check_ins = s.check_ins + EXCLUDED.check_ins,
       online_views = s.online_views + EXCLUDED.online_views`,
    [column('campaignYear'), column('scope'), column('dimension'), column('key'), column('activities'), column('expectedParticipants'),
      column('actualParticipants'), column('participants'), column('checkIns'), column('onlineViews')],
  );
  await emitActivityStatsChanged(manager, rows);
}

async function upsertDaily(manager: EntityManager, rows: DailyRow[]): Promise<void> {
  if (rows.length === 0) return;
  await manager.query(
    `INSERT INTO activity_daily AS d (campaign_year, scope, day, running, check_ins)
     SELECT * FROM unnest($1::int[], $2::varchar[], $3::date[], $4::int[], $5::int[])
     ON CONFLICT (scope, campaign_year, day) DO UPDATE SET running = d.running + EXCLUDED.running, check_ins = d.check_ins + EXCLUDED.check_ins`,
    [rows.map((row) => row.campaignYear), rows.map((row) => row.scope), rows.map((row) => row.day), rows.map((row) => row.running),
      rows.map((row) => row.checkIns)],
  );
}
