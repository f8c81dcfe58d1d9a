import type { EvaluationsContext } from '../context';
import { isUuid } from '@kepuri/platform';

export const recommendationReference = {
  __resolveReference: (reference: { id: string }, context: EvaluationsContext) =>
    isUuid(reference.id) ? context.loaders.recommendation.load(reference.id) : null,
};
