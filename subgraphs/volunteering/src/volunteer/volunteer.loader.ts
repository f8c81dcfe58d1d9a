import DataLoader from 'dataloader';
import { byKey, groupByKey, type Connection } from '@kepuri/platform';
import type { Volunteer } from './volunteer.entity';
import type { OrganizationVolunteersKey, VolunteerService } from './volunteer.service';

export function createVolunteerLoader(service: VolunteerService): DataLoader<string, Volunteer | null> {
  return new DataLoader(async (ids) => byKey(ids, await service.byIds(ids), (volunteer) => volunteer.id));
}

export function createTeamMembersLoader(service: VolunteerService): DataLoader<string, Volunteer[]> {
  return new DataLoader(async (ids) => groupByKey(ids, await service.byTeams(ids), (volunteer) => volunteer.teamId!));
}

/** Organization.volunteers pages: one statement for every organisation of a request's batch. */
export function createOrganizationVolunteersLoader(service: VolunteerService): DataLoader<OrganizationVolunteersKey, Connection<Volunteer>, string> {
  return new DataLoader((keys) => service.pagesByOrganization(keys), { cacheKeyFn: (key) => JSON.stringify(key) });
}
