import type { CampaignParticipation } from './participation.entity';

/**
 * Nothing to load: the representation carries the key and, when proposedScores is asked for,
 * the figures it @requires; the ratings resolve through a batched loader.
 */
export const participationReference = {
  __resolveReference: (reference: CampaignParticipation): CampaignParticipation => ({
    ...reference,
    year: Number(reference.year),
    organizationId: String(reference.organizationId),
  }),
};
