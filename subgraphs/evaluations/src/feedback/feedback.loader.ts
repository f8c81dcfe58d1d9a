import DataLoader from 'dataloader';
import { byKey } from '@kepuri/platform';
import type { Feedback } from './feedback.entity';
import type { ActivityRating, FeedbackService, SubtreeRating, UserFeedbackKey } from './feedback.service';

export function createFeedbackLoader(service: FeedbackService): DataLoader<string, Feedback | null> {
  return new DataLoader(async (ids) => byKey(ids, await service.byIds(ids), (feedback) => feedback.id));
}

export function createActivityRatingLoader(service: FeedbackService): DataLoader<string, ActivityRating | null> {
  return new DataLoader(async (ids) => byKey(ids, await service.ratingsByActivity(ids), (rating) => rating.activityId));
}

const userKey = (key: UserFeedbackKey) => `${key.activityId}\n${key.userSub}`;

/** A user's own feedback on activities (myFeedback). */
export function createUserFeedbackLoader(service: FeedbackService): DataLoader<UserFeedbackKey, Feedback | null, string> {
  return new DataLoader(async (keys) => byKey(keys.map(userKey), await service.byUsers(keys), userKey), { cacheKeyFn: userKey });
}

export interface CampaignOrganizationKey {
  year: number;
  organizationId: string;
}
export const campaignOrganizationKey = (key: CampaignOrganizationKey) => `${key.year}:${key.organizationId}`;

/** Ratings under an organisation in a campaign (its subtree), for proposed assessment scores. */
export function createSubtreeRatingLoader(service: FeedbackService): DataLoader<CampaignOrganizationKey, SubtreeRating | null, string> {
  return new DataLoader(
    async (keys) => byKey(keys.map(campaignOrganizationKey), await service.ratingsBySubtree(keys), campaignOrganizationKey),
    { cacheKeyFn: campaignOrganizationKey },
  );
}
