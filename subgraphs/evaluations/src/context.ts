import type { DataSource } from 'typeorm';
import type { SubgraphContext, SubgraphRuntime } from '@kepuri/platform';
import { createAssessmentLoader, createOrganizationAssessmentLoader } from './assessment/assessment.loader';
import { AssessmentService } from './assessment/assessment.service';
import { CommendationService } from './commendation/commendation.service';
import {
  createActivityRatingLoader, createFeedbackLoader, createSubtreeRatingLoader, createUserFeedbackLoader,
} from './feedback/feedback.loader';
import { FeedbackService } from './feedback/feedback.service';
import {
  createActivityRecommendedLoader, createRecommendationLoader, createRecommendationsMadeLoader, createRecommendationsReceivedLoader,
} from './recommendation/recommendation.loader';
import { RecommendationService } from './recommendation/recommendation.service';
import { createEvaluationDailyLoader, createEvaluationStatsLoader } from './stats/evaluation-stats.loader';
import { EvaluationStatsService } from './stats/evaluation-stats.service';
import { createWorkSummaryLoader } from './work-summary/work-summary.loader';
import { WorkSummaryService } from './work-summary/work-summary.service';

export function createServices(dataSource: DataSource, runtime: SubgraphRuntime) {
  return {
    feedback: new FeedbackService(dataSource, runtime),
    summaries: new WorkSummaryService(dataSource, runtime),
    recommendations: new RecommendationService(dataSource, runtime),
    assessments: new AssessmentService(dataSource, runtime),
    commendations: new CommendationService(dataSource, runtime),
    evaluationStats: new EvaluationStatsService(dataSource),
  };
}
export type EvaluationsServices = ReturnType<typeof createServices>;

export function createLoaders(services: EvaluationsServices) {
  return {
    feedback: createFeedbackLoader(services.feedback),
    userFeedback: createUserFeedbackLoader(services.feedback),
    activityRating: createActivityRatingLoader(services.feedback),
    subtreeRating: createSubtreeRatingLoader(services.feedback),
    workSummary: createWorkSummaryLoader(services.summaries),
    recommendation: createRecommendationLoader(services.recommendations),
    recommendationsReceived: createRecommendationsReceivedLoader(services.recommendations),
    recommendationsMade: createRecommendationsMadeLoader(services.recommendations),
    activityRecommended: createActivityRecommendedLoader(services.recommendations),
    assessment: createAssessmentLoader(services.assessments),
    organizationAssessment: createOrganizationAssessmentLoader(services.assessments),
    evaluationStats: createEvaluationStatsLoader(services.evaluationStats),
    evaluationDaily: createEvaluationDailyLoader(services.evaluationStats),
  };
}
export type EvaluationsLoaders = ReturnType<typeof createLoaders>;

export type EvaluationsContext = SubgraphContext<EvaluationsServices, EvaluationsLoaders>;
