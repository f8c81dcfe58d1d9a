import type { EntityManager } from 'typeorm';
import { emitVolunteerStatsChanged } from '../events';
import {
  DAILY_NUMBERS, STAT_NUMBERS, dailyKey, dailyRows, presenceKey, presenceRows, serviceRows, statKey, teamRows,
  volunteerRows, type DailyRow, type ServiceSubject, type StatRow, type TeamSubject, type VolunteerSubject,
} from './volunteer-stats.rows';
import { inKeyOrder, rollupDifference as difference } from '../../../shared/src/rollups';

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

async function upsertStats(manager: EntityManager, rows: StatRow[]): Promise<void> {
  if (rows.length === 0) return;
  const column = <K extends keyof StatRow>(key: K) => rows.map((row) => row[key]);
  await manager.query(
    `INSERT INTO volunteer_stats AS s (scope, campaign_year, dimension, key, volunteers, teams, active_volunteers, service_records, service_hours)
     SELECT * FROM unnest($1::varchar[], $2::int[], $3::varchar[], $4::varchar[], $5::int[], $6::int[], $7::int[], $8::int[], $9::numeric[])
     ON CONFLICT (scope, campaign_year, dimension, key) DO UPDATE SET
       volunteers = s.volunteers + EXCLUDED.volunteers,
       teams = s.teams + EXCLUDED.teams,
       active_volunteers = s.active_volunteers + EXCLUDED.active_volunteers,
       service_records = s.service_records + EXCLUDED.service_records,
       service_hours = s.service_hours + EXCLUDED.service_hours`,
    [column('scope'), column('campaignYear'), column('dimension'), column('key'), column('volunteers'), column('teams'),
      column('activeVolunteers'), column('serviceRecords'), column('serviceHours')],
  );
  await emitVolunteerStatsChanged(manager, rows);
}

async function upsertDaily(manager: EntityManager, rows: DailyRow[]): Promise<void> {
  if (rows.length === 0) return;
  await manager.query(
    `INSERT INTO volunteer_daily AS d (scope, campaign_year, day, service_records, service_hours)
     SELECT * FROM unnest($1::varchar[], $2::int[], $3::date[], $4::int[], $5::numeric[])
     ON CONFLICT (scope, campaign_year, day) DO UPDATE SET
       service_records = d.service_records + EXCLUDED.service_records, service_hours = d.service_hours + EXCLUDED.service_hours`,
    [rows.map((row) => row.scope), rows.map((row) => row.campaignYear), rows.map((row) => row.day), rows.map((row) => row.serviceRecords),
      rows.map((row) => row.serviceHours)],
  );
}
