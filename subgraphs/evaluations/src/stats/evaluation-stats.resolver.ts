import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { badInput } from '@kepuri/platform';
import { STATS_CAMPAIGN_ARG, isRegionCode, nationScope, organizationStatsScope, regionLevel, regionScope } from '@kepuri/domain';
import type { EvaluationsContext } from '../context';
import { OrganizationStub } from '../foreign/organization.stub';
import { CampaignStub } from '../foreign/campaign.stub';
import { RegionStub } from '../foreign/region.stub';
import { EvaluationDay, EvaluationStats, RatedActivity } from './evaluation-stats.types';

@Resolver(() => RegionStub)
export class RegionEvaluationStatsResolver {
  @FieldResolver(() => EvaluationStats, { nullable: true, description: '评价统计 — ratings, recommendations and commendations of activities and units in this region and everything in it.' })
  evaluationStats(@Root() region: RegionStub, @Arg('campaign', () => Int, STATS_CAMPAIGN_ARG) campaign: number | undefined, @Ctx() context: EvaluationsContext) {
    return context.loaders.evaluationStats.load({ campaign: campaign ?? null, scope: regionScope(region.code) });
  }

  @FieldResolver(() => [EvaluationDay], { nullable: true, description: '每日评价 — feedback given per day on activities in this region (days with any).' })
  evaluationDaily(@Root() region: RegionStub, @Arg('campaign', () => Int, { description: '年度 — campaign year.' }) campaign: number, @Ctx() context: EvaluationsContext) {
    return context.loaders.evaluationDaily.load({ campaign, scope: regionScope(region.code) });
  }
}

@Resolver(() => OrganizationStub)
export class OrganizationEvaluationStatsResolver {
  @FieldResolver(() => EvaluationStats, {
    nullable: true,
    description: '评价统计 — ratings of the activities this organisation organises, and recommendations and commendations naming it (with includeSubordinates, also everything below it).',
  })
  evaluationStats(
    @Root() organization: OrganizationStub,
    @Arg('campaign', () => Int, STATS_CAMPAIGN_ARG) campaign: number | undefined,
    @Arg('includeSubordinates', { nullable: true, defaultValue: false, description: '含下属单位 — include every organisation below it.' }) includeSubordinates: boolean,
    @Ctx() context: EvaluationsContext,
  ) {
    return context.loaders.evaluationStats.load({ campaign: campaign ?? null, scope: organizationStatsScope(organization.id, includeSubordinates) });
  }
}

@Resolver(() => CampaignStub)
export class CampaignEvaluationStatsResolver {
  @FieldResolver(() => EvaluationStats, { nullable: true, description: '全国评价统计 — national evaluation figures of the campaign.' })
  evaluationStats(@Root() campaign: CampaignStub, @Ctx() context: EvaluationsContext) {
    return context.loaders.evaluationStats.load({ campaign: campaign.year, scope: nationScope });
  }

  @FieldResolver(() => [EvaluationDay], { nullable: true, description: '全国每日评价 — feedback given per day, nationally (days with any).' })
  evaluationDaily(@Root() campaign: CampaignStub, @Ctx() context: EvaluationsContext) {
    return context.loaders.evaluationDaily.load({ campaign: campaign.year, scope: nationScope });
  }
}

@Resolver()
export class TopRatedActivitiesResolver {
  @Query(() => [RatedActivity], {
    description: '评分排行 — the best-rated activities of a campaign (mean rating, then number of ratings), nationally or in a province, with at least minFeedback ratings.',
  })
  topRatedActivities(
    @Arg('campaign', () => Int, { description: '年度 — campaign year.' }) campaign: number,
    @Arg('regionCode', () => ID, { nullable: true, description: '省级地区代码 — only activities in this province.' }) regionCode: string | undefined,
    @Arg('minFeedback', () => Int, { nullable: true, defaultValue: 5, description: '最少评价数 — leave out activities with fewer ratings (at least 1).' }) minFeedback: number | null,
    @Arg('first', () => Int, { nullable: true, defaultValue: 10, description: '条数 — how many, 1 to 100.' }) first: number | null,
    @Ctx() context: EvaluationsContext,
  ) {
    // An explicit null means the default.
    minFeedback ??= 5;
    first ??= 10;
    if (first < 1 || first > 100) throw badInput('first', 'must be between 1 and 100');
    if (minFeedback < 1) throw badInput('minFeedback', 'must be at least 1');
    if (regionCode && (!isRegionCode(regionCode) || regionLevel(regionCode) !== 'PROVINCE')) throw badInput('regionCode', 'must be a province code');
    return context.services.evaluationStats.topRated(campaign, regionCode ?? null, minFeedback, first);
  }
}
