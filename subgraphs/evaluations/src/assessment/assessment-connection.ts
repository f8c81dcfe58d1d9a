import { Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '@kepuri/platform';
import { Assessment } from './assessment.entity';

@ObjectType({ description: '考核列表项 — an assessment with its cursor.' })
export class AssessmentEdge {
  @Field({ description: '游标 — cursor of this item.' })
  cursor!: string;

  @Field(() => Assessment, { description: '考核 — the assessment.' })
  node!: Assessment;
}

@ObjectType({ description: '考核列表 — a page of assessments, best total first (Relay connection).' })
export class AssessmentConnection {
  @Field(() => Int, { description: '总数 — number of assessments in the campaign.' })
  totalCount!: number;

  @Field(() => [AssessmentEdge], { description: '本页 — the assessments of this page.' })
  edges!: AssessmentEdge[];

  @Field(() => PageInfo, { description: '分页信息 — page info.' })
  pageInfo!: PageInfo;
}
