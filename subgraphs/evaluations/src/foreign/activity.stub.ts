import { entityStub } from '@kepuri/domain';

/** Activity is owned by the activities subgraph; evaluations adds the public's ratings. */
export const { Stub: ActivityStub, reference: activityReference } = entityStub('Activity');
export type ActivityStub = InstanceType<typeof ActivityStub>;
