import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { badInput, isUuid, DEFAULT_PAGE_SIZE, PageArgs, CacheHint } from '@kepuri/platform';
import { ActivityStub } from '../foreign/activity.stub';
import type { EvaluationsContext } from '../context';
import { OrganizationStub } from '../foreign/organization.stub';
import { CampaignStub } from '../foreign/campaign.stub';
import { RecommendationConnection } from './recommendation.connection';
import { Recommendation } from './recommendation.entity';
import { RecommendationKindEnum, RecommendationStatusEnum, type RecommendationKind, type RecommendationStatus } from './recommendation.enum';
import { RecommendInput } from './recommendation.input';

@Resolver(() => Recommendation)
export class RecommendationResolver {
  @Query(() => Recommendation, { nullable: true, description: '推荐 — one recommendation by id (standing or withdrawn), or null.' })
  recommendation(@Arg('id', () => ID, { description: '推荐编号 — recommendation id.' }) id: string, @Ctx() context: EvaluationsContext) {
    return isUuid(id) ? context.loaders.recommendation.load(id) : null;
  }

  @CacheHint('content')
  @Query(() => RecommendationConnection, { description: '推荐列表 — a campaign\'s standing recommendations, oldest first.' })
  recommendations(
    @Arg('campaign', () => Int, { description: '年度 — campaign year.' }) campaign: number,
    @Arg('kind', () => RecommendationKindEnum, { nullable: true, description: '推荐类别 — only this kind.' }) kind: RecommendationKind | undefined,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() context: EvaluationsContext,
  ) {
    return context.services.recommendations.list(campaign, kind ?? undefined, first ?? DEFAULT_PAGE_SIZE, after ?? undefined);
  }

  @Authorized('supervisor')
  @Mutation(() => Recommendation, {
    description: '推荐 — a national society or provincial association (supervisor token) recommends an excellent unit below it or a completed activity organised at or below it, until the recommendation deadline.',
  })
  recommend(@Arg('input', () => RecommendInput, { description: '推荐 — the campaign, the kind and what is recommended.' }) input: RecommendInput, @Ctx() context: EvaluationsContext) {
    return context.services.recommendations.recommend(input, context.identity);
  }

  @Authorized('supervisor')
  @Mutation(() => Recommendation, { description: '撤回推荐 — the recommender withdraws a recommendation before the recommendation deadline.' })
  withdrawRecommendation(@Arg('id', () => ID, { description: '推荐编号 — recommendation id.' }) id: string, @Ctx() context: EvaluationsContext) {
    if (!isUuid(id)) throw badInput('id', 'must be a recommendation id');
    return context.services.recommendations.withdraw(id, context.identity);
  }

  @FieldResolver(() => RecommendationStatusEnum, { description: '推荐状态 — standing or withdrawn.' })
  status(@Root() recommendation: Recommendation): RecommendationStatus {
    return recommendation.withdrawnAt ? 'WITHDRAWN' : 'ACTIVE';
  }

  @FieldResolver(() => CampaignStub, { nullable: true, description: '年度活动 — the campaign.' })
  campaign(@Root() recommendation: Recommendation): CampaignStub {
    return { year: recommendation.campaignYear };
  }

  @FieldResolver(() => OrganizationStub, { nullable: true, description: '推荐单位 — the national society or provincial association that recommends.' })
  recommender(@Root() recommendation: Recommendation): OrganizationStub {
    return { id: recommendation.recommenderId };
  }

  @FieldResolver(() => OrganizationStub, { nullable: true, description: '被推荐单位 — the unit recommended, or the organiser of the activity recommended.' })
  organization(@Root() recommendation: Recommendation): OrganizationStub {
    return { id: recommendation.organizationId };
  }

  @FieldResolver(() => ActivityStub, { nullable: true, description: '被推荐活动 — the activity recommended (EXCELLENT_ACTIVITY), else null.' })
  activity(@Root() recommendation: Recommendation): ActivityStub | null {
    return recommendation.kind === 'EXCELLENT_ACTIVITY' ? { id: recommendation.targetId } : null;
  }
}
