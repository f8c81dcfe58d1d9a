import { addDays, chinaDate } from '@kepuri/platform';
import { organizationScopes, regionScopes } from '@kepuri/domain';
import type { Activity } from '../activity/activity.entity';

/**
 * What one activity adds to the dashboard rollups. Every write of an activity journals
 * rows(after) − rows(before) (`activity-stats.writer.ts`), check-ins are folded by the applier's
 * SQL (`activity-stats.applier.ts`); `activity-stats.recount.ts` computes the same from scratch in
 * SQL (seeds, and the property test that checks one against the other).
 */
export type StatsSubject = Pick<Activity,
  'campaignYear' | 'status' | 'regionCode' | 'organizerId' | 'organizerPath' | 'category'
  | 'jointAction' | 'contentAreas' | 'mode' | 'expectedParticipants' | 'actualParticipants' | 'onlineViews' | 'checkInCount'
  | 'startsAt' | 'endsAt'>;

export interface StatRow {
  campaignYear: number;
  scope: string;
  dimension: string;
  key: string;
  activities: number;
  expectedParticipants: number;
  actualParticipants: number;
  participants: number;
  checkIns: number;
  onlineViews: number;
}

export interface DailyRow {
  campaignYear: number;
  scope: string;
  day: string;
  running: number;
  checkIns: number;
}

const COUNTED: ReadonlySet<string> = new Set(['REGISTERED', 'COMPLETED']);
const MAX_DAYS = 400;

export const isCounted = (activity: Pick<Activity, 'status'>): boolean => COUNTED.has(activity.status);

/** The activity's region scopes, the organiser's own scope, and the subtree scope of every organisation on its path. */
export function scopesOf(activity: StatsSubject): string[] {
  return [...regionScopes(activity.regionCode), ...organizationScopes(activity.organizerId, activity.organizerPath)];
}

export function statRows(activity: StatsSubject): StatRow[] {
  if (!isCounted(activity)) return [];
  const year = activity.campaignYear;
  const facets: Array<[string, string]> = [
    ['category', activity.category],
    ...(activity.jointAction ? [['jointAction', activity.jointAction] as [string, string]] : []),
    ...activity.contentAreas.map((area): [string, string] => ['contentArea', area]),
    ['mode', activity.mode],
    ['status', activity.status],
  ];
  const rows: StatRow[] = [];
  for (const scope of scopesOf(activity)) {
    rows.push({
      campaignYear: year, scope, dimension: 'all', key: '', activities: 1,
      expectedParticipants: activity.expectedParticipants,
      actualParticipants: activity.actualParticipants ?? 0,
      participants: activity.actualParticipants ?? activity.expectedParticipants,
      checkIns: activity.checkInCount,
      onlineViews: activity.onlineViews ?? 0,
    });
    for (const [dimension, key] of facets) {
      rows.push({ campaignYear: year, scope, dimension, key, activities: 1, expectedParticipants: 0, actualParticipants: 0, participants: 0, checkIns: 0, onlineViews: 0 });
    }
  }
  return rows;
}

/** Days (China time) the activity runs, each counted once per region scope; plus its check-ins by day. */
export function dailyRows(activity: StatsSubject, checkInsByDay: ReadonlyMap<string, number>): DailyRow[] {
  if (!isCounted(activity)) return [];
  const rows: DailyRow[] = [];
  const first = chinaDate(activity.startsAt);
  const [end, cap] = [chinaDate(activity.endsAt), addDays(first, MAX_DAYS)];
  const running = new Set<string>();
  for (let day = first; day <= end && day <= cap; day = addDays(day, 1)) running.add(day);
  const days = new Set([...running, ...checkInsByDay.keys()]);
  for (const scope of regionScopes(activity.regionCode)) {
    for (const day of days) {
      rows.push({ campaignYear: activity.campaignYear, scope, day, running: running.has(day) ? 1 : 0, checkIns: checkInsByDay.get(day) ?? 0 });
    }
  }
  return rows;
}

export const STAT_NUMBERS: ReadonlyArray<keyof StatRow> = ['activities', 'expectedParticipants', 'actualParticipants', 'participants', 'checkIns', 'onlineViews'];
export const DAILY_NUMBERS: ReadonlyArray<keyof DailyRow> = ['running', 'checkIns'];
export const statKey = (row: StatRow): string => `${row.scope}|${row.campaignYear}|${row.dimension}|${row.key}`;
export const dailyKey = (row: DailyRow): string => `${row.scope}|${row.campaignYear}|${row.day}`;
