import type { EvaluatedOrganization } from './organization.entity';

/** Nothing to load: the fields evaluations adds resolve from the id through batched loaders. */
export const organizationReference = {
  __resolveReference: (reference: { id: string }): EvaluatedOrganization => ({ id: reference.id }),
};
