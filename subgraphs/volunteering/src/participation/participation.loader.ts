import DataLoader from 'dataloader';
import type { CampaignParticipation } from './participation.entity';
import type { ParticipationKey, ParticipationService } from './participation.service';

export function createParticipationLoader(service: ParticipationService): DataLoader<ParticipationKey, CampaignParticipation, string> {
  return new DataLoader((keys) => service.byKeys(keys), { cacheKeyFn: (key) => `${key.year}:${key.organizationId}` });
}
