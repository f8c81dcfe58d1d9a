import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { CacheHint } from '@kepuri/platform';

@Directive('@key(fields: "id")')
@CacheHint('content')
@ObjectType({ description: '公众评价 — a public user\'s rating and comment on an activity (反馈评价).' })
@Entity('feedback')
export class Feedback {
  @Field(() => ID, { description: '评价编号 — feedback id; the key of Feedback.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'activity_id' })
  activityId!: string;

  /** The rater's subject; never exposed, the public sees ratings, not who gave them. */
  @Column('varchar', { name: 'user_sub', length: 200 })
  userSub!: string;

  @Field(() => Int, { description: '评分 — rating from 1 to 5.' })
  @Column('smallint')
  rating!: number;

  @Field(() => String, { nullable: true, description: '评价内容 — comment, up to 500 characters.' })
  @Column('varchar', { length: 1000, nullable: true })
  comment!: string | null;

  @Field({ description: '评价时间 — when it was first given.' })
  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;

  @Field({ description: '修改时间 — when it was last given or changed.' })
  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;

  /** The activity's organiser and its ancestors (root first) when the rating was written. */
  @Column('uuid', { name: 'organizer_path', array: true, nullable: true })
  organizerPath!: string[] | null;

  /** The activity's region (GB/T 2260) when the rating was written. */
  @Column('char', { name: 'region_code', length: 6, nullable: true })
  regionCode!: string | null;

  /** The activity's campaign year. */
  @Column('int', { name: 'campaign_year', nullable: true })
  campaignYear!: number | null;
}
