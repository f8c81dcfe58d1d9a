import { Arg, Ctx, FieldResolver, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { badInput, CacheHint } from '@kepuri/platform';
import { STATS_CAMPAIGN_ARG, isRegionCode, nationScope, organizationStatsScope, regionLevel, regionScope } from '@kepuri/domain';
import { Activity } from '../activity/activity.entity';
import { Campaign } from '../campaign/campaign.entity';
import type { ActivitiesContext } from '../context';
import { OrganizationStub } from '../foreign/organization.stub';
import { RegionStub } from '../foreign/region.stub';
import { ActivityDay, ActivityStats } from './activity-stats.types';

@Resolver(() => RegionStub)
export class RegionActivityStatsResolver {
  @FieldResolver(() => ActivityStats, { nullable: true, description: '活动统计 — activities in this region and everything in it.' })
  activityStats(@Root() region: RegionStub, @Arg('campaign', () => Int, STATS_CAMPAIGN_ARG) campaign: number | undefined, @Ctx() context: ActivitiesContext) {
    return context.loaders.activityStats.load({ campaign: campaign ?? null, scope: regionScope(region.code) });
  }

  @FieldResolver(() => [ActivityDay], { nullable: true, description: '每日活动 — activities running and check-ins per day in this region (days with any).' })
  activityDaily(@Root() region: RegionStub, @Arg('campaign', () => Int, { description: '年度 — campaign year.' }) campaign: number, @Ctx() context: ActivitiesContext) {
    return context.loaders.activityDaily.load({ campaign, scope: regionScope(region.code) });
  }
}

@Resolver(() => OrganizationStub)
export class OrganizationActivityStatsResolver {
  @FieldResolver(() => ActivityStats, { nullable: true, description: '活动统计 — activities this organisation organises (with includeSubordinates, also everything below it).' })
  activityStats(
    @Root() organization: OrganizationStub,
    @Arg('campaign', () => Int, STATS_CAMPAIGN_ARG) campaign: number | undefined,
    @Arg('includeSubordinates', { nullable: true, defaultValue: false, description: '含下属单位 — include every organisation below it.' }) includeSubordinates: boolean,
    @Ctx() context: ActivitiesContext,
  ) {
    return context.loaders.activityStats.load({ campaign: campaign ?? null, scope: organizationStatsScope(organization.id, includeSubordinates) });
  }
}

@Resolver(() => Campaign)
export class CampaignActivityStatsResolver {
  @FieldResolver(() => ActivityStats, { description: '全国活动统计 — national activity figures of the campaign.' })
  activityStats(@Root() campaign: Campaign, @Ctx() context: ActivitiesContext) {
    return context.loaders.activityStats.load({ campaign: campaign.year, scope: nationScope });
  }

  @FieldResolver(() => [ActivityDay], { description: '全国每日活动 — activities running and check-ins per day, nationally.' })
  activityDaily(@Root() campaign: Campaign, @Ctx() context: ActivitiesContext) {
    return context.loaders.activityDaily.load({ campaign: campaign.year, scope: nationScope });
  }
}

@Resolver()
export class TopActivitiesResolver {
  @CacheHint('stats')
  @Query(() => [Activity], { description: '打卡排行 — the activities of a campaign with the most check-ins, nationally or in a province.' })
  topActivitiesByCheckIns(
    @Arg('campaign', () => Int, { description: '年度 — campaign year.' }) campaign: number,
    @Arg('regionCode', () => ID, { nullable: true, description: '省级地区代码 — only this province.' }) regionCode: string | undefined,
    @Arg('first', () => Int, { nullable: true, defaultValue: 10, description: '条数 — how many, 1 to 100.' }) first: number,
    @Ctx() context: ActivitiesContext,
  ) {
    if (first < 1 || first > 100) throw badInput('first', 'must be between 1 and 100');
    if (regionCode && (!isRegionCode(regionCode) || regionLevel(regionCode) !== 'PROVINCE')) throw badInput('regionCode', 'must be a province code');
    return context.services.activities.topByCheckIns(campaign, regionCode ?? null, first);
  }
}
