import type { EntityManager } from 'typeorm';
import { emitStatsChanged } from '@kepuri/domain';

/** The volunteering subgraph's events (announced on commit, see @kepuri/platform events.ts). */
export function emitVolunteerStatsChanged(manager: EntityManager, rows: ReadonlyArray<{ scope: string; campaignYear: number }>): Promise<void> {
  return emitStatsChanged(manager, 'volunteering', rows);
}
