import { Arg, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { VolunteeringContext } from '../context';
import { OrganizationStub } from '../foreign/organization.stub';
import { RegionStub } from '../foreign/region.stub';
import { isUuid } from '@kepuri/platform';
import { Volunteer } from '../volunteer/volunteer.entity';
import { VolunteerTeam } from './team.entity';
import { CreateVolunteerTeamInput } from './team.input';

@Resolver(() => VolunteerTeam)
export class VolunteerTeamResolver {
  @Query(() => VolunteerTeam, { nullable: true, description: '志愿服务队伍 — one volunteer team by id, or null.' })
  volunteerTeam(@Arg('id', () => ID, { description: '队伍编号 — team id.' }) id: string, @Ctx() context: VolunteeringContext) {
    return isUuid(id) ? context.loaders.team.load(id) : null;
  }

  @Authorized('organizer', 'supervisor', 'admin')
  @Mutation(() => VolunteerTeam, { description: '新建志愿服务队伍 — create a team of an organisation (its organizer, a supervisor above it, or the host).' })
  createVolunteerTeam(@Arg('input', () => CreateVolunteerTeamInput, { description: '队伍信息 — the new team.' }) input: CreateVolunteerTeamInput, @Ctx() context: VolunteeringContext) {
    return context.services.teams.create(input, context.identity);
  }

  @FieldResolver(() => VolunteerTeam, { nullable: true, description: '上级队伍 — the team one level above; null for a corps.' })
  parent(@Root() team: VolunteerTeam, @Ctx() context: VolunteeringContext) {
    return team.parentId ? context.loaders.team.load(team.parentId) : null;
  }

  @FieldResolver(() => [VolunteerTeam], { description: '下级队伍 — the teams directly below, by name.' })
  children(@Root() team: VolunteerTeam, @Ctx() context: VolunteeringContext) {
    return context.loaders.teamChildren.load(team.id);
  }

  @FieldResolver(() => OrganizationStub, { nullable: true, description: '所属单位 — the organisation the team belongs to.' })
  organization(@Root() team: VolunteerTeam): OrganizationStub {
    return { id: team.organizationId };
  }

  @FieldResolver(() => RegionStub, { nullable: true, description: '所在地区 — the region the team serves.' })
  region(@Root() team: VolunteerTeam): RegionStub {
    return { code: team.regionCode };
  }

  @FieldResolver(() => [Volunteer], { description: '队员 — the team\'s direct members, by name.' })
  members(@Root() team: VolunteerTeam, @Ctx() context: VolunteeringContext) {
    return context.loaders.teamMembers.load(team.id);
  }
}
