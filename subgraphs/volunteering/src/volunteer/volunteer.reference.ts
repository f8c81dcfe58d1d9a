import type { VolunteeringContext } from '../context';
import { isUuid } from '../../../shared/src/ids';

export const volunteerReference = {
  __resolveReference: (reference: { id: string }, context: VolunteeringContext) =>
    isUuid(reference.id) ? context.loaders.volunteer.load(reference.id) : null,
};
