import { IsIn, IsInt, IsOptional, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { RECOMMENDATION_KINDS, RecommendationKindEnum, type RecommendationKind } from './recommendation.enum';

@InputType({ description: '推荐 — recommend an excellent unit or activity, until the campaign\'s recommendation deadline.' })
export class RecommendInput {
  @Field(() => Int, { description: '年度 — the campaign year.' })
  @IsInt() @Min(2000) @Max(2200)
  campaign!: number;

  @Field(() => RecommendationKindEnum, { description: '推荐类别 — excellent unit (an organisation strictly below the recommender) or excellent activity (a completed one organised at or below it).' })
  @IsIn(RECOMMENDATION_KINDS)
  kind!: RecommendationKind;

  @Field(() => ID, { description: '推荐对象 — the organisation id (EXCELLENT_ORGANIZATION) or the activity id (EXCELLENT_ACTIVITY).' })
  @IsUUID('all', { message: 'must be an organisation or activity id' })
  targetId!: string;

  @Field(() => String, { nullable: true, description: '推荐理由 — reason, up to 1000 characters.' })
  @IsOptional() @MaxLength(1000)
  reason?: string | null;
}
