import type { DataSource } from 'typeorm';
import type { SubgraphContext, SubgraphRuntime } from '@kepuri/platform';
import { createActivityLoader } from './activity/activity.loader';
import { ActivityService } from './activity/activity.service';
import { createCampaignLoader } from './campaign/campaign.loader';
import { CampaignService } from './campaign/campaign.service';
import { CheckInService } from './check-in/check-in.service';
import { createParticipationLoader } from './participation/participation.loader';
import { ParticipationService } from './participation/participation.service';
import { createActivityDailyLoader, createActivityStatsLoader } from './stats/activity-stats.loader';
import { ActivityStatsService } from './stats/activity-stats.service';

export function createServices(dataSource: DataSource, runtime: SubgraphRuntime) {
  return {
    campaigns: new CampaignService(dataSource),
    activities: new ActivityService(dataSource, runtime),
    checkIns: new CheckInService(dataSource, runtime),
    participation: new ParticipationService(dataSource),
    activityStats: new ActivityStatsService(dataSource),
  };
}
export type ActivitiesServices = ReturnType<typeof createServices>;

export function createLoaders(services: ActivitiesServices) {
  return {
    campaign: createCampaignLoader(services.campaigns),
    activity: createActivityLoader(services.activities),
    participation: createParticipationLoader(services.participation),
    activityStats: createActivityStatsLoader(services.activityStats),
    activityDaily: createActivityDailyLoader(services.activityStats),
  };
}
export type ActivitiesLoaders = ReturnType<typeof createLoaders>;

export type ActivitiesContext = SubgraphContext<ActivitiesServices, ActivitiesLoaders>;
