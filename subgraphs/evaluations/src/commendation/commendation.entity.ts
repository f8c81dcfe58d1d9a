import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { CommendationKindEnum, type CommendationKind } from './commendation.enum';
import { CacheHint } from '@kepuri/platform';

@CacheHint('content')
@ObjectType({ description: '表扬 — the host\'s published commendation of an organising unit or an activity of a campaign.' })
@Entity('commendations')
export class Commendation {
  @Field(() => ID, { description: '表扬编号 — commendation id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('int', { name: 'campaign_year' })
  campaignYear!: number;

  @Field(() => CommendationKindEnum, { description: '表扬类别 — unit or activity.' })
  @Column('varchar', { length: 16 })
  kind!: CommendationKind;

  /** The organisation or activity commended. */
  @Column('uuid', { name: 'target_id' })
  targetId!: string;

  /** The unit commended, or the organiser of the activity commended. */
  @Column('uuid', { name: 'organization_id' })
  organizationId!: string;

  /** That organisation's path (root first, itself last) when commended, learned through the hub. */
  @Column('uuid', { name: 'organization_path', array: true, nullable: true })
  organizationPath!: string[] | null;

  /** Region of the unit or the activity, for statistics by region. */
  @Column('char', { name: 'region_code', length: 6, nullable: true })
  regionCode!: string | null;

  @Field({ description: '表扬词 — the citation, 2 to 1000 characters.' })
  @Column('varchar', { length: 1000 })
  citation!: string;

  @Column('varchar', { name: 'commended_by', length: 200, nullable: true })
  commendedBy!: string | null;

  @Field({ description: '发布时间 — when it was published.' })
  @Column('timestamptz', { name: 'published_at' })
  publishedAt!: Date;
}
