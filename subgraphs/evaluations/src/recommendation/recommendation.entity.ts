import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { RecommendationKindEnum, type RecommendationKind } from './recommendation.enum';
import { CacheHint } from '@kepuri/platform';

@Directive('@key(fields: "id")')
@CacheHint('content')
@ObjectType({
  description: '推荐 — a national society\'s or provincial association\'s recommendation of an excellent unit or activity below it (优秀组织单位, 优秀活动).',
})
@Entity('recommendations')
export class Recommendation {
  @Field(() => ID, { description: '推荐编号 — recommendation id; the key of Recommendation.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('int', { name: 'campaign_year' })
  campaignYear!: number;

  @Field(() => RecommendationKindEnum, { description: '推荐类别 — excellent unit or excellent activity.' })
  @Column('varchar', { length: 32 })
  kind!: RecommendationKind;

  /** The organisation or activity recommended. */
  @Column('uuid', { name: 'target_id' })
  targetId!: string;

  /** The unit recommended, or the organiser of the activity recommended. */
  @Column('uuid', { name: 'organization_id' })
  organizationId!: string;

  /** That organisation's path when recommended. */
  @Column('uuid', { name: 'organization_path', array: true })
  organizationPath!: string[];

  /** Region of the unit or the activity, for statistics by region. */
  @Column('char', { name: 'region_code', length: 6, nullable: true })
  regionCode!: string | null;

  @Column('uuid', { name: 'recommender_id' })
  recommenderId!: string;

  @Field(() => String, { nullable: true, description: '推荐理由 — reason, up to 1000 characters.' })
  @Column('varchar', { length: 1000, nullable: true })
  reason!: string | null;

  @Column('varchar', { name: 'recommended_by', length: 200, nullable: true })
  recommendedBy!: string | null;

  @Field({ description: '推荐时间 — when it was made.' })
  @Column('timestamptz', { name: 'created_at' })
  recommendedAt!: Date;

  @Field(() => Date, { nullable: true, description: '撤回时间 — when it was withdrawn, null while it stands.' })
  @Column('timestamptz', { name: 'withdrawn_at', nullable: true })
  withdrawnAt!: Date | null;

  @Column('varchar', { name: 'withdrawn_by', length: 200, nullable: true })
  withdrawnBy!: string | null;
}
