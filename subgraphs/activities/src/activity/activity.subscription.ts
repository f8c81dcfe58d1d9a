import { Arg, ID, Resolver, Root, Subscription, Ctx } from 'type-graphql';
import { subscribeTopic, type HubEvent, badInput } from '@kepuri/platform';
import { isRegionCode, regionLevel } from '@kepuri/domain';
import type { ActivitiesContext } from '../context';
import { ACTIVITY_REGISTERED, type ActivityRegisteredKey } from '../events';
import { Activity } from './activity.entity';

/** Whether an activity lies in a region of any level (province, city or county). */
function inRegion(key: ActivityRegisteredKey, regionCode: string): boolean {
  switch (regionLevel(regionCode)) {
    case 'PROVINCE':
      return key.provinceCode === regionCode;
    case 'CITY':
      return key.cityCode === regionCode;
    default:
      return key.regionCode === regionCode;
  }
}

@Resolver(() => Activity)
export class ActivitySubscriptionResolver {
  @Subscription(() => Activity, {
    description: '新登记活动 — activities registered (or saved as drafts, seen only by who may manage them) after they commit, in one region or everywhere.',
    subscribe: ({ args, context }) => {
      const regionCode = (args as { regionCode?: string | null }).regionCode;
      if (regionCode && !isRegionCode(regionCode)) throw badInput('regionCode', 'must be a six-digit GB/T 2260 code');
      return subscribeTopic<ActivityRegisteredKey>((context as ActivitiesContext).events, ACTIVITY_REGISTERED,
        (event) => !regionCode || inRegion(event.key, regionCode));
    },
  })
  activityRegistered(
    @Root() event: HubEvent<ActivityRegisteredKey>,
    @Arg('regionCode', () => ID, { nullable: true, description: '地区代码 — only activities in this region (province, city or county).' }) _regionCode: string | undefined,
    @Ctx() context: ActivitiesContext,
  ) {
    return context.loaders.activity.load(event.key.id);
  }
}
