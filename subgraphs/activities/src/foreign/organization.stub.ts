import { entityStub } from '@kepuri/domain';

/** Organization is owned by the organizations subgraph; activities points at it and adds its activity figures. */
export const { Stub: OrganizationStub, reference: organizationReference } = entityStub('Organization');
export type OrganizationStub = InstanceType<typeof OrganizationStub>;
