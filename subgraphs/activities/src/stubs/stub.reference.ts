import type { OrganizationRef } from './organization.stub';
import type { RegionRef } from './region.stub';

/** Nothing to load: the figures activities adds to these entities resolve from the key. */
export const regionReference = { __resolveReference: (reference: { code: string }): RegionRef => ({ code: reference.code }) };
export const organizationReference = { __resolveReference: (reference: { id: string }): OrganizationRef => ({ id: reference.id }) };
