import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { requireManage, badInput, isUuid, DEFAULT_PAGE_SIZE, PageArgs, CacheHint } from '@kepuri/platform';
import { Membership } from './membership.entity';
import { MembershipRoleEnum, type MembershipRole } from './membership-role.enum';
import { CreateOrganizationInput, OrganizationFilter } from './organization.input';
import type { OrganizationsContext } from '../context';
import { Region } from '../region/region.entity';
import { OrganizationConnection } from './organization.connection';
import { Organization } from './organization.entity';

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { nullable: true, description: '单位 — one organisation by id, or null.' })
  organization(@Arg('id', () => ID, { description: '单位编号 — organisation id.' }) id: string, @Ctx() context: OrganizationsContext) {
    return isUuid(id) ? context.loaders.organization.load(id) : null;
  }

  @CacheHint('reference')
  @Query(() => OrganizationConnection, { description: '单位列表 — organisations matching a filter, by name.' })
  organizations(
    @Arg('filter', () => OrganizationFilter, { nullable: true, description: '筛选条件 — filter.' }) filter: OrganizationFilter | undefined,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() context: OrganizationsContext,
  ) {
    return context.services.organizations.list(filter ?? {}, first ?? DEFAULT_PAGE_SIZE, after ?? undefined);
  }

  @FieldResolver(() => Region, { nullable: true, description: '所在地区 — where the organisation is.' })
  region(@Root() organization: Organization, @Ctx() context: OrganizationsContext) {
    return organization.regionCode ? context.loaders.region.load(organization.regionCode) : null;
  }

  @FieldResolver(() => Organization, { nullable: true, description: '上级单位 — the organisation directly above.' })
  parent(@Root() organization: Organization, @Ctx() context: OrganizationsContext) {
    return organization.parentId ? context.loaders.organization.load(organization.parentId) : null;
  }

  @Query(() => [Organization], { nullable: 'items', description: '批量查询单位 — organisations by id, in the order asked (null where unknown); at most 500.' })
  organizationsByIds(@Arg('ids', () => [ID], { description: '单位编号 — organisation ids.' }) ids: string[], @Ctx() context: OrganizationsContext) {
    if (ids.length > 500) throw badInput('ids', 'at most 500 ids');
    return Promise.all(ids.map((id) => (isUuid(id) ? context.loaders.organization.load(id) : null)));
  }

  @FieldResolver(() => [Organization], { description: '上级单位链 — the organisations above, from the top down.' })
  async ancestors(@Root() organization: Organization, @Ctx() context: OrganizationsContext) {
    const above = await context.loaders.organization.loadMany(organization.path.slice(0, -1));
    return above.filter((item): item is Organization => item !== null && !(item instanceof Error));
  }

  @FieldResolver(() => [Organization], { description: '直属下级单位 — the organisations directly below, by name.' })
  children(@Root() organization: Organization, @Ctx() context: OrganizationsContext) {
    return context.loaders.organizationChildren.load(organization.id);
  }

  @FieldResolver(() => [Membership], { description: '成员 — users acting for the organisation; visible to its managers and the host.' })
  members(@Root() organization: Organization, @Ctx() context: OrganizationsContext) {
    requireManage(context.identity, organization.path, 'members');
    return context.loaders.members.load(organization.id);
  }

  @Authorized('supervisor', 'admin')
  @Mutation(() => Organization, { description: '新建单位 — create an organisation (host: any; supervisor: below itself).' })
  createOrganization(@Arg('input', () => CreateOrganizationInput, { description: '单位信息 — the new organisation.' }) input: CreateOrganizationInput, @Ctx() context: OrganizationsContext) {
    return context.services.organizations.create(input, context.identity);
  }

  @Authorized('organizer', 'supervisor', 'admin')
  @Mutation(() => Membership, { description: '添加成员 — let a user act for an organisation (its managers or the host).' })
  addMember(
    @Arg('organizationId', () => ID, { description: '单位编号 — organisation id.' }) organizationId: string,
    @Arg('userSub', { description: '用户 — the user\'s subject (token sub).' }) userSub: string,
    @Arg('role', () => MembershipRoleEnum, { description: '角色 — organizer or supervisor.' }) role: MembershipRole,
    @Ctx() context: OrganizationsContext,
  ) {
    if (!isUuid(organizationId)) throw badInput('organizationId', 'must be an organization id');
    if (userSub.length < 1 || userSub.length > 200) throw badInput('userSub', 'must be 1 to 200 characters');
    return context.services.organizations.addMember(organizationId, userSub, role, context.identity);
  }
}
