import type { EvaluationsContext } from '../context';
import { isUuid } from '@kepuri/platform';

export const feedbackReference = {
  __resolveReference: (reference: { id: string }, context: EvaluationsContext) =>
    isUuid(reference.id) ? context.loaders.feedback.load(reference.id) : null,
};
