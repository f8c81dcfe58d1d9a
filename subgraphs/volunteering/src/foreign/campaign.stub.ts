import { entityStub } from '@kepuri/domain';

/** Campaign is owned by the activities subgraph; volunteering points at it and adds its national volunteering figures. */
export const { Stub: CampaignStub, reference: campaignReference } = entityStub('Campaign');
export type CampaignStub = InstanceType<typeof CampaignStub>;
