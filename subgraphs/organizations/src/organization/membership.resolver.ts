import { Arg, Authorized, Ctx, Directive, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireRole, requireUser, badInput, isUuid } from '@kepuri/platform';
import type { OrganizationsContext } from '../context';
import { Membership } from './membership.entity';
import { Organization } from './organization.entity';

function checkUserSub(userSub: string): void {
  if (userSub.length < 1 || userSub.length > 200) throw badInput('userSub', 'must be 1 to 200 characters');
}

@Resolver(() => Membership)
export class MembershipResolver {
  @Query(() => [Membership], { description: '我的单位 — the organisations the signed-in user acts for, and as what.' })
  myMemberships(@Ctx() context: OrganizationsContext) {
    return context.services.organizations.membershipsOfUser(requireUser(context.identity, 'myMemberships'));
  }

  @Directive('@membershipsOf(grantedBy: "addMember")')
  @Query(() => [Membership], {
    description: '用户的单位 — the organisations a user acts for (the host, and the gateway checking a token).',
  })
  userMemberships(@Arg('userSub', { description: '用户 — the user\'s subject (token sub).' }) userSub: string, @Ctx() context: OrganizationsContext) {
    requireRole(context.identity, ['admin', 'service'], 'userMemberships');
    checkUserSub(userSub);
    return context.services.organizations.membershipsOfUser(userSub);
  }

  @FieldResolver(() => Organization, { description: '单位 — the organisation the user acts for.' })
  organization(@Root() membership: Membership, @Ctx() context: OrganizationsContext) {
    return context.loaders.organization.load(membership.organizationId);
  }

  @Authorized('organizer', 'supervisor', 'admin')
  @Mutation(() => Boolean, { description: '移除成员 — take a user\'s right to act for an organisation away (its managers or the host).' })
  removeMember(
    @Arg('organizationId', () => ID, { description: '单位编号 — organisation id.' }) organizationId: string,
    @Arg('userSub', { description: '用户 — the user\'s subject (token sub).' }) userSub: string,
    @Ctx() context: OrganizationsContext,
  ) {
    if (!isUuid(organizationId)) throw badInput('organizationId', 'must be an organization id');
    checkUserSub(userSub);
    return context.services.organizations.removeMember(organizationId, userSub, context.identity);
  }
}
