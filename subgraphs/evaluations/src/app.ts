import { buildSubgraph, type SubgraphDefinition, type SubgraphOptions } from '@kepuri/platform';
// Modules register their GraphQL types as they load, in the order the SDL prints them: keep this order.
import { ActivityStub, activityReference } from './foreign/activity.stub';
import { ActivityEvaluationsResolver } from './foreign/activity.resolver';
import { Assessment } from './assessment/assessment.entity';
import { assessmentReference } from './assessment/assessment.reference';
import { AssessmentResolver } from './assessment/assessment.resolver';
import { Commendation } from './commendation/commendation.entity';
import { CommendationResolver } from './commendation/commendation.resolver';
import { createLoaders, createServices, type EvaluationsLoaders, type EvaluationsServices } from './context';
import { migrations } from './db/migrations';
import { seedEvaluations } from './db/seed';
import { EVALUATION_ROLLUPS } from './stats/evaluation-stats.applier';
import { Feedback } from './feedback/feedback.entity';
import { feedbackReference } from './feedback/feedback.reference';
import { FeedbackResolver } from './feedback/feedback.resolver';
import { FeedbackSubscriptionResolver } from './feedback/feedback.subscription';
import { OrganizationStub, organizationReference } from './foreign/organization.stub';
import { OrganizationEvaluationsResolver } from './foreign/organization.resolver';
import { CampaignParticipation } from './participation/participation.entity';
import { participationReference } from './participation/participation.reference';
import { AssessmentParticipationResolver, ParticipationResolver } from './participation/participation.resolver';
import { Recommendation } from './recommendation/recommendation.entity';
import { recommendationReference } from './recommendation/recommendation.reference';
import { RecommendationResolver } from './recommendation/recommendation.resolver';
import {
  CampaignEvaluationStatsResolver, OrganizationEvaluationStatsResolver, RegionEvaluationStatsResolver, TopRatedActivitiesResolver,
} from './stats/evaluation-stats.resolver';
import { EvaluationStatsSubscriptionResolver } from './stats/evaluation-stats.subscription';
import { RegionStub, regionReference } from './foreign/region.stub';
import { campaignReference } from './foreign/campaign.stub';
import { WorkSummary } from './work-summary/work-summary.entity';
import { WorkSummaryResolver } from './work-summary/work-summary.resolver';
import { ROOT_TYPE_DESCRIPTIONS } from '@kepuri/domain';

/**
 * The evaluations subgraph (section 五 of the notice): the public's feedback and ratings, work
 * summaries, recommendations, the host's assessments on seven indicators, and commendations.
 */
export const definition: SubgraphDefinition<EvaluationsServices, EvaluationsLoaders> = {
  name: 'evaluations',
  entities: [Feedback, WorkSummary, Recommendation, Assessment, Commendation],
  migrations,
  resolvers: [
    FeedbackResolver, ActivityEvaluationsResolver, OrganizationEvaluationsResolver, WorkSummaryResolver, RecommendationResolver,
    AssessmentResolver, CommendationResolver, ParticipationResolver, AssessmentParticipationResolver,
    RegionEvaluationStatsResolver, OrganizationEvaluationStatsResolver, CampaignEvaluationStatsResolver, TopRatedActivitiesResolver,
    FeedbackSubscriptionResolver, EvaluationStatsSubscriptionResolver,
  ],
  orphanedTypes: [ActivityStub, OrganizationStub, CampaignParticipation, RegionStub],
  references: {
    Feedback: feedbackReference,
    Activity: activityReference,
    Organization: organizationReference,
    Recommendation: recommendationReference,
    Assessment: assessmentReference,
    CampaignParticipation: participationReference,
    Region: regionReference,
    Campaign: campaignReference,
  },
  rootDescriptions: ROOT_TYPE_DESCRIPTIONS,
  createServices,
  rollups: EVALUATION_ROLLUPS,
  createLoaders,
  seed: seedEvaluations,
};

export function build(options: SubgraphOptions) {
  return buildSubgraph(definition, options);
}
