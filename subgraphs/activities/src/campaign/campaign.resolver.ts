import { Arg, Authorized, Ctx, Int, Mutation, Query, Resolver } from 'type-graphql';
import { SaveCampaignInput } from './campaign.input';
import type { ActivitiesContext } from '../context';
import { Campaign } from './campaign.entity';

@Resolver(() => Campaign)
export class CampaignResolver {
  @Query(() => Campaign, { nullable: true, description: '某年度活动 — the campaign of one year, or null.' })
  campaign(@Arg('year', () => Int, { description: '年度 — campaign year.' }) year: number, @Ctx() context: ActivitiesContext) {
    return context.loaders.campaign.load(year);
  }

  @Query(() => [Campaign], { description: '全部年度活动 — every campaign in the hub, newest first.' })
  campaigns(@Ctx() context: ActivitiesContext) {
    return context.services.campaigns.list();
  }

  @Authorized('admin')
  @Mutation(() => Campaign, { description: '发布年度活动 — the host publishes or corrects a year\'s theme, windows and deadlines.' })
  saveCampaign(@Arg('input', () => SaveCampaignInput, { description: '年度活动设置 — the year, theme, windows and deadlines.' }) input: SaveCampaignInput, @Ctx() context: ActivitiesContext) {
    return context.services.campaigns.save(input, context.identity);
  }
}
