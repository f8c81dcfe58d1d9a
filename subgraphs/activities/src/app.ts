import { buildSubgraph, type SubgraphDefinition, type SubgraphOptions } from '../../shared/src/subgraph-app';
import { Activity } from './activity/activity.entity';
import { activityReference } from './activity/activity.reference';
import { ActivityResolver } from './activity/activity.resolver';
import { Campaign } from './campaign/campaign.entity';
import { campaignReference } from './campaign/campaign.reference';
import { CampaignResolver } from './campaign/campaign.resolver';
import { CheckIn } from './check-in/check-in.entity';
import { CheckInResolver } from './check-in/check-in.resolver';
import { createLoaders, createServices, type ActivitiesLoaders, type ActivitiesServices } from './context';
import { migrations } from './db/migrations';
import { seedActivities } from './db/seed';
import { CampaignParticipation } from './participation/participation.entity';
import { participationReference } from './participation/participation.reference';

/** The activities subgraph: campaigns, activities, check-ins. */
export const activitiesSubgraph: SubgraphDefinition<ActivitiesServices, ActivitiesLoaders> = {
  name: 'activities',
  entities: [Campaign, Activity, CheckIn],
  migrations,
  resolvers: [CampaignResolver, ActivityResolver, CheckInResolver],
  orphanedTypes: [CampaignParticipation],
  references: { Campaign: campaignReference, Activity: activityReference, CampaignParticipation: participationReference },
  createServices,
  createLoaders,
  seed: seedActivities,
};

export function build(options: SubgraphOptions) {
  return buildSubgraph(activitiesSubgraph, options);
}
