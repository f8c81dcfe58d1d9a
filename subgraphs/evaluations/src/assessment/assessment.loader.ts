import DataLoader from 'dataloader';
import { byKey } from '@kepuri/platform';
import { campaignOrganizationKey, type CampaignOrganizationKey } from '../feedback/feedback.loader';
import type { Assessment } from './assessment.entity';
import type { AssessmentService } from './assessment.service';

export function createAssessmentLoader(service: AssessmentService): DataLoader<string, Assessment | null> {
  return new DataLoader(async (ids) => byKey(ids, await service.byIds(ids), (assessment) => assessment.id));
}

export function createOrganizationAssessmentLoader(service: AssessmentService): DataLoader<CampaignOrganizationKey, Assessment | null, string> {
  return new DataLoader(
    async (keys) => byKey(keys.map(campaignOrganizationKey), await service.byKeys(keys),
      (assessment) => campaignOrganizationKey({ year: assessment.campaignYear, organizationId: assessment.organizationId })),
    { cacheKeyFn: campaignOrganizationKey },
  );
}
