import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { OrganizationsContext } from '../context';
import { Region } from '../region/region.entity';
import { isUuid } from '../../../shared/src/ids';
import { DEFAULT_PAGE_SIZE, PageArgs } from '../../../shared/src/pagination';
import { OrganizationConnection } from './organization-connection';
import { OrganizationFilter } from './organization-filter.input';
import { Organization } from './organization.entity';

@Resolver(() => Organization)
export class OrganizationResolver {
  @Query(() => Organization, { nullable: true, description: '单位 — one organisation by id, or null.' })
  organization(@Arg('id', () => ID, { description: '单位编号 — organisation id.' }) id: string, @Ctx() context: OrganizationsContext) {
    return isUuid(id) ? context.loaders.organization.load(id) : null;
  }

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
}
