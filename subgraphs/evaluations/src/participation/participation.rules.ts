import { Field, Float, ObjectType } from 'type-graphql';
import { IndicatorScore, INDICATORS, meanScore, type Indicator } from '../assessment/indicator.enum';
import { CacheHint } from '@kepuri/platform';

/**
 * The proposal's formula. Every figure x counts through a saturating curve
 *   s(x, h) = 100 · x / (x + h),
 * 0 for nothing, 50 at the half-way amount h, approaching 100; so each proposed score is
 * monotonic (more of any figure never lowers it) and stays within 0–100.
 */
export const HALF_WAY = {
  activities: 10,
  participants: 10_000,
  jointActionActivities: 5,
  onlineActivities: 5,
  newsLinks: 5,
  completedActivities: 5,
  volunteers: 10,
  serviceHours: 50,
  feedback: 10,
} as const;

export const FORMULA_DESCRIPTION =
  's(x, h) = 100·x/(x+h). 社会动员 = ½·s(activityCount, 10) + ½·s(participantCount, 10000); 联合行动 = s(jointActionActivityCount, 5); ' +
  '网络活动 = s(onlineActivityCount, 5); 宣传工作 = s(newsLinkCount, 5); 科技志愿服务 = ½·s(volunteerCount, 10) + ½·s(serviceHours, 50); ' +
  '活动信息服务 = s(completedActivityCount, 5); 公众评价 = 100·(averageRating−1)/4 · feedbackCount/(feedbackCount+10), 0 without ratings. ' +
  'Each rounded to one decimal.';

const saturate = (x: number, halfWay: number): number => (x <= 0 ? 0 : (100 * x) / (x + halfWay));
const round1 = (value: number): number => Math.round(value * 10) / 10;

export interface ProposalInputs {
  activityCount: number;
  participantCount: number;
  jointActionActivityCount: number;
  onlineActivityCount: number;
  newsLinkCount: number;
  completedActivityCount: number;
  volunteerCount: number;
  serviceHours: number;
  feedbackCount: number;
  /** Mean rating 1–5, null without ratings. */
  averageRating: number | null;
}

/** The seven proposed scores from an organisation's figures in a campaign. */
export function proposeScores(inputs: ProposalInputs): Record<Indicator, number> {
  const quality = inputs.averageRating === null ? 0 : Math.min(Math.max((inputs.averageRating - 1) / 4, 0), 1);
  const confidence = inputs.feedbackCount <= 0 ? 0 : inputs.feedbackCount / (inputs.feedbackCount + HALF_WAY.feedback);
  return {
    SOCIAL_MOBILIZATION: round1((saturate(inputs.activityCount, HALF_WAY.activities) + saturate(inputs.participantCount, HALF_WAY.participants)) / 2),
    JOINT_ACTION_IMPLEMENTATION: round1(saturate(inputs.jointActionActivityCount, HALF_WAY.jointActionActivities)),
    ONLINE_ACTIVITIES: round1(saturate(inputs.onlineActivityCount, HALF_WAY.onlineActivities)),
    PUBLICITY: round1(saturate(inputs.newsLinkCount, HALF_WAY.newsLinks)),
    TECH_VOLUNTEERING: round1((saturate(inputs.volunteerCount, HALF_WAY.volunteers) + saturate(inputs.serviceHours, HALF_WAY.serviceHours)) / 2),
    ACTIVITY_INFORMATION: round1(saturate(inputs.completedActivityCount, HALF_WAY.completedActivities)),
    PUBLIC_EVALUATION: round1(100 * quality * confidence),
  };
}

@ObjectType({ description: `建议得分 — scores on the seven indicators proposed from the campaign's figures; the host's assessment stays what the host enters. ${FORMULA_DESCRIPTION}` })
@CacheHint('inherit')
export class ProposedScores {
  @Field(() => Float, { description: '社会动员 — social mobilisation, from activities and participants.' })
  socialMobilization!: number;

  @Field(() => Float, { description: '联合行动组织实施 — joint-action implementation, from joint-action activities.' })
  jointActionImplementation!: number;

  @Field(() => Float, { description: '网络活动 — online activities, from activities with an online part.' })
  onlineActivities!: number;

  @Field(() => Float, { description: '宣传工作 — publicity, from news links reported.' })
  publicity!: number;

  @Field(() => Float, { description: '科技志愿服务 — tech volunteering, from volunteers and service hours.' })
  techVolunteering!: number;

  @Field(() => Float, { description: '活动信息服务 — activity information service, from activities whose results were filled in.' })
  activityInformation!: number;

  @Field(() => Float, { description: '公众评价情况 — public evaluation, from the mean rating weighted by the number of ratings.' })
  publicEvaluation!: number;

  @Field(() => [IndicatorScore], { description: '各项建议得分 — the same seven scores as a list, in the notice\'s order.' })
  scores!: IndicatorScore[];

  @Field(() => Float, { description: '建议总分 — the mean of the seven proposed scores, rounded to two decimals.' })
  total!: number;
}

export function proposedScoresOf(scores: Record<Indicator, number>): ProposedScores {
  return {
    socialMobilization: scores.SOCIAL_MOBILIZATION,
    jointActionImplementation: scores.JOINT_ACTION_IMPLEMENTATION,
    onlineActivities: scores.ONLINE_ACTIVITIES,
    publicity: scores.PUBLICITY,
    techVolunteering: scores.TECH_VOLUNTEERING,
    activityInformation: scores.ACTIVITY_INFORMATION,
    publicEvaluation: scores.PUBLIC_EVALUATION,
    scores: INDICATORS.map((indicator) => ({ indicator, score: scores[indicator] })),
    total: meanScore(scores),
  };
}
