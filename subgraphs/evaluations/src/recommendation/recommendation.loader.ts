import DataLoader from 'dataloader';
import { byKey, groupByKey } from '@kepuri/platform';
import type { Recommendation } from './recommendation.entity';
import type { OrganizationCampaignKey, RecommendationService } from './recommendation.service';

export function createRecommendationLoader(service: RecommendationService): DataLoader<string, Recommendation | null> {
  return new DataLoader(async (ids) => byKey(ids, await service.byIds(ids), (recommendation) => recommendation.id));
}

const organizationCampaignKey = (key: OrganizationCampaignKey) => `${key.organizationId}:${key.year ?? '*'}`;

/**
 * Standing recommendations by organisation and campaign (all campaigns for year null): one
 * statement for the batch; a row belongs to its own campaign's key and to the all-campaigns key.
 */
function createStandingLoader(
  fetch: (keys: readonly OrganizationCampaignKey[]) => Promise<Recommendation[]>,
  organizationOf: (recommendation: Recommendation) => string,
): DataLoader<OrganizationCampaignKey, Recommendation[], string> {
  return new DataLoader(async (keys) => {
    const rows = [...new Map((await fetch(keys)).map((row) => [row.id, row])).values()];
    const wanted = new Set(keys.map(organizationCampaignKey));
    const keyed = rows.flatMap((row) => [
      { key: `${organizationOf(row)}:${row.campaignYear}`, row },
      { key: `${organizationOf(row)}:*`, row },
    ].filter(({ key }) => wanted.has(key)));
    return groupByKey(keys.map(organizationCampaignKey), keyed, ({ key }) => key).map((group) => group.map(({ row }) => row));
  }, { cacheKeyFn: organizationCampaignKey });
}

export function createRecommendationsReceivedLoader(service: RecommendationService) {
  return createStandingLoader((keys) => service.received(keys), (recommendation) => recommendation.organizationId);
}

export function createRecommendationsMadeLoader(service: RecommendationService) {
  return createStandingLoader((keys) => service.made(keys), (recommendation) => recommendation.recommenderId);
}

/** Whether each activity stands recommended as 优秀活动. */
export function createActivityRecommendedLoader(service: RecommendationService): DataLoader<string, boolean> {
  return new DataLoader(async (ids) => {
    const recommended = await service.recommendedActivities(ids);
    return ids.map((id) => recommended.has(id));
  });
}
