import type { EvaluationsContext } from '../context';
import { isUuid } from '@kepuri/platform';

/** Resolved by id under the same visibility as the assessment query. */
export const assessmentReference = {
  __resolveReference: async (reference: { id: string }, context: EvaluationsContext) =>
    isUuid(reference.id) ? context.services.assessments.visible(await context.loaders.assessment.load(reference.id), context.identity) : null,
};
