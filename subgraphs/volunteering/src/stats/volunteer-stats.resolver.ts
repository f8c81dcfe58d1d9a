import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { badInput } from '@kepuri/platform';
import { STATS_CAMPAIGN_ARG, nationScope, organizationStatsScope, regionScope } from '@kepuri/domain';
import type { VolunteeringContext } from '../context';
import { OrganizationStub } from '../foreign/organization.stub';
import { CampaignStub } from '../foreign/campaign.stub';
import { RegionStub } from '../foreign/region.stub';
import { VolunteerDay, VolunteerStats } from './volunteer-stats.types';

/** A campaign year as the rollups key it; years below 1 are refused (0 is the all-campaigns bucket). */
function campaignKey(campaign: number | null | undefined): number | null {
  if (campaign === null || campaign === undefined) return null;
  if (campaign < 1) throw badInput('campaign', 'must be a campaign year');
  return campaign;
}

@Resolver(() => RegionStub)
export class RegionVolunteerStatsResolver {
  @FieldResolver(() => VolunteerStats, {
    nullable: true,
    description: '志愿服务统计 — volunteers and teams registered in this region and everything in it, and service at activities held in it.',
  })
  volunteerStats(@Root() region: RegionStub, @Arg('campaign', () => Int, STATS_CAMPAIGN_ARG) campaign: number | undefined, @Ctx() context: VolunteeringContext) {
    return context.loaders.volunteerStats.load({ campaign: campaignKey(campaign), scope: regionScope(region.code) });
  }

  @FieldResolver(() => [VolunteerDay], { nullable: true, description: '每日志愿服务 — service hours and records per day at activities in this region and everything in it (days with any).' })
  volunteerDaily(@Root() region: RegionStub, @Arg('campaign', () => Int, { description: '年度 — campaign year.' }) campaign: number, @Ctx() context: VolunteeringContext) {
    return context.loaders.volunteerDaily.load({ campaign: campaignKey(campaign)!, scope: regionScope(region.code) });
  }
}

@Resolver(() => OrganizationStub)
export class OrganizationVolunteerStatsResolver {
  @FieldResolver(() => VolunteerStats, {
    nullable: true,
    description: '志愿服务统计 — volunteers and teams of this organisation, and service at activities it organises (with includeSubordinates, of it and everything below it).',
  })
  volunteerStats(
    @Root() organization: OrganizationStub,
    @Arg('campaign', () => Int, STATS_CAMPAIGN_ARG) campaign: number | undefined,
    @Arg('includeSubordinates', { nullable: true, defaultValue: false, description: '含下属单位 — include every organisation below it.' }) includeSubordinates: boolean,
    @Ctx() context: VolunteeringContext,
  ) {
    return context.loaders.volunteerStats.load({ campaign: campaignKey(campaign), scope: organizationStatsScope(organization.id, includeSubordinates) });
  }
}

@Resolver(() => CampaignStub)
export class CampaignVolunteerStatsResolver {
  @FieldResolver(() => VolunteerStats, { nullable: true, description: '全国志愿服务统计 — national figures: every registered volunteer and team, and the campaign\'s service.' })
  volunteerStats(@Root() campaign: CampaignStub, @Ctx() context: VolunteeringContext) {
    return context.loaders.volunteerStats.load({ campaign: campaign.year, scope: nationScope });
  }

  @FieldResolver(() => [VolunteerDay], { nullable: true, description: '全国每日志愿服务 — service hours and records per day of the campaign, nationally (days with any).' })
  volunteerDaily(@Root() campaign: CampaignStub, @Ctx() context: VolunteeringContext) {
    return context.loaders.volunteerDaily.load({ campaign: campaign.year, scope: nationScope });
  }
}
