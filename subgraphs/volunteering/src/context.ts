import type { DataSource } from 'typeorm';
import type { SubgraphContext, SubgraphRuntime } from '@kepuri/platform';
import { createParticipationLoader } from './participation/participation.loader';
import { ParticipationService } from './participation/participation.service';
import { createActivityTotalsLoader, createVolunteerRecordsLoader } from './service-record/service-record.loader';
import { ServiceRecordService } from './service-record/service-record.service';
import { createVolunteerDailyLoader, createVolunteerStatsLoader } from './stats/volunteer-stats.loader';
import { VolunteerStatsService } from './stats/volunteer-stats.service';
import { createOrganizationTeamsLoader, createTeamChildrenLoader, createTeamLoader } from './team/team.loader';
import { VolunteerTeamService } from './team/team.service';
import { createOrganizationVolunteersLoader, createTeamMembersLoader, createVolunteerLoader } from './volunteer/volunteer.loader';
import { VolunteerService } from './volunteer/volunteer.service';

export function createServices(dataSource: DataSource, runtime: SubgraphRuntime) {
  return {
    volunteers: new VolunteerService(dataSource, runtime),
    teams: new VolunteerTeamService(dataSource, runtime),
    serviceRecords: new ServiceRecordService(dataSource, runtime),
    participation: new ParticipationService(dataSource),
    volunteerStats: new VolunteerStatsService(dataSource),
  };
}
export type VolunteeringServices = ReturnType<typeof createServices>;

export function createLoaders(services: VolunteeringServices) {
  return {
    volunteer: createVolunteerLoader(services.volunteers),
    teamMembers: createTeamMembersLoader(services.volunteers),
    organizationVolunteers: createOrganizationVolunteersLoader(services.volunteers),
    team: createTeamLoader(services.teams),
    teamChildren: createTeamChildrenLoader(services.teams),
    organizationTeams: createOrganizationTeamsLoader(services.teams),
    activityTotals: createActivityTotalsLoader(services.serviceRecords),
    volunteerRecords: createVolunteerRecordsLoader(services.serviceRecords),
    participation: createParticipationLoader(services.participation),
    volunteerStats: createVolunteerStatsLoader(services.volunteerStats),
    volunteerDaily: createVolunteerDailyLoader(services.volunteerStats),
  };
}
export type VolunteeringLoaders = ReturnType<typeof createLoaders>;

export type VolunteeringContext = SubgraphContext<VolunteeringServices, VolunteeringLoaders>;
