import { IsBoolean, IsDate, IsIn, IsInt, IsOptional, IsUUID, Matches, MaxLength, Min, Max, MinLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { ActivityCategoryEnum, ActivityModeEnum, ActivityStatusEnum, ContentAreaEnum, JointActionEnum, OnlineKindEnum } from './activity.enum';
import {
  ACTIVITY_CATEGORIES, ACTIVITY_MODES, ACTIVITY_STATUSES, CONTENT_AREAS, JOINT_ACTIONS, ONLINE_KINDS,
  type ActivityCategory, type ActivityMode, type ActivityStatus, type ContentArea, type JointAction, type OnlineKind,
} from '@kepuri/domain';

@InputType({ description: '活动筛选 — filter for the activities connection; all given conditions apply.' })
export class ActivityFilter {
  @Field(() => Int, { nullable: true, description: '年度 — campaign year.' })
  @IsOptional() @IsInt() @Min(2000) @Max(2200)
  campaign?: number;

  @Field(() => ID, { nullable: true, description: '地区代码 — GB/T 2260 code; a province includes its cities and counties, a city its counties.' })
  @IsOptional() @Matches(/^\d{6}$/, { message: 'must be a six-digit GB/T 2260 code' })
  regionCode?: string;

  @Field(() => ID, { nullable: true, description: '举办单位 — organiser (Organization id).' })
  @IsOptional() @IsUUID('all', { message: 'must be an organization id' })
  organizerId?: string;

  @Field({ nullable: true, description: '含下属单位 — with organizerId: also every organisation below it.' })
  @IsOptional() @IsBoolean()
  includeSubordinates?: boolean;

  @Field(() => ContentAreaEnum, { nullable: true, description: '活动内容 — activities covering this content area.' })
  @IsOptional() @IsIn(CONTENT_AREAS)
  contentArea?: ContentArea;

  @Field(() => OnlineKindEnum, { nullable: true, description: '网络活动形式 — online form.' })
  @IsOptional() @IsIn(ONLINE_KINDS)
  onlineKind?: OnlineKind;

  @Field({ nullable: true, description: '起始日期 — activities that end at or after this instant.' })
  @IsOptional() @IsDate()
  from?: Date;

  @Field({ nullable: true, description: '截止日期 — activities that start before this instant.' })
  @IsOptional() @IsDate()
  to?: Date;

  @Field({ nullable: true, description: '关键词 — Chinese keyword matched in title and description.' })
  @IsOptional() @MinLength(1) @MaxLength(100)
  keyword?: string;

  @Field(() => ActivityCategoryEnum, { nullable: true, description: '活动类别 — 3+1 category.' })
  @IsOptional() @IsIn(ACTIVITY_CATEGORIES)
  category?: ActivityCategory;

  @Field(() => JointActionEnum, { nullable: true, description: '联合行动 — joint action.' })
  @IsOptional() @IsIn(JOINT_ACTIONS)
  jointAction?: JointAction;

  @Field(() => ActivityModeEnum, { nullable: true, description: '举办方式 — mode.' })
  @IsOptional() @IsIn(ACTIVITY_MODES)
  mode?: ActivityMode;

  @Field(() => ActivityStatusEnum, { nullable: true, description: '状态 — status.' })
  @IsOptional() @IsIn(ACTIVITY_STATUSES)
  status?: ActivityStatus;
}
