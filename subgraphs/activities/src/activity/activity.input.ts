import {
  ArrayMaxSize, ArrayMinSize, ArrayUnique, IsBoolean, IsDate, IsIn, IsInt, IsOptional, IsUrl, IsUUID, Matches, Max,
  MaxLength, Min, MinLength,
} from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import {
  ACTIVITY_CATEGORIES, ACTIVITY_MODES, ACTIVITY_STATUSES, CONTENT_AREAS, JOINT_ACTIONS, ONLINE_KINDS, VENUE_KINDS,
  type ActivityCategory, type ActivityMode, type ActivityStatus, type ContentArea, type JointAction, type OnlineKind,
  type VenueKind,
} from '@kepuri/domain';
import {
  ActivityCategoryEnum, ActivityModeEnum, ActivityStatusEnum, ContentAreaEnum, JointActionEnum, OnlineKindEnum, VenueKindEnum,
} from './activity.enum';

const HTTP_URL = { protocols: ['http', 'https'], require_protocol: true };
const URL_MESSAGE = { message: 'must be an http(s) URL' };

/** The fields of an activity an organiser describes; registration and update share them. */
@InputType({ description: '活动信息 — shared fields of registration and update (not used directly).' })
export class ActivityDetailsInput {
  @Field({ nullable: true, description: '活动名称 — title, 2 to 200 characters.' })
  @IsOptional() @MinLength(2) @MaxLength(200)
  title?: string;

  @Field({ nullable: true, description: '活动简介 — description, up to 5000 characters.' })
  @IsOptional() @MaxLength(5000)
  description?: string;

  @Field(() => ID, { nullable: true, description: '所在地区 — GB/T 2260 code of a province, city or county.' })
  @IsOptional() @Matches(/^\d{6}$/, { message: 'must be a six-digit GB/T 2260 code' })
  regionCode?: string;

  @Field(() => ActivityCategoryEnum, { nullable: true, description: '活动类别 — place in the 3+1 architecture.' })
  @IsOptional() @IsIn(ACTIVITY_CATEGORIES)
  category?: ActivityCategory;

  @Field(() => JointActionEnum, { nullable: true, description: '联合行动 — required for JOINT_ACTION, absent otherwise.' })
  @IsOptional() @IsIn(JOINT_ACTIONS)
  jointAction?: JointAction | null;

  @Field(() => OnlineKindEnum, { nullable: true, description: '网络活动形式 — required for ONLINE; only for activities with an online part.' })
  @IsOptional() @IsIn(ONLINE_KINDS)
  onlineKind?: OnlineKind | null;

  @Field(() => [ContentAreaEnum], { nullable: true, description: '活动内容 — one to four of the content areas, no repeats.' })
  @IsOptional() @ArrayMinSize(1) @ArrayMaxSize(4) @ArrayUnique() @IsIn(CONTENT_AREAS, { each: true })
  contentAreas?: ContentArea[];

  @Field(() => ActivityModeEnum, { nullable: true, description: '举办方式 — online, offline or both.' })
  @IsOptional() @IsIn(ACTIVITY_MODES)
  mode?: ActivityMode;

  @Field(() => VenueKindEnum, { nullable: true, description: '活动阵地 — kind of venue; ONLINE for online-only activities.' })
  @IsOptional() @IsIn(VENUE_KINDS)
  venueKind?: VenueKind;

  @Field(() => String, { nullable: true, description: '活动网址 — URL of the online part; required unless OFFLINE.' })
  @IsOptional() @IsUrl(HTTP_URL, URL_MESSAGE) @MaxLength(2048)
  onlineUrl?: string | null;

  @Field(() => String, { nullable: true, description: '活动地址 — address; required unless ONLINE.' })
  @IsOptional() @MinLength(2) @MaxLength(500)
  address?: string | null;

  @Field(() => Date, { nullable: true, description: '开始时间 — start, inside the campaign year (China time).' })
  @IsOptional() @IsDate()
  startsAt?: Date;

  @Field(() => Date, { nullable: true, description: '结束时间 — end, after the start and inside the campaign year.' })
  @IsOptional() @IsDate()
  endsAt?: Date;

  @Field(() => Int, { nullable: true, description: '预计参与人数 — expected participants, 0 to 100,000,000.' })
  @IsOptional() @IsInt() @Min(0) @Max(100_000_000)
  expectedParticipants?: number;
}

@InputType({ description: '登记活动 — register an activity for a campaign (登记填报, inside the registration window).' })
export class RegisterActivityInput extends ActivityDetailsInput {
  @Field(() => Int, { description: '年度 — the campaign year.' })
  @IsInt() @Min(2000) @Max(2200)
  campaign!: number;

  @Field(() => ID, { nullable: true, description: '举办单位 — organiser; defaults to the caller\'s organisation.' })
  @IsOptional() @IsUUID('all', { message: 'must be an organization id' })
  organizerId?: string;

  @Field({ nullable: true, description: '草稿 — save as DRAFT without registering yet.' })
  @IsOptional() @IsBoolean()
  draft?: boolean;
}

@InputType({ description: '修改活动 — change a draft or registered activity (until registration closes).' })
export class UpdateActivityInput extends ActivityDetailsInput {}

@InputType({ description: '信息完善 — results and media after the activity (信息完善, until the info-completion deadline).' })
export class CompleteActivityInfoInput {
  @Field(() => Int, { nullable: true, description: '实际参与人数 — actual participants.' })
  @IsOptional() @IsInt() @Min(0) @Max(100_000_000)
  actualParticipants?: number;

  @Field(() => Int, { nullable: true, description: '线上观看量 — online views.' })
  @IsOptional() @IsInt() @Min(0) @Max(2_000_000_000)
  onlineViews?: number;

  @Field(() => [String], { nullable: true, description: '活动图片 — up to 20 image URLs.' })
  @IsOptional() @ArrayMaxSize(20) @IsUrl(HTTP_URL, { each: true, ...URL_MESSAGE }) @MaxLength(2048, { each: true })
  imageUrls?: string[];

  @Field(() => [String], { nullable: true, description: '活动视频 — up to 10 video URLs.' })
  @IsOptional() @ArrayMaxSize(10) @IsUrl(HTTP_URL, { each: true, ...URL_MESSAGE }) @MaxLength(2048, { each: true })
  videoUrls?: string[];

  @Field(() => [String], { nullable: true, description: '新闻报道链接 — up to 20 news links.' })
  @IsOptional() @ArrayMaxSize(20) @IsUrl(HTTP_URL, { each: true, ...URL_MESSAGE }) @MaxLength(2048, { each: true })
  newsLinks?: string[];

  @Field(() => String, { nullable: true, description: '活动网址 — URL of the online part (网络活动须提供活动网址).' })
  @IsOptional() @IsUrl(HTTP_URL, URL_MESSAGE) @MaxLength(2048)
  onlineUrl?: string;
}

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
