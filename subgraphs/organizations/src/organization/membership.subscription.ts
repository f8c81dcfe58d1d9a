import { Directive, Resolver, Root, Subscription } from 'type-graphql';
import { requireRole, subscribeTopic, type HubEvent } from '@kepuri/platform';
import type { OrganizationsContext } from '../context';
import { MEMBERSHIP_CHANGED, type MembershipChangedKey } from '../events';
import { Membership } from './membership.entity';

@Resolver(() => Membership)
export class MembershipSubscriptionResolver {
  /**
   * For the gateways only (hidden from the public graph by @inaccessible): whose memberships just
   * changed, so a removal takes effect at once instead of when the gateway's cache ages out.
   */
  @Directive('@inaccessible')
  @Directive('@membershipsChanged')
  @Subscription(() => String, {
    description: '成员变更 — the user whose memberships changed, after the change commits (gateways only).',
    subscribe: ({ context }) => {
      const organizations = context as OrganizationsContext;
      requireRole(organizations.identity, ['service'], 'membershipChanged');
      return subscribeTopic<MembershipChangedKey>(organizations.events, MEMBERSHIP_CHANGED, () => true);
    },
  })
  membershipChanged(@Root() event: HubEvent<MembershipChangedKey>): string {
    return event.key.userSub;
  }
}
