import { Arg, Args, Authorized, Ctx, FieldResolver, ID, Mutation, Query, Resolver, Root } from 'type-graphql';
import type { VolunteeringContext } from '../context';
import { OrganizationStub } from '../foreign/organization.stub';
import { RegionStub } from '../foreign/region.stub';
import { isUuid, DEFAULT_PAGE_SIZE, PageArgs, CacheHint } from '@kepuri/platform';
import { ServiceRecord } from '../service-record/service-record.entity';
import { VolunteerTeam } from '../team/team.entity';
import { VolunteerConnection } from './volunteer.connection';
import { Volunteer } from './volunteer.entity';
import { RegisterVolunteerInput, VolunteerFilter } from './volunteer.input';

@Resolver(() => Volunteer)
export class VolunteerResolver {
  @Query(() => Volunteer, { nullable: true, description: '志愿者 — one volunteer by id, or null.' })
  volunteer(@Arg('id', () => ID, { description: '志愿者编号 — volunteer id.' }) id: string, @Ctx() context: VolunteeringContext) {
    return isUuid(id) ? context.loaders.volunteer.load(id) : null;
  }

  @CacheHint('content')
  @Query(() => VolunteerConnection, { description: '志愿者列表 — volunteers matching a filter, by name.' })
  volunteers(
    @Arg('filter', () => VolunteerFilter, { nullable: true, description: '筛选条件 — filter.' }) filter: VolunteerFilter | undefined,
    @Args(() => PageArgs) { first, after }: PageArgs,
    @Ctx() context: VolunteeringContext,
  ) {
    return context.services.volunteers.list(filter ?? {}, first ?? DEFAULT_PAGE_SIZE, after ?? undefined);
  }

  @Authorized('organizer', 'supervisor', 'admin')
  @Mutation(() => Volunteer, { description: '登记志愿者 — register a volunteer with an organisation (its organizer, a supervisor above it, or the host).' })
  registerVolunteer(@Arg('input', () => RegisterVolunteerInput, { description: '志愿者信息 — the new volunteer.' }) input: RegisterVolunteerInput, @Ctx() context: VolunteeringContext) {
    return context.services.volunteers.register(input, context.identity);
  }

  @FieldResolver(() => RegionStub, { nullable: true, description: '所在地区 — where the volunteer serves.' })
  region(@Root() volunteer: Volunteer): RegionStub {
    return { code: volunteer.regionCode };
  }

  @FieldResolver(() => OrganizationStub, { nullable: true, description: '所属单位 — the organisation the volunteer belongs to.' })
  organization(@Root() volunteer: Volunteer): OrganizationStub | null {
    return volunteer.organizationId ? { id: volunteer.organizationId } : null;
  }

  @FieldResolver(() => VolunteerTeam, { nullable: true, description: '所在队伍 — the team the volunteer belongs to, if any.' })
  team(@Root() volunteer: Volunteer, @Ctx() context: VolunteeringContext) {
    return volunteer.teamId ? context.loaders.team.load(volunteer.teamId) : null;
  }

  @FieldResolver(() => [ServiceRecord], { description: '服务记录 — the volunteer\'s service records, newest first.' })
  serviceRecords(@Root() volunteer: Volunteer, @Ctx() context: VolunteeringContext) {
    return context.loaders.volunteerRecords.load(volunteer.id);
  }
}
