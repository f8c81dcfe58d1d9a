import type { EvaluatedActivity } from './activity.entity';

/** Nothing to load: the fields evaluations adds resolve from the id through batched loaders. */
export const activityReference = {
  __resolveReference: (reference: { id: string }): EvaluatedActivity => ({ id: reference.id }),
};
