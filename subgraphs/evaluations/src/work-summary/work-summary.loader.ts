import DataLoader from 'dataloader';
import { byKey } from '@kepuri/platform';
import { campaignOrganizationKey, type CampaignOrganizationKey } from '../feedback/feedback.loader';
import type { WorkSummary } from './work-summary.entity';
import type { WorkSummaryService } from './work-summary.service';

export function createWorkSummaryLoader(service: WorkSummaryService): DataLoader<CampaignOrganizationKey, WorkSummary | null, string> {
  return new DataLoader(
    async (keys) => byKey(keys.map(campaignOrganizationKey), await service.byKeys(keys),
      (summary) => campaignOrganizationKey({ year: summary.campaignYear, organizationId: summary.organizationId })),
    { cacheKeyFn: campaignOrganizationKey },
  );
}
