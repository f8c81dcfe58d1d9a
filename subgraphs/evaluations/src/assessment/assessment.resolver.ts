import { Arg, Args, Authorized, Ctx, FieldResolver, Float, ID, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { isUuid, DEFAULT_PAGE_SIZE, PageArgs, CacheHint } from '@kepuri/platform';
import type { EvaluationsContext } from '../context';
import { OrganizationStub } from '../foreign/organization.stub';
import { CampaignStub } from '../foreign/campaign.stub';
import { AssessmentConnection } from './assessment.connection';
import { Assessment, INDICATOR_PROPERTIES } from './assessment.entity';
import { AssessOrganizationInput } from './assessment.input';
import { INDICATORS, IndicatorEnum, IndicatorScore, type Indicator } from './indicator.enum';

const round2 = (value: number) => Math.round(value * 100) / 100;

@Resolver(() => Assessment)
export class AssessmentResolver {
  @Query(() => Assessment, {
    nullable: true,
    description: '考核 — one assessment by id; null if unknown or if the caller is not the body, a supervisor above it or the host.',
  })
  async assessment(@Arg('id', () => ID, { description: '考核编号 — assessment id.' }) id: string, @Ctx() context: EvaluationsContext) {
    return isUuid(id) ? context.services.assessments.visible(await context.loaders.assessment.load(id), context.identity) : null;
  }

  @CacheHint('private')
  @Query(() => AssessmentConnection, { description: '考核排名 — a campaign\'s assessments, best total first (host only).' })
  assessments(
    @Arg('campaign', () => Int, { description: '年度 — campaign year.' }) campaign: number,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() context: EvaluationsContext,
  ) {
    return context.services.assessments.ranking(campaign, context.identity, first ?? DEFAULT_PAGE_SIZE, after ?? undefined);
  }

  @Authorized('admin')
  @Mutation(() => Assessment, {
    description: '考核 — the host scores an organising body in a campaign on the seven indicators (0–100 each); scoring it again replaces the scores.',
  })
  assessOrganization(@Arg('input', () => AssessOrganizationInput, { description: '考核 — the campaign, the body and its seven scores.' }) input: AssessOrganizationInput, @Ctx() context: EvaluationsContext) {
    return context.services.assessments.assess(input, context.identity);
  }

  @FieldResolver(() => CampaignStub, { nullable: true, description: '年度活动 — the campaign assessed.' })
  campaign(@Root() assessment: Assessment): CampaignStub {
    return { year: assessment.campaignYear };
  }

  @FieldResolver(() => OrganizationStub, { nullable: true, description: '被考核单位 — the organising body assessed.' })
  organization(@Root() assessment: Assessment): OrganizationStub {
    return { id: assessment.organizationId };
  }

  @FieldResolver(() => [IndicatorScore], { description: '各项得分 — the score on each of the seven indicators, in the notice\'s order.' })
  scores(@Root() assessment: Assessment): IndicatorScore[] {
    return INDICATORS.map((indicator) => ({ indicator, score: assessment[INDICATOR_PROPERTIES[indicator]] }));
  }

  @FieldResolver(() => Float, { description: '单项得分 — the score on one indicator.' })
  score(
    @Root() assessment: Assessment,
    @Arg('indicator', () => IndicatorEnum, { description: '考核指标 — the indicator.' }) indicator: Indicator,
  ): number {
    return assessment[INDICATOR_PROPERTIES[indicator]];
  }

  @FieldResolver(() => Float, { description: '总分 — the mean of the seven scores, rounded to two decimals.' })
  total(@Root() assessment: Assessment): number {
    return round2(assessment.total);
  }
}
