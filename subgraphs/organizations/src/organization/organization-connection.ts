import { Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '@kepuri/platform';
import { Organization } from './organization.entity';

@ObjectType({ description: '单位列表项 — an organisation with its cursor.' })
export class OrganizationEdge {
  @Field({ description: '游标 — cursor of this item.' })
  cursor!: string;

  @Field(() => Organization, { description: '单位 — the organisation.' })
  node!: Organization;
}

@ObjectType({ description: '单位列表 — a page of organisations (Relay connection).' })
export class OrganizationConnection {
  @Field(() => Int, { description: '总数 — number of organisations matching the filter.' })
  totalCount!: number;

  @Field(() => [OrganizationEdge], { description: '本页 — the organisations of this page.' })
  edges!: OrganizationEdge[];

  @Field(() => PageInfo, { description: '分页信息 — page info.' })
  pageInfo!: PageInfo;
}
