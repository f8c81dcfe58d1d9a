import DataLoader from 'dataloader';
import type { EvaluationDay, EvaluationStats } from './evaluation-stats.types';
import { statsCacheKey, type DailyStatsKey, type StatsKey } from '@kepuri/domain';
import type { EvaluationStatsService } from './evaluation-stats.service';

/** Statistics of many (campaign, scope) pairs, one statement per batch. */
export function createEvaluationStatsLoader(service: EvaluationStatsService): DataLoader<StatsKey, EvaluationStats, string> {
  return new DataLoader((keys) => service.stats(keys), { cacheKeyFn: statsCacheKey });
}

/** Daily series of many (campaign, scope) pairs, one statement per batch. */
export function createEvaluationDailyLoader(service: EvaluationStatsService): DataLoader<DailyStatsKey, EvaluationDay[], string> {
  return new DataLoader((keys: readonly DailyStatsKey[]) => service.daily(keys), { cacheKeyFn: statsCacheKey });
}
