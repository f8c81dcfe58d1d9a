import { Field, Float, Int, ObjectType } from 'type-graphql';
import { ActivityStub } from '../foreign/activity.stub';
import { CommendationKindEnum, type CommendationKind } from '../commendation/commendation.enum';
import { RecommendationKindEnum, type RecommendationKind } from '../recommendation/recommendation.enum';
import { CacheHint } from '@kepuri/platform';

@ObjectType({ description: '评分分布 — how many ratings gave one score.' })
@CacheHint('inherit')
export class RatingBucket {
  @Field(() => Int, { description: '评分 — the score, 1 to 5.' })
  rating!: number;

  @Field(() => Int, { description: '评价数 — ratings with that score.' })
  feedbackCount!: number;
}

@ObjectType({ description: '按推荐类别统计 — standing recommendations of one kind.' })
@CacheHint('inherit')
export class RecommendationKindCount {
  @Field(() => RecommendationKindEnum, { description: '推荐类别 — excellent unit or excellent activity.' })
  kind!: RecommendationKind;

  @Field(() => Int, { description: '推荐数 — standing recommendations of that kind.' })
  recommendedCount!: number;
}

@ObjectType({ description: '按表扬类别统计 — commendations of one kind.' })
@CacheHint('inherit')
export class CommendationKindCount {
  @Field(() => CommendationKindEnum, { description: '表扬类别 — unit or activity.' })
  kind!: CommendationKind;

  @Field(() => Int, { description: '表扬数 — commendations of that kind.' })
  commendationCount!: number;
}

@ObjectType({
  description: '评价统计 — public ratings, standing recommendations and commendations in a scope (a region with everything in it, an organisation, or the nation), kept current on every write.',
})
@CacheHint('stats')
export class EvaluationStats {
  @Field(() => Int, { description: '评价数 — public ratings of activities in the scope.' })
  feedbackCount!: number;

  @Field(() => Float, { nullable: true, description: '平均评分 — mean rating (1–5, two decimals), null without ratings.' })
  averageRating!: number | null;

  @Field(() => [RatingBucket], { description: '评分分布 — ratings by score, all five buckets (1 to 5), zeros included.' })
  ratingHistogram!: RatingBucket[];

  @Field(() => Int, {
    description: '推荐数 — standing recommendations (优秀组织单位 of a unit in the scope, 优秀活动 of an activity in it); withdrawn ones do not count.',
  })
  recommendedCount!: number;

  @Field(() => [RecommendationKindCount], { description: '按推荐类别 — standing recommendations by kind (both kinds).' })
  byRecommendationKind!: RecommendationKindCount[];

  @Field(() => Int, { description: '表扬数 — the host\'s commendations of units and activities in the scope.' })
  commendationCount!: number;

  @Field(() => [CommendationKindCount], { description: '按表扬类别 — commendations by kind (both kinds).' })
  byCommendationKind!: CommendationKindCount[];
}

@ObjectType({ description: '每日评价 — one day of a campaign in a scope: feedback first given that day.' })
@CacheHint('stats')
export class EvaluationDay {
  @Field({ description: '日期 — the day (China time), YYYY-MM-DD.' })
  day!: string;

  @Field(() => Int, { description: '评价数 — feedback first given that day.' })
  feedbackCount!: number;

  @Field(() => Float, { nullable: true, description: '平均评分 — mean of those ratings as they stand now (two decimals).' })
  averageRating!: number | null;
}

@ObjectType({ description: '评分排行项 — an activity with its public ratings, for top-rated lists.' })
@CacheHint('stats')
export class RatedActivity {
  @Field(() => ActivityStub, { nullable: true, description: '活动 — the activity rated.' })
  activity!: ActivityStub;

  @Field(() => Int, { description: '评价数 — number of public ratings.' })
  feedbackCount!: number;

  @Field(() => Float, { description: '平均评分 — mean rating (1–5, two decimals).' })
  averageRating!: number;
}
