import { Arg, Ctx, Directive, FieldResolver, Float, ID, Int, Query, Resolver, Root } from 'type-graphql';
import { badInput, isUuid } from '@kepuri/platform';
import { Assessment } from '../assessment/assessment.entity';
import type { EvaluationsContext } from '../context';
import { CampaignParticipation, REQUIRED_FIGURES, type ParticipationFigures } from './participation.entity';
import { ProposedScores, proposeScores, proposedScoresOf } from './participation.rules';

const round2 = (value: number) => Math.round(value * 100) / 100;

@Resolver(() => CampaignParticipation)
export class ParticipationResolver {
  @Query(() => CampaignParticipation, {
    description: '参与情况 — an organisation\'s figures in one campaign, counting it and everything below it, from every subgraph.',
  })
  campaignParticipation(
    @Arg('year', () => Int, { description: '年度 — campaign year.' }) year: number,
    @Arg('organizationId', () => ID, { description: '单位编号 — organisation id.' }) organizationId: string,
  ): CampaignParticipation {
    if (!Number.isInteger(year) || year < 2000 || year > 2200) throw badInput('year', 'must be a campaign year from 2000 to 2200');
    if (!isUuid(organizationId)) throw badInput('organizationId', 'must be an organisation id');
    return { year, organizationId };
  }

  @FieldResolver(() => Int, { description: '评价数 — public ratings of the campaign\'s activities organised by the organisation or any below it.' })
  async feedbackCount(@Root() participation: CampaignParticipation, @Ctx() context: EvaluationsContext): Promise<number> {
    return (await context.loaders.subtreeRating.load(participation))?.feedbackCount ?? 0;
  }

  @FieldResolver(() => Float, { nullable: true, description: '平均评分 — their mean rating (1–5), null without ratings.' })
  async averageRating(@Root() participation: CampaignParticipation, @Ctx() context: EvaluationsContext): Promise<number | null> {
    const average = (await context.loaders.subtreeRating.load(participation))?.averageRating ?? null;
    return average === null ? null : round2(average);
  }

  @Directive(`@requires(fields: "${REQUIRED_FIGURES}")`)
  @FieldResolver(() => ProposedScores, {
    description: '建议得分 — proposed 0–100 scores on the seven indicators from the figures of every subgraph and the public\'s ratings (formula on ProposedScores); the host\'s assessment stays what the host enters.',
  })
  async proposedScores(@Root() participation: ParticipationFigures, @Ctx() context: EvaluationsContext): Promise<ProposedScores> {
    const rating = await context.loaders.subtreeRating.load(participation);
    return proposedScoresOf(proposeScores({
      activityCount: participation.activityCount,
      participantCount: participation.participantCount,
      jointActionActivityCount: participation.jointActionActivityCount,
      onlineActivityCount: participation.onlineActivityCount,
      newsLinkCount: participation.newsLinkCount,
      completedActivityCount: participation.completedActivityCount,
      volunteerCount: participation.volunteerCount,
      serviceHours: participation.serviceHours,
      feedbackCount: rating?.feedbackCount ?? 0,
      averageRating: rating?.averageRating ?? null,
    }));
  }
}

@Resolver(() => Assessment)
export class AssessmentParticipationResolver {
  @FieldResolver(() => CampaignParticipation, { description: '参与情况 — the assessed body\'s figures in the campaign, with proposed scores to compare.' })
  participation(@Root() assessment: Assessment): CampaignParticipation {
    return { year: assessment.campaignYear, organizationId: assessment.organizationId };
  }
}
