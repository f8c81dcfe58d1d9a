import { Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '@kepuri/platform';
import { Activity } from './activity.entity';

@ObjectType({ description: '活动列表项 — an activity with its cursor.' })
export class ActivityEdge {
  @Field({ description: '游标 — cursor of this item.' })
  cursor!: string;

  @Field(() => Activity, { description: '活动 — the activity.' })
  node!: Activity;
}

@ObjectType({ description: '活动列表 — a page of activities (Relay connection).' })
export class ActivityConnection {
  @Field(() => Int, { description: '总数 — number of activities matching the filter.' })
  totalCount!: number;

  @Field(() => [ActivityEdge], { description: '本页 — the activities of this page.' })
  edges!: ActivityEdge[];

  @Field(() => PageInfo, { description: '分页信息 — page info.' })
  pageInfo!: PageInfo;
}
