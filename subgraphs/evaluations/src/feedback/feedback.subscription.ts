import { Arg, Ctx, ID, Resolver, Root, Subscription } from 'type-graphql';
import { badInput, subscribeTopic, type HubEvent, isUuid } from '@kepuri/platform';
import type { EvaluationsContext } from '../context';
import { FEEDBACK_POSTED, type FeedbackPostedKey } from '../events';
import { Feedback } from './feedback.entity';

@Resolver(() => Feedback)
export class FeedbackSubscriptionResolver {
  @Subscription(() => Feedback, {
    description: '评价动态 — feedback given or changed, after it commits, on one activity or on all.',
    subscribe: ({ args, context }) => {
      const activityId = (args as { activityId?: string | null }).activityId;
      if (activityId && !isUuid(activityId)) throw badInput('activityId', 'must be an activity id');
      return subscribeTopic<FeedbackPostedKey>((context as EvaluationsContext).events, FEEDBACK_POSTED,
        (event) => !activityId || event.key.activityId === activityId);
    },
  })
  feedbackPosted(
    @Root() event: HubEvent<FeedbackPostedKey>,
    @Arg('activityId', () => ID, { nullable: true, description: '活动编号 — only feedback on this activity.' }) _activityId: string | undefined,
    @Ctx() context: EvaluationsContext,
  ) {
    return context.loaders.feedback.load(event.key.id);
  }
}
