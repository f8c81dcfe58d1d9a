import { entityStub } from '@kepuri/domain';

/** Region is owned by the organizations subgraph; evaluations adds its evaluation figures. */
export const { Stub: RegionStub, reference: regionReference } = entityStub('Region');
export type RegionStub = InstanceType<typeof RegionStub>;
