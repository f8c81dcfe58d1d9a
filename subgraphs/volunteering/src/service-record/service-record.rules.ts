/** A volunteer serves at most this many hours on one day, across all activities. */
export const MAX_HOURS_PER_DAY = 24;

/** Statuses of an activity at which service may be recorded. */
export const SERVABLE_STATUSES = ['REGISTERED', 'COMPLETED'] as const;
