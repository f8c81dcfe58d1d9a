import DataLoader from 'dataloader';
import { byKey } from '@kepuri/platform';
import type { Campaign } from './campaign.entity';
import type { CampaignService } from './campaign.service';

export function createCampaignLoader(service: CampaignService): DataLoader<number, Campaign | null> {
  return new DataLoader(async (years) => byKey(years, await service.byYears(years), (campaign) => campaign.year));
}
