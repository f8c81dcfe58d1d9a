import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { EvaluationsContext } from '../context';
import { ActivityStub } from '../foreign/activity.stub';
import { requireUser, isUuid, CacheHint } from '@kepuri/platform';
import { Feedback } from './feedback.entity';
import { PostFeedbackArgs } from './feedback.input';

@Resolver(() => Feedback)
export class FeedbackResolver {
  @Query(() => Feedback, { nullable: true, description: '评价 — one feedback by id, or null.' })
  feedback(@Arg('id', () => ID, { description: '评价编号 — feedback id.' }) id: string, @Ctx() context: EvaluationsContext) {
    return isUuid(id) ? context.loaders.feedback.load(id) : null;
  }

  @CacheHint('private')
  @Query(() => Feedback, { nullable: true, description: '我的评价 — the signed-in user\'s feedback on an activity, or null before they give one.' })
  myFeedback(@Arg('activityId', () => ID, { description: '活动编号 — activity id.' }) activityId: string, @Ctx() context: EvaluationsContext) {
    const userSub = requireUser(context.identity, 'myFeedback');
    return isUuid(activityId) ? context.loaders.userFeedback.load({ activityId, userSub }) : null;
  }

  @Authorized('public')
  @Mutation(() => Feedback, {
    description: '反馈评价 — rate a registered or completed activity (public user token); one per user and activity, a repeat edits it.',
  })
  postFeedback(@Args(() => PostFeedbackArgs) args: PostFeedbackArgs, @Ctx() context: EvaluationsContext) {
    return context.services.feedback.post(args, context.identity);
  }

  @FieldResolver(() => ActivityStub, { nullable: true, description: '评价的活动 — the activity rated.' })
  activity(@Root() feedback: Feedback): ActivityStub {
    return { id: feedback.activityId };
  }
}
