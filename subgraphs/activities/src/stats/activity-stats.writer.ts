import type { EntityManager } from 'typeorm';
import { emitActivityStatsChanged } from '../events';
import { regionScopes } from '@kepuri/domain';
import {
  DAILY_NUMBERS, STAT_NUMBERS, dailyKey, dailyRows, isCounted, scopesOf, statKey, statRows,
  type DailyRow, type StatRow, type StatsSubject,
} from './activity-stats.rows';
import { addToRollup, rollupDifference as difference, type RollupColumn } from '@kepuri/platform';

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
  await upsertDaily(manager, regionScopes(activity.regionCode).sort().map((scope) => ({ campaignYear: activity.campaignYear, scope, day, running: 0, checkIns: 1 })));
}

async function checkInsByDay(manager: EntityManager, activityId: string): Promise<Map<string, number>> {
  const rows: Array<{ day: string; n: number }> = await manager.query(
    `SELECT to_char(day, 'YYYY-MM-DD') AS day, count(*)::int AS n FROM check_ins WHERE activity_id = $1 GROUP BY day`,
    [activityId],
  );
  return new Map(rows.map((row) => [row.day, row.n]));
}

const STAT_KEYS: ReadonlyArray<RollupColumn<StatRow>> = [
  ['campaign_year', 'int', 'campaignYear'], ['scope', 'varchar', 'scope'], ['dimension', 'varchar', 'dimension'], ['key', 'varchar', 'key'],
];
const STAT_VALUES: ReadonlyArray<RollupColumn<StatRow>> = [
  ['activities', 'int', 'activities'], ['expected_participants', 'bigint', 'expectedParticipants'],
  ['actual_participants', 'bigint', 'actualParticipants'], ['participants', 'bigint', 'participants'], ['check_ins', 'bigint', 'checkIns'],
  ['online_views', 'bigint', 'onlineViews'],
];
const DAILY_KEYS: ReadonlyArray<RollupColumn<DailyRow>> = [['campaign_year', 'int', 'campaignYear'], ['scope', 'varchar', 'scope'], ['day', 'date', 'day']];
const DAILY_VALUES: ReadonlyArray<RollupColumn<DailyRow>> = [['running', 'int', 'running'], ['check_ins', 'int', 'checkIns']];

async function upsertStats(manager: EntityManager, rows: StatRow[]): Promise<void> {
  if (rows.length === 0) return;
  await addToRollup(manager, 'activity_stats', STAT_KEYS, STAT_VALUES, rows);
  await emitActivityStatsChanged(manager, rows);
}

function upsertDaily(manager: EntityManager, rows: DailyRow[]): Promise<void> {
  return addToRollup(manager, 'activity_daily', DAILY_KEYS, DAILY_VALUES, rows);
}
