import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Resolver, Root } from 'type-graphql';
import { Activity } from '../activity/activity.entity';
import type { ActivitiesContext } from '../context';
import { badInput, isUuid } from '@kepuri/platform';
import { CheckIn } from './check-in.entity';

@Resolver(() => CheckIn)
export class CheckInResolver {
  @Authorized('public')
  @Mutation(() => CheckIn, { description: '活动打卡 — check in to an activity (public user token); once per day, a repeat returns the same check-in.' })
  checkIn(@Arg('activityId', () => ID, { description: '活动编号 — activity id.' }) activityId: string, @Ctx() context: ActivitiesContext) {
    if (!isUuid(activityId)) throw badInput('activityId', 'must be an activity id');
    return context.services.checkIns.checkIn(activityId, context.identity);
  }

  @FieldResolver(() => Activity, { description: '打卡的活动 — the activity checked in to.' })
  activity(@Root() checkIn: CheckIn, @Ctx() context: ActivitiesContext) {
    return context.loaders.activity.load(checkIn.activityId);
  }
}
