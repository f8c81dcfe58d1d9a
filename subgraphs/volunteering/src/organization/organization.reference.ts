import type { VolunteeringOrganization } from './organization.entity';

/** Nothing to load: the fields volunteering adds resolve from the id through batched loaders. */
export const organizationReference = {
  __resolveReference: (reference: { id: string }): VolunteeringOrganization => ({ id: reference.id }),
};
