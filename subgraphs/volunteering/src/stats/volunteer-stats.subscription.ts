import { Args, Directive, Resolver, Root, Subscription } from 'type-graphql';
import { badInput, subscribeTopic, type HubEvent } from '@kepuri/platform';
import { isRegionCode, STATS_CHANGED, STATS_EVENTS_THROTTLE, StatsChangedArgs, statsEventMatches, statsEventRegion, type StatsChangedKey } from '@kepuri/domain';
import type { VolunteeringContext } from '../context';
import { RegionStub } from '../foreign/region.stub';

@Resolver(() => RegionStub)
export class VolunteerStatsSubscriptionResolver {
  @Directive('@fanIn(into: "statsChanged")')
  @Directive(STATS_EVENTS_THROTTLE)
  @Subscription(() => RegionStub, {
    description: '志愿统计变动 — a region whose volunteering figures changed in a campaign (the gateway also merges these into statsChanged).',
    subscribe: ({ args, context }) => {
      const watched = args as StatsChangedArgs;
      if (watched.regionCode && !isRegionCode(watched.regionCode)) throw badInput('regionCode', 'must be a six-digit GB/T 2260 code');
      return subscribeTopic<StatsChangedKey>((context as VolunteeringContext).events, STATS_CHANGED, (event) => statsEventMatches(event, watched));
    },
  })
  volunteerStatsChanged(@Root() event: HubEvent<StatsChangedKey>, @Args(() => StatsChangedArgs) args: StatsChangedArgs): RegionStub {
    return statsEventRegion(event, args);
  }
}
