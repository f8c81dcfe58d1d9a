import { entityStub } from '@kepuri/domain';

/**
 * Organization is owned by the organizations subgraph; volunteering adds its volunteers and teams.
 * The key alone is enough: every field here resolves from the id through batched loaders.
 */
export const { Stub: OrganizationStub, reference: organizationReference } = entityStub('Organization');
export type OrganizationStub = InstanceType<typeof OrganizationStub>;
