import DataLoader from 'dataloader';
import type { VolunteerDay, VolunteerStats } from './volunteer-stats.types';
import { statsCacheKey, type StatsKey } from '@kepuri/platform';
import type { VolunteerStatsService } from './volunteer-stats.service';

/** Every scope a request asks for in one tick: one statement. */
export function createVolunteerStatsLoader(service: VolunteerStatsService): DataLoader<StatsKey, VolunteerStats, string> {
  return new DataLoader((keys) => service.stats(keys), { cacheKeyFn: statsCacheKey });
}

export function createVolunteerDailyLoader(service: VolunteerStatsService): DataLoader<{ campaign: number; scope: string }, VolunteerDay[], string> {
  return new DataLoader<{ campaign: number; scope: string }, VolunteerDay[], string>((keys) => service.daily(keys), { cacheKeyFn: statsCacheKey });
}
