import { graphqlEnum } from '@kepuri/platform';

export const MEMBERSHIP_ROLES = ['organizer', 'supervisor'] as const;
export type MembershipRole = (typeof MEMBERSHIP_ROLES)[number];

export const MembershipRoleEnum = graphqlEnum('MembershipRole', MEMBERSHIP_ROLES, '成员角色 — what a member may do for its organisation.', {
  organizer: '活动管理员 — manages the organisation\'s own activities, volunteers and summary.',
  supervisor: '主管 — also manages and recommends for every organisation below it.',
});
