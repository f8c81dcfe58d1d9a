import DataLoader from 'dataloader';
import { byKey, groupByKey } from '@kepuri/platform';
import type { VolunteerTeam } from './team.entity';
import type { VolunteerTeamService } from './team.service';

export function createTeamLoader(service: VolunteerTeamService): DataLoader<string, VolunteerTeam | null> {
  return new DataLoader(async (ids) => byKey(ids, await service.byIds(ids), (team) => team.id));
}

export function createTeamChildrenLoader(service: VolunteerTeamService): DataLoader<string, VolunteerTeam[]> {
  return new DataLoader(async (ids) => groupByKey(ids, await service.childrenOf(ids), (team) => team.parentId!));
}

export function createOrganizationTeamsLoader(service: VolunteerTeamService): DataLoader<string, VolunteerTeam[]> {
  return new DataLoader(async (ids) => groupByKey(ids, await service.byOrganizations(ids), (team) => team.organizationId));
}
