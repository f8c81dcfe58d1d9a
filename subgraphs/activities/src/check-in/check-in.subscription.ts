import { Arg, Ctx, FieldResolver, ID, Resolver, Root, Subscription } from 'type-graphql';
import { subscribeTopic, type HubEvent, isUuid, badInput } from '@kepuri/platform';
import { Activity } from '../activity/activity.entity';
import type { ActivitiesContext } from '../context';
import { CHECK_IN_RECORDED, type CheckInRecordedKey } from '../events';
import { CheckInEvent } from './check-in.types';

@Resolver(() => CheckInEvent)
export class CheckInSubscriptionResolver {
  @Subscription(() => CheckInEvent, {
    description: '打卡动态 — every check-in recorded after it commits, of one activity or of all.',
    subscribe: ({ args, context }) => {
      const activityId = (args as { activityId?: string | null }).activityId;
      if (activityId && !isUuid(activityId)) throw badInput('activityId', 'must be an activity id');
      return subscribeTopic<CheckInRecordedKey>((context as ActivitiesContext).events, CHECK_IN_RECORDED,
        (event) => !activityId || event.key.activityId === activityId);
    },
  })
  checkInRecorded(
    @Root() event: HubEvent<CheckInRecordedKey>,
    @Arg('activityId', () => ID, { nullable: true, description: '活动编号 — only this activity\'s check-ins.' }) _activityId?: string,
  ): Omit<CheckInEvent, 'activity'> {
    return { activityId: event.key.activityId, checkInCount: event.key.checkInCount, day: event.key.day, at: new Date(event.key.recordedAt) };
  }

  @FieldResolver(() => Activity, { description: '打卡的活动 — the activity checked in to.' })
  activity(@Root() event: CheckInEvent, @Ctx() context: ActivitiesContext) {
    return context.loaders.activity.load(event.activityId);
  }
}
