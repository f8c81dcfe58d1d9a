import DataLoader from 'dataloader';
import type { ActivityDay, ActivityStats } from './activity-stats.types';
import { statsCacheKey, type StatsKey } from '@kepuri/platform';
import type { ActivityStatsService } from './activity-stats.service';

export function createActivityStatsLoader(service: ActivityStatsService): DataLoader<StatsKey, ActivityStats, string> {
  return new DataLoader((keys) => service.stats(keys), { cacheKeyFn: statsCacheKey });
}

export function createActivityDailyLoader(service: ActivityStatsService): DataLoader<{ campaign: number; scope: string }, ActivityDay[], string> {
  return new DataLoader<{ campaign: number; scope: string }, ActivityDay[], string>((keys) => service.daily(keys), { cacheKeyFn: statsCacheKey });
}
