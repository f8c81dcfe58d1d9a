import type { EntityManager } from 'typeorm';
import { journalRollup, rollupDifference as difference, type JournaledRollup } from '@kepuri/platform';
import { STAT_NUMBERS, statKey, teamRows, volunteerRows, type StatRow, type TeamSubject, type VolunteerSubject } from './volunteer-stats.rows';

/*
 * What a write adds to the rollups, recorded inside the caller's transaction; the rollup applier
 * (volunteer-stats.applier.ts) folds it into the tables. Nothing shared is written here.
 */

/** A volunteer registered (before null), changed or removed (after null): rows(after) − rows(before) into the journal. */
export function recordVolunteerChange(manager: EntityManager, before: VolunteerSubject | null, after: VolunteerSubject | null): Promise<void> {
  return journalRollup(manager, VOLUNTEER_STATS, difference(before ? volunteerRows(before) : [], after ? volunteerRows(after) : [], statKey, STAT_NUMBERS));
}

/** A team created (before null), changed or removed (after null): rows(after) − rows(before) into the journal. */
export function recordTeamChange(manager: EntityManager, before: TeamSubject | null, after: TeamSubject | null): Promise<void> {
  return journalRollup(manager, VOLUNTEER_STATS, difference(before ? teamRows(before) : [], after ? teamRows(after) : [], statKey, STAT_NUMBERS));
}

/**
 * A new service record, queued for the applier, which counts it with every record folded before
 * it (a volunteer's first record in a scope, or at an activity, makes one more active volunteer
 * there). Service records are never changed or removed today; a write that did so would have to
 * take the volunteer's presence back with its last record in a scope.
 */
export async function recordServiceRecord(manager: EntityManager, recordId: string): Promise<void> {
  await manager.query('INSERT INTO service_records_unapplied (record_id) VALUES ($1)', [recordId]);
}

export const VOLUNTEER_STATS: JournaledRollup<StatRow> = {
  table: 'volunteer_stats',
  journal: 'volunteer_stats_journal',
  keys: [['scope', 'varchar', 'scope'], ['campaign_year', 'int', 'campaignYear'], ['dimension', 'varchar', 'dimension'], ['key', 'varchar', 'key']],
  values: [
    ['volunteers', 'int', 'volunteers'], ['teams', 'int', 'teams'], ['active_volunteers', 'int', 'activeVolunteers'],
    ['service_records', 'int', 'serviceRecords'], ['service_hours', 'numeric', 'serviceHours'],
  ],
};
