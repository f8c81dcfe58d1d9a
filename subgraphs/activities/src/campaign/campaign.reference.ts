import type { ActivitiesContext } from '../context';

export const campaignReference = {
  __resolveReference: (reference: { year: number }, context: ActivitiesContext) => context.loaders.campaign.load(reference.year),
};
