import type { EntityManager } from 'typeorm';
import { emitEvent } from '@kepuri/platform';

/** The organizations subgraph's events (announced on commit, see @kepuri/platform events.ts). */
export const MEMBERSHIP_CHANGED = 'membershipChanged';

/** A user's memberships changed (granted, changed or removed): gateways forget what they cached of them. */
export interface MembershipChangedKey {
  userSub: string;
}

export function emitMembershipChanged(manager: EntityManager, key: MembershipChangedKey): Promise<void> {
  return emitEvent(manager, 'organizations', MEMBERSHIP_CHANGED, { ...key });
}
