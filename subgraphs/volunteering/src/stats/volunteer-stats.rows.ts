import { organizationScopes, regionScopes } from '@kepuri/domain';
import type { VolunteerTeam } from '../team/team.entity';
import type { Volunteer } from '../volunteer/volunteer.entity';

/**
 * What one volunteer, team or service record adds to the dashboard rollups. A volunteer's or
 * team's write journals rows(after) − rows(before) (volunteer-stats.writer.ts); service records
 * are folded by the applier's SQL (volunteer-stats.applier.ts); `volunteer-stats.recount.ts`
 * computes the same from scratch in SQL (seeds, and the property test that checks them against it).
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

const ZERO = { volunteers: 0, teams: 0, activeVolunteers: 0, serviceRecords: 0, serviceHours: 0 };

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

export const STAT_NUMBERS: ReadonlyArray<keyof StatRow> = ['volunteers', 'teams', 'activeVolunteers', 'serviceRecords', 'serviceHours'];
export const statKey = (row: StatRow): string => `${row.scope}|${row.campaignYear}|${row.dimension}|${row.key}`;
