import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Directive, Field, Int, ObjectType } from 'type-graphql';
import { ENTITY_DESCRIPTIONS } from '@kepuri/domain';
import { CacheHint } from '@kepuri/platform';

@Directive('@key(fields: "year")')
@CacheHint('reference')
@ObjectType({ description: ENTITY_DESCRIPTIONS.Campaign })
@Entity('campaigns')
export class Campaign {
  @Field(() => Int, { description: ENTITY_DESCRIPTIONS['Campaign.year'] })
  @PrimaryColumn('int')
  year!: number;

  @Field({ description: '主题 — the year\'s theme, e.g. 决胜全面小康，践行科技为民.' })
  @Column('text')
  theme!: string;

  @Field({ description: '标注 — the label every activity of the year carries, e.g. 2020年全国科普日活动.' })
  @Column('text')
  label!: string;

  @Field({ description: '演示 — true for the demo campaign seeded for trying the write paths.' })
  @Column('boolean', { name: 'is_demo' })
  isDemo!: boolean;

  @Field({ description: '集中开展开始 — start of the concentrated period.' })
  @Column('timestamptz', { name: 'concentrated_starts_at' })
  concentratedStartsAt!: Date;

  @Field({ description: '集中开展结束 — end of the concentrated period (exclusive).' })
  @Column('timestamptz', { name: 'concentrated_ends_at' })
  concentratedEndsAt!: Date;

  @Field({ description: '登记填报开始 — registration window opens.' })
  @Column('timestamptz', { name: 'registration_opens_at' })
  registrationOpensAt!: Date;

  @Field({ description: '登记填报截止 — registration window closes (exclusive).' })
  @Column('timestamptz', { name: 'registration_closes_at' })
  registrationClosesAt!: Date;

  @Field({ description: '信息完善截止 — deadline for photos, videos, news links and online URLs (exclusive).' })
  @Column('timestamptz', { name: 'info_completion_deadline' })
  infoCompletionDeadline!: Date;

  @Field({ description: '工作总结截止 — deadline for each organiser\'s work summary (exclusive).' })
  @Column('timestamptz', { name: 'summary_deadline' })
  summaryDeadline!: Date;

  @Field({ description: '推荐截止 — deadline for recommending excellent units and activities (exclusive).' })
  @Column('timestamptz', { name: 'recommendation_deadline' })
  recommendationDeadline!: Date;
}
