import type { ActivitiesContext } from '../context';

export const participationReference = {
  __resolveReference: (reference: { year: number; organizationId: string }, context: ActivitiesContext) =>
    context.loaders.participation.load({ year: reference.year, organizationId: reference.organizationId }),
};
