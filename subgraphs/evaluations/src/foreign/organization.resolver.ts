import { Arg, Ctx, FieldResolver, Int, Resolver, Root } from 'type-graphql';
import { Assessment } from '../assessment/assessment.entity';
import type { EvaluationsContext } from '../context';
import { Recommendation } from '../recommendation/recommendation.entity';
import { WorkSummary } from '../work-summary/work-summary.entity';
import { OrganizationStub } from './organization.stub';

@Resolver(() => OrganizationStub)
export class OrganizationEvaluationsResolver {
  @FieldResolver(() => WorkSummary, {
    nullable: true,
    description: '工作总结 — the unit\'s summary of a campaign; null if none, or if the caller is not the unit, a supervisor above it or the host.',
  })
  async workSummary(
    @Root() organization: OrganizationStub,
    @Arg('campaign', () => Int, { description: '年度 — campaign year.' }) campaign: number,
    @Ctx() context: EvaluationsContext,
  ): Promise<WorkSummary | null> {
    const summary = await context.loaders.workSummary.load({ year: campaign, organizationId: organization.id });
    return context.services.summaries.visible(summary, context.identity);
  }

  @FieldResolver(() => [Recommendation], {
    nullable: true,
    description: '所获推荐 — standing recommendations naming the unit: as an excellent unit, or as the organiser of an excellent activity.',
  })
  recommendations(
    @Root() organization: OrganizationStub,
    @Arg('campaign', () => Int, { nullable: true, description: '年度 — only this campaign; all campaigns when omitted.' }) campaign: number | undefined,
    @Ctx() context: EvaluationsContext,
  ): Promise<Recommendation[]> {
    return context.loaders.recommendationsReceived.load({ organizationId: organization.id, year: campaign ?? null });
  }

  @FieldResolver(() => [Recommendation], { nullable: true, description: '所作推荐 — standing recommendations the unit made (national societies, provincial associations).' })
  recommendationsMade(
    @Root() organization: OrganizationStub,
    @Arg('campaign', () => Int, { nullable: true, description: '年度 — only this campaign; all campaigns when omitted.' }) campaign: number | undefined,
    @Ctx() context: EvaluationsContext,
  ): Promise<Recommendation[]> {
    return context.loaders.recommendationsMade.load({ organizationId: organization.id, year: campaign ?? null });
  }

  @FieldResolver(() => Assessment, {
    nullable: true,
    description: '考核 — the host\'s assessment of the unit in a campaign; null if none, or if the caller is not the unit, a supervisor above it or the host.',
  })
  async assessment(
    @Root() organization: OrganizationStub,
    @Arg('campaign', () => Int, { description: '年度 — campaign year.' }) campaign: number,
    @Ctx() context: EvaluationsContext,
  ): Promise<Assessment | null> {
    const assessment = await context.loaders.organizationAssessment.load({ year: campaign, organizationId: organization.id });
    return context.services.assessments.visible(assessment, context.identity);
  }
}
