import { Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '@kepuri/platform';
import { Volunteer } from './volunteer.entity';

@ObjectType({ description: '志愿者列表项 — a volunteer with its cursor.' })
export class VolunteerEdge {
  @Field({ description: '游标 — cursor of this item.' })
  cursor!: string;

  @Field(() => Volunteer, { description: '志愿者 — the volunteer.' })
  node!: Volunteer;
}

@ObjectType({ description: '志愿者列表 — a page of volunteers by name (Relay connection).' })
export class VolunteerConnection {
  @Field(() => Int, { description: '总数 — number of volunteers matching the filter.' })
  totalCount!: number;

  @Field(() => [VolunteerEdge], { description: '本页 — the volunteers of this page.' })
  edges!: VolunteerEdge[];

  @Field(() => PageInfo, { description: '分页信息 — page info.' })
  pageInfo!: PageInfo;
}
