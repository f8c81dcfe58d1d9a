import type { VolunteeringContext } from '../context';

/** Every reference of one _entities call goes into one batch: one statement however many. */
export const participationReference = {
  __resolveReference: (reference: { year: number; organizationId: string }, context: VolunteeringContext) =>
    context.loaders.participation.load({ year: Number(reference.year), organizationId: String(reference.organizationId) }),
};
