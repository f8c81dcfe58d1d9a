import type { OrganizationsContext } from '../context';

export const regionReference = {
  __resolveReference: (reference: { code: string }, context: OrganizationsContext) => context.loaders.region.load(reference.code),
};
