/**
 * The hub's clock convention: instants are kept and answered in UTC; the days, years and deadlines
 * people read are China Standard Time, UTC+8 all year (no daylight saving).
 */

export const HOUR_MS = 3_600_000;
export const DAY_MS = 24 * HOUR_MS;
/** How far China Standard Time is ahead of UTC. */
export const CHINA_OFFSET_MS = 8 * HOUR_MS;

/** An instant as a Date, an ISO string or epoch milliseconds. */
export type Instant = Date | string | number;

/** The instant moved by the offset, so that its UTC fields read China's wall clock. */
const chinaWallClock = (instant: Instant): Date => new Date(new Date(instant).getTime() + CHINA_OFFSET_MS);

/** The China calendar day of an instant, YYYY-MM-DD. */
export function chinaDate(instant: Instant): string {
  return chinaWallClock(instant).toISOString().slice(0, 10);
}

/** The China calendar year of an instant. */
export function chinaYear(instant: Instant): number {
  return chinaWallClock(instant).getUTCFullYear();
}

/** China date and time of an instant, for messages people read: `2020-09-26 00:00 (UTC+8)`. */
export function chinaTime(instant: Instant): string {
  return chinaWallClock(instant).toISOString().replace('T', ' ').slice(0, 16) + ' (UTC+8)';
}

/** The instant a China calendar day (YYYY-MM-DD) begins. */
export function chinaDayStart(date: string): Date {
  return new Date(Date.parse(`${date}T00:00:00Z`) - CHINA_OFFSET_MS);
}

/** A calendar day (YYYY-MM-DD) `days` later (earlier when negative). */
export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

/** SQL for the China calendar day of a timestamptz expression (the same rule as chinaDate). */
export function chinaDateSql(expression: string): string {
  return `((${expression} AT TIME ZONE 'UTC') + interval '8 hours')::date`;
}
