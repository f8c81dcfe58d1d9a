import type { EntityManager } from 'typeorm';
import { journalRollup, rollupDifference as difference, type JournaledRollup } from '@kepuri/platform';
import {
  DAILY_NUMBERS, STAT_NUMBERS, dailyKey, dailyRows, isCounted, statKey, statRows, type DailyRow, type StatRow, type StatsSubject,
} from './activity-stats.rows';

/** A copy of the fields the rollups depend on, taken before a write changes the entity. */
export function statsSnapshot(activity: StatsSubject): StatsSubject {
  return { ...activity, contentAreas: [...activity.contentAreas], organizerPath: [...activity.organizerPath] };
}

/**
 * Records an activity's change for the rollups inside the caller's transaction: rows(after) −
 * rows(before) into the journals, which the rollup applier folds into the tables. The caller holds
 * the activity's row lock, so `checkInCount` is the count the applier has folded so far and the
 * check-ins by day below are exactly those (the applier locks the activity before it folds more).
 */
export async function recordActivityChange(
  manager: EntityManager,
  activityId: string,
  before: StatsSubject | null,
  after: StatsSubject | null,
): Promise<void> {
  const hasCheckIns = [before, after].some((state) => state && isCounted(state) && state.checkInCount > 0);
  const byDay = hasCheckIns ? await appliedCheckInsByDay(manager, activityId) : new Map<string, number>();
  await journalRollup(manager, ACTIVITY_STATS, difference(before ? statRows(before) : [], after ? statRows(after) : [], statKey, STAT_NUMBERS));
  await journalRollup(manager, ACTIVITY_DAILY, difference(before ? dailyRows(before, byDay) : [], after ? dailyRows(after, byDay) : [], dailyKey, DAILY_NUMBERS));
}

/** The activity's check-ins by day that the applier has folded: all of them but those still queued (one snapshot). */
async function appliedCheckInsByDay(manager: EntityManager, activityId: string): Promise<Map<string, number>> {
  const rows: Array<{ day: string; n: number }> = await manager.query(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, sum(n)::int AS n FROM (
       SELECT day, count(*) AS n FROM check_ins WHERE activity_id = $1 GROUP BY day
       UNION ALL SELECT day, -count(*) FROM check_ins_unapplied WHERE activity_id = $1 GROUP BY day
     ) c GROUP BY day HAVING sum(n) <> 0`,
    [activityId],
  );
  return new Map(rows.map((row) => [row.day, row.n]));
}

export const ACTIVITY_STATS: JournaledRollup<StatRow> = {
  table: 'activity_stats',
  journal: 'activity_stats_journal',
  keys: [['campaign_year', 'int', 'campaignYear'], ['scope', 'varchar', 'scope'], ['dimension', 'varchar', 'dimension'], ['key', 'varchar', 'key']],
  values: [
    ['activities', 'int', 'activities'], ['expected_participants', 'bigint', 'expectedParticipants'],
    ['actual_participants', 'bigint', 'actualParticipants'], ['participants', 'bigint', 'participants'], ['check_ins', 'bigint', 'checkIns'],
    ['online_views', 'bigint', 'onlineViews'],
  ],
};

export const ACTIVITY_DAILY: JournaledRollup<DailyRow> = {
  table: 'activity_daily',
  journal: 'activity_daily_journal',
  keys: [['campaign_year', 'int', 'campaignYear'], ['scope', 'varchar', 'scope'], ['day', 'date', 'day']],
  values: [['running', 'int', 'running'], ['check_ins', 'int', 'checkIns']],
};
