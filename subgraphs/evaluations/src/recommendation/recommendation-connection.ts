import { Field, Int, ObjectType } from 'type-graphql';
import { PageInfo } from '@kepuri/platform';
import { Recommendation } from './recommendation.entity';

@ObjectType({ description: '推荐列表项 — a recommendation with its cursor.' })
export class RecommendationEdge {
  @Field({ description: '游标 — cursor of this item.' })
  cursor!: string;

  @Field(() => Recommendation, { description: '推荐 — the recommendation.' })
  node!: Recommendation;
}

@ObjectType({ description: '推荐列表 — a page of recommendations (Relay connection).' })
export class RecommendationConnection {
  @Field(() => Int, { description: '总数 — number of recommendations matching.' })
  totalCount!: number;

  @Field(() => [RecommendationEdge], { description: '本页 — the recommendations of this page.' })
  edges!: RecommendationEdge[];

  @Field(() => PageInfo, { description: '分页信息 — page info.' })
  pageInfo!: PageInfo;
}
