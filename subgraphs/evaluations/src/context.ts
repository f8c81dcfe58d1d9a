import type { DataSource } from 'typeorm';
import type { SubgraphContext } from '../../shared/src/subgraph-app';
import { createActivityRatingLoader, createFeedbackLoader } from './feedback/feedback.loader';
import { FeedbackService } from './feedback/feedback.service';

export function createServices(dataSource: DataSource) {
  return {
    feedback: new FeedbackService(dataSource),
  };
}
export type EvaluationsServices = ReturnType<typeof createServices>;

export function createLoaders(services: EvaluationsServices) {
  return {
    feedback: createFeedbackLoader(services.feedback),
    activityRating: createActivityRatingLoader(services.feedback),
  };
}
export type EvaluationsLoaders = ReturnType<typeof createLoaders>;

export type EvaluationsContext = SubgraphContext<EvaluationsServices, EvaluationsLoaders>;
