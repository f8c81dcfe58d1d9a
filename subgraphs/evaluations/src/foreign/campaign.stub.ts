import { entityStub } from '@kepuri/domain';

/** Campaign is owned by the activities subgraph; evaluations points at it and adds its national evaluation figures. */
export const { Stub: CampaignStub, reference: campaignReference } = entityStub('Campaign');
export type CampaignStub = InstanceType<typeof CampaignStub>;
