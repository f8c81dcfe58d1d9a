import { buildSubgraph, type SubgraphDefinition, type SubgraphOptions } from '@kepuri/platform';
// Modules register their GraphQL types as they load, in the order the SDL prints them: keep this order.
import { ActivityStub, activityReference } from './foreign/activity.stub';
import { ActivityVolunteeringResolver } from './foreign/activity.resolver';
import { createLoaders, createServices, type VolunteeringLoaders, type VolunteeringServices } from './context';
import { migrations } from './db/migrations';
import { seedVolunteering } from './db/seed';
import { VOLUNTEER_ROLLUPS } from './stats/volunteer-stats.applier';
import { OrganizationStub, organizationReference } from './foreign/organization.stub';
import { OrganizationVolunteeringResolver } from './foreign/organization.resolver';
import { CampaignParticipation } from './participation/participation.entity';
import { participationReference } from './participation/participation.reference';
import { ServiceRecord } from './service-record/service-record.entity';
import { ServiceRecordResolver } from './service-record/service-record.resolver';
import {
  CampaignVolunteerStatsResolver, OrganizationVolunteerStatsResolver, RegionVolunteerStatsResolver,
} from './stats/volunteer-stats.resolver';
import { VolunteerStatsSubscriptionResolver } from './stats/volunteer-stats.subscription';
import { CampaignStub, campaignReference } from './foreign/campaign.stub';
import { regionReference } from './foreign/region.stub';
import { VolunteerTeam } from './team/team.entity';
import { teamReference } from './team/team.reference';
import { VolunteerTeamResolver } from './team/team.resolver';
import { Volunteer } from './volunteer/volunteer.entity';
import { volunteerReference } from './volunteer/volunteer.reference';
import { VolunteerResolver } from './volunteer/volunteer.resolver';
import { ROOT_TYPE_DESCRIPTIONS } from '@kepuri/domain';

/** The volunteering subgraph: volunteers, teams, service records; extends Activity, Organization, Region, Campaign and CampaignParticipation. */
export const definition: SubgraphDefinition<VolunteeringServices, VolunteeringLoaders> = {
  name: 'volunteering',
  entities: [Volunteer, VolunteerTeam, ServiceRecord],
  migrations,
  resolvers: [
    VolunteerResolver, VolunteerTeamResolver, ServiceRecordResolver, ActivityVolunteeringResolver, OrganizationVolunteeringResolver,
    RegionVolunteerStatsResolver, OrganizationVolunteerStatsResolver, CampaignVolunteerStatsResolver,
    VolunteerStatsSubscriptionResolver,
  ],
  orphanedTypes: [ActivityStub, OrganizationStub, CampaignParticipation, CampaignStub],
  references: {
    Volunteer: volunteerReference,
    VolunteerTeam: teamReference,
    Activity: activityReference,
    Organization: organizationReference,
    CampaignParticipation: participationReference,
    Region: regionReference,
    Campaign: campaignReference,
  },
  rootDescriptions: ROOT_TYPE_DESCRIPTIONS,
  createServices,
  createLoaders,
  rollups: VOLUNTEER_ROLLUPS,
  seed: seedVolunteering,
};

export function build(options: SubgraphOptions) {
  return buildSubgraph(definition, options);
}
