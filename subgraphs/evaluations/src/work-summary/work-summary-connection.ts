import { Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '@kepuri/platform';
import { WorkSummary } from './work-summary.entity';

@ObjectType({ description: '工作总结列表项 — a work summary with its cursor.' })
export class WorkSummaryEdge {
  @Field({ description: '游标 — cursor of this item.' })
  cursor!: string;

  @Field(() => WorkSummary, { description: '工作总结 — the work summary.' })
  node!: WorkSummary;
}

@ObjectType({ description: '工作总结列表 — a page of work summaries (Relay connection).' })
export class WorkSummaryConnection {
  @Field(() => Int, { description: '总数 — number of summaries the caller may read.' })
  totalCount!: number;

  @Field(() => [WorkSummaryEdge], { description: '本页 — the summaries of this page.' })
  edges!: WorkSummaryEdge[];

  @Field(() => PageInfo, { description: '分页信息 — page info.' })
  pageInfo!: PageInfo;
}
