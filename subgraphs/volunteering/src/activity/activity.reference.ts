import type { VolunteeredActivity } from './activity.entity';

/** Nothing to load: the fields volunteering adds resolve from the id through batched loaders. */
export const activityReference = {
  __resolveReference: (reference: { id: string }): VolunteeredActivity => ({ id: reference.id }),
};
