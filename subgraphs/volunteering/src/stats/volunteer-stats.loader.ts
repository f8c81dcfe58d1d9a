import DataLoader from 'dataloader';
import type { VolunteerDay, VolunteerStats } from './volunteer-stats.types';
import { statsCacheKey, type DailyStatsKey, type StatsKey } from '@kepuri/domain';
import type { VolunteerStatsService } from './volunteer-stats.service';

/** Every scope a request asks for in one tick: one statement. */
export function createVolunteerStatsLoader(service: VolunteerStatsService): DataLoader<StatsKey, VolunteerStats, string> {
  return new DataLoader((keys) => service.stats(keys), { cacheKeyFn: statsCacheKey });
}

export function createVolunteerDailyLoader(service: VolunteerStatsService): DataLoader<DailyStatsKey, VolunteerDay[], string> {
  return new DataLoader((keys: readonly DailyStatsKey[]) => service.daily(keys), { cacheKeyFn: statsCacheKey });
}
