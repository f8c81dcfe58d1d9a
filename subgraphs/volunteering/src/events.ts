import type { EntityManager } from 'typeorm';
import { emitStatsChanged } from '../../shared/src/stats-events';

/** The volunteering subgraph's events (announced on commit, see shared/src/events.ts). */
export function emitVolunteerStatsChanged(manager: EntityManager, rows: ReadonlyArray<{ scope: string; campaignYear: number }>): Promise<void> {
  return emitStatsChanged(manager, 'volunteering', rows);
}
