import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { EvaluationsContext } from '../context';
import { EvaluatedActivity } from '../activity/activity.entity';
import { isUuid } from '../../../shared/src/ids';
import { Feedback } from './feedback.entity';

@Resolver(() => Feedback)
export class FeedbackResolver {
  @Query(() => Feedback, { nullable: true, description: '评价 — one feedback by id, or null.' })
  feedback(@Arg('id', () => ID, { description: '评价编号 — feedback id.' }) id: string, @Ctx() context: EvaluationsContext) {
    return isUuid(id) ? context.loaders.feedback.load(id) : null;
  }

  @FieldResolver(() => EvaluatedActivity, { description: '评价的活动 — the activity rated.' })
  activity(@Root() feedback: Feedback): EvaluatedActivity {
    return { id: feedback.activityId };
  }
}
