import { Arg, Args, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import { Campaign } from '../campaign/campaign.entity';
import type { ActivitiesContext } from '../context';
import { OrganizationRef } from '../stubs/organization.stub';
import { RegionRef } from '../stubs/region.stub';
import { isUuid } from '../../../shared/src/ids';
import { DEFAULT_PAGE_SIZE, PageArgs } from '../../../shared/src/pagination';
import { ActivityConnection } from './activity-connection';
import { ActivityFilter } from './activity-filter.input';
import { Activity } from './activity.entity';

@Resolver(() => Activity)
export class ActivityResolver {
  @Query(() => Activity, { nullable: true, description: '活动 — one activity by id, or null.' })
  activity(@Arg('id', () => ID, { description: '活动编号 — activity id.' }) id: string, @Ctx() context: ActivitiesContext) {
    return isUuid(id) ? context.loaders.activity.load(id) : null;
  }

  @Query(() => ActivityConnection, { description: '活动列表 — activities matching a filter, ordered by start time.' })
  activities(
    @Arg('filter', () => ActivityFilter, { nullable: true, description: '筛选条件 — filter.' }) filter: ActivityFilter | undefined,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() context: ActivitiesContext,
  ) {
    return context.services.activities.list(filter ?? {}, first ?? DEFAULT_PAGE_SIZE, after ?? undefined);
  }

  @FieldResolver(() => Campaign, { description: '年度活动 — the campaign the activity belongs to.' })
  campaign(@Root() activity: Activity, @Ctx() context: ActivitiesContext) {
    return context.loaders.campaign.load(activity.campaignYear);
  }

  @FieldResolver(() => RegionRef, { description: '所在地区 — the region where it takes place.' })
  region(@Root() activity: Activity): RegionRef {
    return { code: activity.regionCode };
  }

  @FieldResolver(() => OrganizationRef, { description: '举办单位 — the organising unit.' })
  organizer(@Root() activity: Activity): OrganizationRef {
    return { id: activity.organizerId };
  }
}
