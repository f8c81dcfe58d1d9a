import { entityStub } from '@kepuri/domain';

/** Region is owned by the organizations subgraph; volunteering points at it and adds its volunteering figures. */
export const { Stub: RegionStub, reference: regionReference } = entityStub('Region');
export type RegionStub = InstanceType<typeof RegionStub>;
