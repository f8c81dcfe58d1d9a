import type { VolunteeringContext } from '../context';
import { isUuid } from '@kepuri/platform';

export const volunteerReference = {
  __resolveReference: (reference: { id: string }, context: VolunteeringContext) =>
    isUuid(reference.id) ? context.loaders.volunteer.load(reference.id) : null,
};
