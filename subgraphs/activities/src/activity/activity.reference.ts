import type { ActivitiesContext } from '../context';

export const activityReference = {
  __resolveReference: (reference: { id: string }, context: ActivitiesContext) => context.loaders.activity.load(reference.id),
};
