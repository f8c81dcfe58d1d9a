import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { ActivityCategory, ActivityMode, ContentArea, JointAction } from '@kepuri/domain';
import { ActivityCategoryEnum, ActivityModeEnum, ContentAreaEnum, JointActionEnum } from '../activity/activity.enum';
import { CacheHint } from '@kepuri/platform';

@ObjectType({ description: '按类别统计 — activities of one 3+1 category.' })
@CacheHint('inherit')
export class CategoryCount {
  @Field(() => ActivityCategoryEnum, { description: '活动类别 — category.' })
  category!: ActivityCategory;

  @Field(() => Int, { description: '活动数 — activities.' })
  activityCount!: number;
}

@ObjectType({ description: '按联合行动统计 — activities of one joint action.' })
@CacheHint('inherit')
export class JointActionCount {
  @Field(() => JointActionEnum, { description: '联合行动 — joint action.' })
  jointAction!: JointAction;

  @Field(() => Int, { description: '活动数 — activities.' })
  activityCount!: number;
}

@ObjectType({ description: '按活动内容统计 — activities covering one content area.' })
@CacheHint('inherit')
export class ContentAreaCount {
  @Field(() => ContentAreaEnum, { description: '活动内容 — content area.' })
  contentArea!: ContentArea;

  @Field(() => Int, { description: '活动数 — activities.' })
  activityCount!: number;
}

@ObjectType({ description: '按举办方式统计 — activities of one mode.' })
@CacheHint('inherit')
export class ModeCount {
  @Field(() => ActivityModeEnum, { description: '举办方式 — mode.' })
  mode!: ActivityMode;

  @Field(() => Int, { description: '活动数 — activities.' })
  activityCount!: number;
}

@ObjectType({ description: '活动统计 — registered and completed activities in a scope (region with everything in it, organisation, or the nation), kept current on every write.' })
@CacheHint('stats')
export class ActivityStats {
  @Field(() => Int, { description: '活动数 — registered and completed activities.' })
  activityCount!: number;

  @Field(() => Int, { description: '已完成活动数 — activities whose results were filled in.' })
  completedActivityCount!: number;

  @Field(() => Int, { description: '网络活动数 — activities with an online part (ONLINE or HYBRID).' })
  onlineActivityCount!: number;

  @Field(() => Float, { description: '参与人数 — actual participants where reported, expected otherwise (an integer).' })
  participantCount!: number;

  @Field(() => Float, { description: '预计参与人数 — expected participants (an integer).' })
  expectedParticipants!: number;

  @Field(() => Float, { description: '实际参与人数 — reported actual participants (an integer).' })
  actualParticipants!: number;

  @Field(() => Int, { description: '打卡数 — check-ins.' })
  checkInCount!: number;

  @Field(() => Float, { description: '线上观看量 — reported online views (an integer).' })
  onlineViews!: number;

  @Field(() => [CategoryCount], { description: '按类别 — by 3+1 category (every category, zeros included).' })
  byCategory!: CategoryCount[];

  @Field(() => [JointActionCount], { description: '按联合行动 — by joint action (all ten).' })
  byJointAction!: JointActionCount[];

  @Field(() => [ContentAreaCount], { description: '按活动内容 — by content area (all four; an activity may cover several).' })
  byContentArea!: ContentAreaCount[];

  @Field(() => [ModeCount], { description: '按举办方式 — by mode.' })
  byMode!: ModeCount[];
}

@ObjectType({ description: '每日活动 — one day of a campaign in a scope.' })
@CacheHint('stats')
export class ActivityDay {
  @Field({ description: '日期 — the day (China time), YYYY-MM-DD.' })
  day!: string;

  @Field(() => Int, { description: '进行中的活动 — activities running that day.' })
  runningActivities!: number;

  @Field(() => Int, { description: '打卡数 — check-ins that day.' })
  checkIns!: number;
}
