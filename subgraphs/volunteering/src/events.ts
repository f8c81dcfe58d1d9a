import type { EntityManager } from 'typeorm';
import { emitStatsChanged, type MovedRollupRow } from '@kepuri/domain';

/** The volunteering subgraph's events (announced on commit, see @kepuri/platform events.ts). */
export function emitVolunteerStatsChanged(manager: EntityManager, rows: readonly MovedRollupRow[]): Promise<void> {
  return emitStatsChanged(manager, 'volunteering', rows);
}
