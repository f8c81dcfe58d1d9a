import type { CampaignRef } from './campaign.stub';
import type { RegionRef } from './region.stub';

/** Nothing to load: the figures evaluations adds to these entities resolve from the key. */
export const regionReference = { __resolveReference: (reference: { code: string }): RegionRef => ({ code: reference.code }) };
export const campaignReference = { __resolveReference: (reference: { year: number }): CampaignRef => ({ year: reference.year }) };
