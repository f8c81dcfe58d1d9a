import { buildSubgraph, type SubgraphDefinition, type SubgraphOptions } from '../../shared/src/subgraph-app';
import { EvaluatedActivity } from './activity/activity.entity';
import { activityReference } from './activity/activity.reference';
import { EvaluatedActivityResolver } from './activity/activity.resolver';
import { createLoaders, createServices, type EvaluationsLoaders, type EvaluationsServices } from './context';
import { migrations } from './db/migrations';
import { seedEvaluations } from './db/seed';
import { Feedback } from './feedback/feedback.entity';
import { feedbackReference } from './feedback/feedback.reference';
import { FeedbackResolver } from './feedback/feedback.resolver';

/** The evaluations subgraph: feedback and ratings (later summaries, recommendations, assessments). */
export const evaluationsSubgraph: SubgraphDefinition<EvaluationsServices, EvaluationsLoaders> = {
  name: 'evaluations',
  entities: [Feedback],
  migrations,
  resolvers: [FeedbackResolver, EvaluatedActivityResolver],
  orphanedTypes: [EvaluatedActivity],
  references: { Feedback: feedbackReference, Activity: activityReference },
  createServices,
  createLoaders,
  seed: seedEvaluations,
};

export function build(options: SubgraphOptions) {
  return buildSubgraph(evaluationsSubgraph, options);
}
