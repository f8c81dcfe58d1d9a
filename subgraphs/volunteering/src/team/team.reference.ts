import type { VolunteeringContext } from '../context';
import { isUuid } from '../../../shared/src/ids';

export const teamReference = {
  __resolveReference: (reference: { id: string }, context: VolunteeringContext) =>
    isUuid(reference.id) ? context.loaders.team.load(reference.id) : null,
};
