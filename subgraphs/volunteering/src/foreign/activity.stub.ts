import { entityStub } from '@kepuri/domain';

/** Activity is owned by the activities subgraph; volunteering adds who served it and for how long. */
export const { Stub: ActivityStub, reference: activityReference } = entityStub('Activity');
export type ActivityStub = InstanceType<typeof ActivityStub>;
