import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badInput, isUuid, DEFAULT_PAGE_SIZE, PageArgs, CacheHint } from '@kepuri/platform';
import { ActivityFilter, CompleteActivityInfoInput, RegisterActivityInput, UpdateActivityInput } from './activity.input';
import { Campaign } from '../campaign/campaign.entity';
import type { ActivitiesContext } from '../context';
import { OrganizationStub } from '../foreign/organization.stub';
import { RegionStub } from '../foreign/region.stub';
import { ActivityConnection } from './activity.connection';
import { Activity } from './activity.entity';

@Resolver(() => Activity)
export class ActivityResolver {
  @Query(() => Activity, { nullable: true, description: '活动 — one activity by id, or null.' })
  activity(@Arg('id', () => ID, { description: '活动编号 — activity id.' }) id: string, @Ctx() context: ActivitiesContext) {
    if (!isUuid(id)) return null;
    return context.loaders.activity.load(id).then((activity) => context.services.activities.visibleTo(activity, context.identity));
  }

  @CacheHint('content')
  @Query(() => ActivityConnection, { description: '活动列表 — activities matching a filter, ordered by start time.' })
  activities(
    @Arg('filter', () => ActivityFilter, { nullable: true, description: '筛选条件 — filter.' }) filter: ActivityFilter | undefined,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() context: ActivitiesContext,
  ) {
    return context.services.activities.list(filter ?? {}, first ?? DEFAULT_PAGE_SIZE, after ?? undefined, context.identity);
  }

  @FieldResolver(() => Campaign, { description: '年度活动 — the campaign the activity belongs to.' })
  campaign(@Root() activity: Activity, @Ctx() context: ActivitiesContext) {
    return context.loaders.campaign.load(activity.campaignYear);
  }

  @FieldResolver(() => RegionStub, { nullable: true, description: '所在地区 — the region where it takes place.' })
  region(@Root() activity: Activity): RegionStub {
    return { code: activity.regionCode };
  }

  @FieldResolver(() => OrganizationStub, { nullable: true, description: '举办单位 — the organising unit.' })
  organizer(@Root() activity: Activity): OrganizationStub {
    return { id: activity.organizerId };
  }

  @Authorized('organizer', 'supervisor', 'admin')
  @Mutation(() => Activity, { description: '登记活动 — register an activity inside the registration window (organiser, supervisor above it, or host).' })
  registerActivity(@Arg('input', () => RegisterActivityInput, { description: '活动信息 — the activity to register (登记填报).' }) input: RegisterActivityInput, @Ctx() context: ActivitiesContext) {
    return context.services.activities.register(input, context.identity);
  }

  @Authorized('organizer', 'supervisor', 'admin')
  @Mutation(() => Activity, { description: '修改活动 — change a draft or registered activity until registration closes.' })
  updateActivity(
    @Arg('id', () => ID, { description: '活动编号 — activity id.' }) id: string,
    @Arg('input', () => UpdateActivityInput, { description: '修改内容 — the fields to change; omitted ones stay.' }) input: UpdateActivityInput,
    @Ctx() context: ActivitiesContext,
  ) {
    return context.services.activities.update(activityId(id), input, context.identity);
  }

  @Authorized('organizer', 'supervisor', 'admin')
  @Mutation(() => Activity, { description: '提交登记 — register a draft, inside the registration window.' })
  submitActivity(@Arg('id', () => ID, { description: '活动编号 — activity id.' }) id: string, @Ctx() context: ActivitiesContext) {
    return context.services.activities.submit(activityId(id), context.identity);
  }

  @Authorized('organizer', 'supervisor', 'admin')
  @Mutation(() => Activity, { description: '信息完善 — fill in results, media and news links until the info-completion deadline; the activity becomes COMPLETED.' })
  completeActivityInfo(
    @Arg('id', () => ID, { description: '活动编号 — activity id.' }) id: string,
    @Arg('input', () => CompleteActivityInfoInput, { description: '进展成果 — results, media and news links (信息完善).' }) input: CompleteActivityInfoInput,
    @Ctx() context: ActivitiesContext,
  ) {
    return context.services.activities.complete(activityId(id), input, context.identity);
  }

  @Authorized('organizer', 'supervisor', 'admin')
  @Mutation(() => Activity, { description: '撤销活动 — withdraw a draft or registered activity.' })
  withdrawActivity(
    @Arg('id', () => ID, { description: '活动编号 — activity id.' }) id: string,
    @Arg('reason', () => String, { nullable: true, description: '撤销原因 — reason, up to 500 characters.' }) reason: string | undefined,
    @Ctx() context: ActivitiesContext,
  ) {
    if (reason !== undefined && reason !== null && reason.length > 500) throw badInput('reason', 'must be at most 500 characters');
    return context.services.activities.withdraw(activityId(id), reason ?? undefined, context.identity);
  }
}

function activityId(id: string): string {
  if (!isUuid(id)) throw badInput('id', 'must be an activity id');
  return id;
}
