import { Args, Directive, Resolver, Root, Subscription } from 'type-graphql';
import { subscribeTopic, type HubEvent, badInput } from '@kepuri/platform';
import { isRegionCode, STATS_CHANGED, STATS_EVENTS_THROTTLE, StatsChangedArgs, statsEventMatches, statsEventRegion, type StatsChangedKey } from '@kepuri/domain';
import type { ActivitiesContext } from '../context';
import { RegionStub } from '../foreign/region.stub';

@Resolver(() => RegionStub)
export class ActivityStatsSubscriptionResolver {
  @Directive(STATS_EVENTS_THROTTLE)
  @Subscription(() => RegionStub, {
    description: '统计变动 — a region whose figures changed in a campaign. Here: activity figures; through the gateway also volunteering '
      + 'and evaluation figures (volunteerStatsChanged, evaluationStatsChanged), at most one event per region per second.',
    subscribe: ({ args, context }) => {
      const watched = args as StatsChangedArgs;
      if (watched.regionCode && !isRegionCode(watched.regionCode)) throw badInput('regionCode', 'must be a six-digit GB/T 2260 code');
      return subscribeTopic<StatsChangedKey>((context as ActivitiesContext).events, STATS_CHANGED, (event) => statsEventMatches(event, watched));
    },
  })
  statsChanged(@Root() event: HubEvent<StatsChangedKey>, @Args(() => StatsChangedArgs) args: StatsChangedArgs): RegionStub {
    return statsEventRegion(event, args);
  }
}
