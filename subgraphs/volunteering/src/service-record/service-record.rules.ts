/** The China Standard Time (UTC+8) calendar day, YYYY-MM-DD, of an instant. */
export function chinaDate(instant: Date): string {
  return new Date(instant.getTime() + 8 * 3_600_000).toISOString().slice(0, 10);
}

/** A volunteer serves at most this many hours on one day, across all activities. */
export const MAX_HOURS_PER_DAY = 24;

/** Statuses of an activity at which service may be recorded. */
export const SERVABLE_STATUSES = ['REGISTERED', 'COMPLETED'] as const;
