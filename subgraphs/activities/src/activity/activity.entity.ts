import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import {
  ActivityCategoryEnum, ActivityModeEnum, ActivityStatusEnum, ContentAreaEnum, JointActionEnum, OnlineKindEnum, VenueKindEnum,
} from './activity.enums';
import type {
  ActivityCategory, ActivityMode, ActivityStatus, ContentArea, JointAction, OnlineKind, VenueKind,
} from '../../../shared/src/domain';

@Directive('@key(fields: "id")')
@ObjectType({ description: '科普日活动 — one science activity registered for a campaign.' })
@Entity('activities')
export class Activity {
  @Field(() => ID, { description: '活动编号 — the activity id; the key of Activity.' })
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

  @Field(() => Int, { description: '打卡数 — number of check-ins (打卡), kept current on every check-in.' })
  @Column('int', { name: 'check_in_count' })
  checkInCount!: number;
}
