import { organizationScopes, regionScopes } from '@kepuri/domain';
import type { ServiceRecord } from '../service-record/service-record.entity';
import type { VolunteerTeam } from '../team/team.entity';
import type { Volunteer } from '../volunteer/volunteer.entity';

/**
 * What one volunteer, team or service record adds to the dashboard rollups. The writer applies
 * rows(after) − rows(before) on every write; `volunteer-stats.recount.ts` computes the same from
 * scratch in SQL (seeds, and the property test that checks one against the other).
 *
 * Scopes (@kepuri/domain scopes.ts): the nation, a region with everything in it, an organisation
 * itself, an organisation and everything below it.
 * - Volunteers and teams count where they are registered: their own region (and its city and
 *   province) and their organisation (itself, and every organisation on its path).
 * - Service counts where it was given: the activity's region and the activity organiser's path,
 *   both stored on the record when it was written (the same organiser scope as
 *   CampaignParticipation's hours), whoever the volunteer belongs to.
 * Campaigns: `ALL_CAMPAIGNS` (0) is the bucket of every campaign together. Registered volunteers
 * and teams have no campaign and live only there; service figures are kept per campaign and there.
 */
export const ALL_CAMPAIGNS = 0;

export type VolunteerSubject = Pick<Volunteer, 'regionCode' | 'organizationId' | 'organizationPath'>;
export type TeamSubject = Pick<VolunteerTeam, 'regionCode' | 'organizationId' | 'organizationPath' | 'level'>;
export type ServiceSubject = Pick<ServiceRecord,
  'volunteerId' | 'campaignYear' | 'regionCode' | 'organizerPath' | 'serviceType' | 'hours' | 'serviceDate'>;

export interface StatRow {
  scope: string;
  campaignYear: number;
  dimension: 'all' | 'serviceType' | 'teamLevel';
  key: string;
  volunteers: number;
  teams: number;
  activeVolunteers: number;
  serviceRecords: number;
  serviceHours: number;
}

export interface DailyRow {
  scope: string;
  campaignYear: number;
  day: string;
  serviceRecords: number;
  serviceHours: number;
}

/** One volunteer's membership of a scope in a campaign (or in all campaigns). */
export interface PresenceRow {
  scope: string;
  campaignYear: number;
  volunteerId: string;
}

const ZERO = { volunteers: 0, teams: 0, activeVolunteers: 0, serviceRecords: 0, serviceHours: 0 };

/** Where a service record counts: the activity's region scopes and its organiser (the last of the stored path). */
export function serviceScopes(record: Pick<ServiceSubject, 'regionCode' | 'organizerPath'>): string[] {
  const path = record.organizerPath ?? [];
  return [...regionScopes(record.regionCode), ...organizationScopes(path.at(-1) ?? null, path)];
}

/** The campaign buckets a service record counts in: its campaign, and all campaigns together. */
export function serviceYears(record: Pick<ServiceSubject, 'campaignYear'>): number[] {
  return record.campaignYear === null || record.campaignYear === undefined ? [ALL_CAMPAIGNS] : [record.campaignYear, ALL_CAMPAIGNS];
}

export function volunteerRows(volunteer: VolunteerSubject): StatRow[] {
  return [...regionScopes(volunteer.regionCode), ...organizationScopes(volunteer.organizationId, volunteer.organizationPath)]
    .map((scope) => ({ ...ZERO, scope, campaignYear: ALL_CAMPAIGNS, dimension: 'all', key: '', volunteers: 1 }));
}

export function teamRows(team: TeamSubject): StatRow[] {
  return [...regionScopes(team.regionCode), ...organizationScopes(team.organizationId, team.organizationPath)].flatMap((scope): StatRow[] => [
    { ...ZERO, scope, campaignYear: ALL_CAMPAIGNS, dimension: 'all', key: '', teams: 1 },
    { ...ZERO, scope, campaignYear: ALL_CAMPAIGNS, dimension: 'teamLevel', key: team.level, teams: 1 },
  ]);
}

export function presenceRows(record: ServiceSubject): PresenceRow[] {
  return serviceScopes(record).flatMap((scope) => serviceYears(record).map((campaignYear) => ({ scope, campaignYear, volunteerId: record.volunteerId })));
}

/**
 * A new service record's rows; `firstIn` holds the `scope|campaignYear` pairs where this record is
 * the volunteer's first, each of which makes one more active volunteer there.
 */
export function serviceRows(record: ServiceSubject, firstIn: ReadonlySet<string>): StatRow[] {
  const hours = Number(record.hours);
  return serviceScopes(record).flatMap((scope) => serviceYears(record).flatMap((campaignYear): StatRow[] => [
    {
      ...ZERO, scope, campaignYear, dimension: 'all', key: '', serviceRecords: 1, serviceHours: hours,
      activeVolunteers: firstIn.has(`${scope}|${campaignYear}`) ? 1 : 0,
    },
    { ...ZERO, scope, campaignYear, dimension: 'serviceType', key: record.serviceType, serviceRecords: 1, serviceHours: hours },
  ]));
}

/** The day of service in the region scopes of the activity, for the record's campaign. */
export function dailyRows(record: ServiceSubject): DailyRow[] {
  if (record.campaignYear === null || record.campaignYear === undefined) return [];
  return regionScopes(record.regionCode).map((scope) => ({
    scope, campaignYear: record.campaignYear!, day: record.serviceDate, serviceRecords: 1, serviceHours: Number(record.hours),
  }));
}

export const STAT_NUMBERS: ReadonlyArray<keyof StatRow> = ['volunteers', 'teams', 'activeVolunteers', 'serviceRecords', 'serviceHours'];
export const DAILY_NUMBERS: ReadonlyArray<keyof DailyRow> = ['serviceRecords', 'serviceHours'];
export const statKey = (row: StatRow): string => `${row.scope}|${row.campaignYear}|${row.dimension}|${row.key}`;
export const dailyKey = (row: DailyRow): string => `${row.scope}|${row.campaignYear}|${row.day}`;
export const presenceKey = (row: PresenceRow): string => `${row.scope}|${row.campaignYear}|${row.volunteerId}`;
