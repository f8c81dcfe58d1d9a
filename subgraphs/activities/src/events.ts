import type { EntityManager } from 'typeorm';
import { emitEvent } from '@kepuri/platform';
import { emitStatsChanged, type MovedRollupRow } from '@kepuri/domain';

/** The activities subgraph's events (announced on commit, see @kepuri/platform events.ts). */
export const ACTIVITY_REGISTERED = 'activityRegistered';
export const CHECK_IN_RECORDED = 'checkInRecorded';

/** An activity registered, saved as a draft, or a draft submitted: its id and where it is (for the region filter). */
export interface ActivityRegisteredKey {
  id: string;
  status: string;
  regionCode: string;
  cityCode: string | null;
  provinceCode: string;
}

/** A new check-in, the activity's count after it, and when it was recorded (epoch ms, its commit). */
export interface CheckInRecordedKey {
  checkInId: string;
  activityId: string;
  checkInCount: number;
  day: string;
  recordedAt: number;
}

export function emitActivityRegistered(manager: EntityManager, key: ActivityRegisteredKey): Promise<void> {
  return emitEvent(manager, 'activities', ACTIVITY_REGISTERED, { ...key });
}

/** Announced by the rollup applier with the batch that counts the check-ins. */
export function emitCheckInRecorded(manager: EntityManager, keys: readonly CheckInRecordedKey[]): Promise<void> {
  return emitEvent(manager, 'activities', CHECK_IN_RECORDED, ...keys.map((key) => ({ ...key })));
}

export function emitActivityStatsChanged(manager: EntityManager, rows: readonly MovedRollupRow[]): Promise<void> {
  return emitStatsChanged(manager, 'activities', rows);
}
