import type { OrganizationsContext } from '../context';
import { isUuid } from '@kepuri/platform';

export const organizationReference = {
  __resolveReference: (reference: { id: string }, context: OrganizationsContext) =>
    isUuid(reference.id) ? context.loaders.organization.load(reference.id) : null,
};
