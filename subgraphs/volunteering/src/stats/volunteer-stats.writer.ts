import type { EntityManager } from 'typeorm';
import { emitVolunteerStatsChanged } from '../events';
import {
  DAILY_NUMBERS, STAT_NUMBERS, dailyKey, dailyRows, presenceKey, presenceRows, serviceRows, statKey, teamRows,
  volunteerRows, type DailyRow, type ServiceSubject, type StatRow, type TeamSubject, type VolunteerSubject,
} from './volunteer-stats.rows';
import { addToRollup, inKeyOrder, rollupDifference as difference, type RollupColumn } from '@kepuri/platform';

/*
 * Applies a write to the rollups inside the caller's transaction: one upsert per table, rows in
 * key order, tables always in the order volunteer_active → volunteer_stats → volunteer_daily, so
 * concurrent writers lock rollup rows in one order.
 */

/** A volunteer registered (before null), changed or removed (after null): rows(after) − rows(before). */
export async function applyVolunteerChange(manager: EntityManager, before: VolunteerSubject | null, after: VolunteerSubject | null): Promise<void> {
  await upsertStats(manager, difference(before ? volunteerRows(before) : [], after ? volunteerRows(after) : [], statKey, STAT_NUMBERS));
}

/** A team created (before null), changed or removed (after null): rows(after) − rows(before). */
export async function applyTeamChange(manager: EntityManager, before: TeamSubject | null, after: TeamSubject | null): Promise<void> {
  await upsertStats(manager, difference(before ? teamRows(before) : [], after ? teamRows(after) : [], statKey, STAT_NUMBERS));
}

/**
 * A new service record: the volunteer's presence in each scope and campaign bucket (a first
 * presence makes one more active volunteer there), then its hours and count, then its day. Service
 * records are never changed or removed today; a write that did so would have to delete the presence
 * rows the volunteer's last record in a scope leaves and decrement the count with them.
 */
export async function applyServiceRecord(manager: EntityManager, record: ServiceSubject): Promise<void> {
  const presence = inKeyOrder(presenceRows(record), presenceKey);
  const first: Array<{ scope: string; campaign_year: number }> = await manager.query(
    `INSERT INTO volunteer_active (scope, campaign_year, volunteer_id)
     SELECT * FROM unnest($1::varchar[], $2::int[], $3::uuid[])
     ON CONFLICT (scope, campaign_year, volunteer_id) DO NOTHING
     RETURNING scope, campaign_year`,
    [presence.map((row) => row.scope), presence.map((row) => row.campaignYear), presence.map((row) => row.volunteerId)],
  );
  const firstIn = new Set(first.map((row) => `${row.scope}|${row.campaign_year}`));
  await upsertStats(manager, difference([], serviceRows(record, firstIn), statKey, STAT_NUMBERS));
  await upsertDaily(manager, difference([], dailyRows(record), dailyKey, DAILY_NUMBERS));
}

const STAT_KEYS: ReadonlyArray<RollupColumn<StatRow>> = [
  ['scope', 'varchar', 'scope'], ['campaign_year', 'int', 'campaignYear'], ['dimension', 'varchar', 'dimension'], ['key', 'varchar', 'key'],
];
const STAT_VALUES: ReadonlyArray<RollupColumn<StatRow>> = [
  ['volunteers', 'int', 'volunteers'], ['teams', 'int', 'teams'], ['active_volunteers', 'int', 'activeVolunteers'],
  ['service_records', 'int', 'serviceRecords'], ['service_hours', 'numeric', 'serviceHours'],
];
const DAILY_KEYS: ReadonlyArray<RollupColumn<DailyRow>> = [['scope', 'varchar', 'scope'], ['campaign_year', 'int', 'campaignYear'], ['day', 'date', 'day']];
const DAILY_VALUES: ReadonlyArray<RollupColumn<DailyRow>> = [['service_records', 'int', 'serviceRecords'], ['service_hours', 'numeric', 'serviceHours']];

async function upsertStats(manager: EntityManager, rows: StatRow[]): Promise<void> {
  if (rows.length === 0) return;
  await addToRollup(manager, 'volunteer_stats', STAT_KEYS, STAT_VALUES, rows);
  await emitVolunteerStatsChanged(manager, rows);
}

function upsertDaily(manager: EntityManager, rows: DailyRow[]): Promise<void> {
  return addToRollup(manager, 'volunteer_daily', DAILY_KEYS, DAILY_VALUES, rows);
}
