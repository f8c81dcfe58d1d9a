import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { DEFAULT_PAGE_SIZE, PageArgs, isUuid, CacheHint } from '@kepuri/platform';
import type { EvaluationsContext } from '../context';
import { OrganizationStub } from '../foreign/organization.stub';
import { CampaignStub } from '../foreign/campaign.stub';
import { WorkSummaryConnection } from './work-summary.connection';
import { WorkSummary } from './work-summary.entity';
import { SubmitWorkSummaryInput } from './work-summary.input';

@Resolver(() => WorkSummary)
export class WorkSummaryResolver {
  @Query(() => WorkSummary, {
    nullable: true,
    description: '工作总结 — one unit\'s summary of a campaign; null if none, or if the caller is not the unit, a supervisor above it or the host.',
  })
  workSummary(
    @Arg('campaign', () => Int, { description: '年度 — campaign year.' }) campaign: number,
    @Arg('organizationId', () => ID, { description: '单位编号 — organisation id.' }) organizationId: string,
    @Ctx() context: EvaluationsContext,
  ) {
    if (!isUuid(organizationId)) return null;
    return context.loaders.workSummary.load({ year: campaign, organizationId })
      .then((summary) => context.services.summaries.visible(summary, context.identity));
  }

  @CacheHint('private')
  @Query(() => WorkSummaryConnection, {
    description: '工作总结列表 — a campaign\'s summaries the caller may read (host: all; supervisor: its subtree; organiser: its own), in submission order.',
  })
  workSummaries(
    @Arg('campaign', () => Int, { description: '年度 — campaign year.' }) campaign: number,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() context: EvaluationsContext,
  ) {
    return context.services.summaries.list(campaign, context.identity, first ?? DEFAULT_PAGE_SIZE, after ?? undefined);
  }

  @Authorized('organizer', 'supervisor', 'admin')
  @Mutation(() => WorkSummary, {
    description: '提交工作总结 — submit or replace a unit\'s summary until the campaign\'s summary deadline (the unit\'s organiser, a supervisor above it, or the host).',
  })
  submitWorkSummary(@Arg('input', () => SubmitWorkSummaryInput, { description: '工作总结 — the campaign, the unit and the summary.' }) input: SubmitWorkSummaryInput, @Ctx() context: EvaluationsContext) {
    return context.services.summaries.submit(input, context.identity);
  }

  @FieldResolver(() => CampaignStub, { nullable: true, description: '年度活动 — the campaign summarised.' })
  campaign(@Root() summary: WorkSummary): CampaignStub {
    return { year: summary.campaignYear };
  }

  @FieldResolver(() => OrganizationStub, { nullable: true, description: '单位 — the organising unit.' })
  organization(@Root() summary: WorkSummary): OrganizationStub {
    return { id: summary.organizationId };
  }
}
