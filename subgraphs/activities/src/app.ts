import { buildSubgraph, type SubgraphDefinition, type SubgraphOptions } from '@kepuri/platform';
import { Activity } from './activity/activity.entity';
import { activityReference } from './activity/activity.reference';
import { ActivityResolver } from './activity/activity.resolver';
import { ActivitySubscriptionResolver } from './activity/activity.subscription';
import { Campaign } from './campaign/campaign.entity';
import { campaignReference } from './campaign/campaign.reference';
import { CampaignResolver } from './campaign/campaign.resolver';
import { CheckIn } from './check-in/check-in.entity';
import { CheckInResolver } from './check-in/check-in.resolver';
import { CheckInSubscriptionResolver } from './check-in/check-in.subscription';
import { createLoaders, createServices, type ActivitiesLoaders, type ActivitiesServices } from './context';
import { migrations } from './db/migrations';
import { seedActivities } from './db/seed';
import { organizationReference } from './foreign/organization.stub';
import { regionReference } from './foreign/region.stub';
import { CampaignParticipation } from './participation/participation.entity';
import { participationReference } from './participation/participation.reference';
import {
  CampaignActivityStatsResolver, OrganizationActivityStatsResolver, RegionActivityStatsResolver, TopActivitiesResolver,
} from './stats/activity-stats.resolver';
import { ActivityStatsSubscriptionResolver } from './stats/activity-stats.subscription';
import { ACTIVITY_ROLLUPS } from './stats/activity-stats.applier';
import { ROOT_TYPE_DESCRIPTIONS } from '@kepuri/domain';

/** The activities subgraph: campaigns, activities, check-ins; subscriptions to registrations, check-ins and activity figures. */
export const definition: SubgraphDefinition<ActivitiesServices, ActivitiesLoaders> = {
  name: 'activities',
  entities: [Campaign, Activity, CheckIn],
  migrations,
  resolvers: [
    CampaignResolver, ActivityResolver, CheckInResolver,
    RegionActivityStatsResolver, OrganizationActivityStatsResolver, CampaignActivityStatsResolver, TopActivitiesResolver,
    ActivitySubscriptionResolver, CheckInSubscriptionResolver, ActivityStatsSubscriptionResolver,
  ],
  orphanedTypes: [CampaignParticipation],
  references: {
    Campaign: campaignReference,
    Activity: activityReference,
    CampaignParticipation: participationReference,
    Region: regionReference,
    Organization: organizationReference,
  },
  rootDescriptions: ROOT_TYPE_DESCRIPTIONS,
  createServices,
  createLoaders,
  rollups: ACTIVITY_ROLLUPS,
  seed: seedActivities,
};

export function build(options: SubgraphOptions) {
  return buildSubgraph(definition, options);
}
