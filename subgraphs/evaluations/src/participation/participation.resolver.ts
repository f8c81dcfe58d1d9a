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

  // Nullable: it @requires the figures of activities and volunteering, and without them the gateway never
  // asks for it; non-null, that would null the whole participation (and the assessment holding it).
  @Directive(`@requires(fields: "${REQUIRED_FIGURES}")`)
  @FieldResolver(() => ProposedScores, {
    nullable: true,
    description: '建议得分 — proposed 0–100 scores on the seven indicators from the figures of every subgraph and the public\'s ratings (formula on ProposedScores); the host\'s assessment stays what the host enters.',
  })
  async proposedScores(@Root() participation: ParticipationFigures, @Ctx() context: EvaluationsContext): Promise<ProposedScores | null> {
    const {
      activityCount, participantCount, jointActionActivityCount, onlineActivityCount, newsLinkCount, completedActivityCount, volunteerCount, serviceHours,
    } = participation;
    // A figure its subgraph failed to give arrives as null: no proposal rather than one scored on a made-up zero.
    if (
      activityCount === null || participantCount === null || jointActionActivityCount === null || onlineActivityCount === null
      || newsLinkCount === null || completedActivityCount === null || volunteerCount === null || serviceHours === null
    ) return null;
    const rating = await context.loaders.subtreeRating.load(participation);
    return proposedScoresOf(proposeScores({
      activityCount,
      participantCount,
      jointActionActivityCount,
      onlineActivityCount,
      newsLinkCount,
      completedActivityCount,
      volunteerCount,
      serviceHours,
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
