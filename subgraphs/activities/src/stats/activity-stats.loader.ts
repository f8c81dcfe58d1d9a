import DataLoader from 'dataloader';
import type { ActivityDay, ActivityStats } from './activity-stats.types';
import { statsCacheKey, type DailyStatsKey, type StatsKey } from '@kepuri/domain';
import type { ActivityStatsService } from './activity-stats.service';

export function createActivityStatsLoader(service: ActivityStatsService): DataLoader<StatsKey, ActivityStats, string> {
  return new DataLoader((keys) => service.stats(keys), { cacheKeyFn: statsCacheKey });
}

export function createActivityDailyLoader(service: ActivityStatsService): DataLoader<DailyStatsKey, ActivityDay[], string> {
  return new DataLoader((keys: readonly DailyStatsKey[]) => service.daily(keys), { cacheKeyFn: statsCacheKey });
}
