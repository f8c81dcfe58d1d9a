import DataLoader from 'dataloader';
import { byKey } from '../../../shared/src/loaders';
import type { Feedback } from './feedback.entity';
import type { ActivityRating, FeedbackService } from './feedback.service';

export function createFeedbackLoader(service: FeedbackService): DataLoader<string, Feedback | null> {
  return new DataLoader(async (ids) => byKey(ids, await service.byIds(ids), (feedback) => feedback.id));
}

export function createActivityRatingLoader(service: FeedbackService): DataLoader<string, ActivityRating | null> {
  return new DataLoader(async (ids) => byKey(ids, await service.ratingsByActivity(ids), (rating) => rating.activityId));
}
