import { entityStub } from '@kepuri/domain';

/**
 * Organization is owned by the organizations subgraph; evaluations adds its work summary,
 * recommendations and assessment.
 */
export const { Stub: OrganizationStub, reference: organizationReference } = entityStub('Organization');
export type OrganizationStub = InstanceType<typeof OrganizationStub>;
