import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { CacheHint } from '@kepuri/platform';

@CacheHint('private')
@ObjectType({ description: '工作总结 — an organising unit\'s summary of its campaign (科普日活动总结材料), one per unit and campaign.' })
@Entity('work_summaries')
export class WorkSummary {
  @Field(() => ID, { description: '总结编号 — work summary id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('int', { name: 'campaign_year' })
  campaignYear!: number;

  @Column('uuid', { name: 'organization_id' })
  organizationId!: string;

  /** The organisation's path when the summary was last written: who may read it. */
  @Column('uuid', { name: 'organization_path', array: true })
  organizationPath!: string[];

  @Field({ description: '总结内容 — the summary text, 20 to 20,000 characters.' })
  @Column('text')
  content!: string;

  @Field(() => [String], { description: '附件 — links to attachments (http/https), at most 10.' })
  @Column('varchar', { name: 'attachment_urls', length: 2048, array: true })
  attachmentUrls!: string[];

  @Column('varchar', { name: 'submitted_by', length: 200, nullable: true })
  submittedBy!: string | null;

  @Field({ description: '提交时间 — when it was first submitted.' })
  @Column('timestamptz', { name: 'created_at' })
  submittedAt!: Date;

  @Field({ description: '修改时间 — when it was last submitted or changed.' })
  @Column('timestamptz', { name: 'updated_at' })
  updatedAt!: Date;
}
