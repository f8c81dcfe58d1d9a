import { Column, Entity, VirtualColumn, PrimaryGeneratedColumn } from 'typeorm';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import {
  ActivityCategoryEnum, ActivityModeEnum, ActivityStatusEnum, ContentAreaEnum, JointActionEnum, OnlineKindEnum, VenueKindEnum,
} from './activity.enum';
import {
  type ActivityCategory, type ActivityMode, type ActivityStatus, type ContentArea, type JointAction, type OnlineKind,
  type VenueKind, ENTITY_DESCRIPTIONS,
} from '@kepuri/domain';
import { CacheHint } from '@kepuri/platform';

@Directive('@key(fields: "id")')
@CacheHint('content')
@ObjectType({ description: ENTITY_DESCRIPTIONS.Activity })
@Entity('activities')
export class Activity {
  @Field(() => ID, { description: ENTITY_DESCRIPTIONS['Activity.id'] })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('int', { name: 'campaign_year' })
  campaignYear!: number;

  @Field({ description: '活动名称 — title.' })
  @Column('varchar', { length: 200 })
  title!: string;

  @Field({ description: '活动简介 — description.' })
  @Column('text')
  description!: string;

  @Field({ description: '活动标注 — the label of the campaign, e.g. 2020年全国科普日活动.' })
  @Column('text')
  label!: string;

  @Column('uuid', { name: 'organizer_id' })
  organizerId!: string;

  @Column('char', { name: 'region_code', length: 6 })
  regionCode!: string;

  @Column('char', { name: 'province_code', length: 6 })
  provinceCode!: string;

  @Column('char', { name: 'city_code', length: 6, nullable: true })
  cityCode!: string | null;

  @Field(() => ActivityCategoryEnum, { description: '活动类别 — place in the 3+1 architecture.' })
  @Column('varchar', { length: 32 })
  category!: ActivityCategory;

  @Field(() => JointActionEnum, { nullable: true, description: '联合行动 — which of the ten joint actions, for JOINT_ACTION.' })
  @Column('varchar', { name: 'joint_action', length: 32, nullable: true })
  jointAction!: JointAction | null;

  @Field(() => OnlineKindEnum, { nullable: true, description: '网络活动形式 — check-in, livestream or short video, for ONLINE.' })
  @Column('varchar', { name: 'online_kind', length: 32, nullable: true })
  onlineKind!: OnlineKind | null;

  @Field(() => [ContentAreaEnum], { description: '活动内容 — one or more of the four content areas.' })
  @Column('varchar', { name: 'content_areas', length: 32, array: true })
  contentAreas!: ContentArea[];

  @Field(() => ActivityModeEnum, { description: '举办方式 — online, offline or both.' })
  @Column('varchar', { length: 16 })
  mode!: ActivityMode;

  @Field(() => VenueKindEnum, { description: '活动阵地 — kind of venue.' })
  @Column('varchar', { name: 'venue_kind', length: 48 })
  venueKind!: VenueKind;

  @Field(() => String, { nullable: true, description: '活动网址 — URL of the online part; required unless OFFLINE.' })
  @Column('varchar', { name: 'online_url', length: 2048, nullable: true })
  onlineUrl!: string | null;

  @Field(() => String, { nullable: true, description: '活动地址 — address of the offline part.' })
  @Column('varchar', { length: 500, nullable: true })
  address!: string | null;

  @Field({ description: '开始时间 — start.' })
  @Column('timestamptz', { name: 'starts_at' })
  startsAt!: Date;

  @Field({ description: '结束时间 — end.' })
  @Column('timestamptz', { name: 'ends_at' })
  endsAt!: Date;

  @Field(() => ActivityStatusEnum, { description: '状态 — DRAFT → REGISTERED → COMPLETED, or WITHDRAWN.' })
  @Column('varchar', { length: 16 })
  status!: ActivityStatus;

  @Field(() => Int, { description: '预计参与人数 — expected participants.' })
  @Column('int', { name: 'expected_participants' })
  expectedParticipants!: number;

  @CacheHint('stats')
  @Field(() => Int, { description: '打卡数 — number of check-ins (打卡), with the statistics: each check-in counts within a second of being recorded.' })
  @VirtualColumn({ type: 'int', query: (alias) => `SELECT check_in_count FROM activity_check_in_counts WHERE activity_id = ${alias}.id` })
  checkInCount!: number;

  @Column('uuid', { name: 'organizer_path', array: true })
  organizerPath!: string[];

  @Field(() => Int, { nullable: true, description: '实际参与人数 — actual participants, filled in after the activity.' })
  @Column('int', { name: 'actual_participants', nullable: true })
  actualParticipants!: number | null;

  @Field(() => Int, { nullable: true, description: '线上观看量 — online views, filled in after the activity.' })
  @Column('int', { name: 'online_views', nullable: true })
  onlineViews!: number | null;

  @Field(() => [String], { description: '活动图片 — image URLs.' })
  @Column('varchar', { name: 'image_urls', length: 2048, array: true })
  imageUrls!: string[];

  @Field(() => [String], { description: '活动视频 — video URLs.' })
  @Column('varchar', { name: 'video_urls', length: 2048, array: true })
  videoUrls!: string[];

  @Field(() => [String], { description: '新闻报道链接 — links to news reports.' })
  @Column('varchar', { name: 'news_links', length: 2048, array: true })
  newsLinks!: string[];

  @Field(() => Date, { nullable: true, description: '登记时间 — when it was registered.' })
  @Column('timestamptz', { name: 'registered_at', nullable: true })
  registeredAt!: Date | null;

  @Field(() => Date, { nullable: true, description: '信息完善时间 — when results and media were last filled in.' })
  @Column('timestamptz', { name: 'info_completed_at', nullable: true })
  infoCompletedAt!: Date | null;

  @Field(() => Date, { nullable: true, description: '撤销时间 — when it was withdrawn.' })
  @Column('timestamptz', { name: 'withdrawn_at', nullable: true })
  withdrawnAt!: Date | null;

  @Field(() => String, { nullable: true, description: '撤销原因 — why it was withdrawn.' })
  @Column('varchar', { name: 'withdraw_reason', length: 500, nullable: true })
  withdrawReason!: string | null;

  @Column('varchar', { name: 'created_by', length: 200, nullable: true })
  createdBy!: string | null;

  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
