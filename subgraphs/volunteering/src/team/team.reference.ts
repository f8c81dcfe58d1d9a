import type { VolunteeringContext } from '../context';
import { isUuid } from '@kepuri/platform';

export const teamReference = {
  __resolveReference: (reference: { id: string }, context: VolunteeringContext) =>
    isUuid(reference.id) ? context.loaders.team.load(reference.id) : null,
};
