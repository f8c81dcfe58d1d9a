import { Ctx, FieldResolver, Float, Int, Resolver, Root } from 'type-graphql';
import type { EvaluationsContext } from '../context';
import { ActivityStub } from './activity.stub';

@Resolver(() => ActivityStub)
export class ActivityEvaluationsResolver {
  @FieldResolver(() => Int, { nullable: true, description: '评价数 — number of public ratings.' })
  async feedbackCount(@Root() activity: ActivityStub, @Ctx() context: EvaluationsContext): Promise<number> {
    return (await context.loaders.activityRating.load(activity.id))?.feedbackCount ?? 0;
  }

  @FieldResolver(() => Float, { nullable: true, description: '平均评分 — mean rating (1–5), null before the first rating.' })
  async averageRating(@Root() activity: ActivityStub, @Ctx() context: EvaluationsContext): Promise<number | null> {
    const rating = await context.loaders.activityRating.load(activity.id);
    return rating && rating.feedbackCount > 0 ? Math.round((rating.ratingSum / rating.feedbackCount) * 100) / 100 : null;
  }

  @FieldResolver(() => Boolean, { nullable: true, description: '已获推荐 — whether a national society or provincial association recommends it as 优秀活动 (standing recommendation).' })
  recommended(@Root() activity: ActivityStub, @Ctx() context: EvaluationsContext): Promise<boolean> {
    return context.loaders.activityRecommended.load(activity.id);
  }
}
