import { Arg, Ctx, FieldResolver, ID, Query, Resolver, Root } from 'type-graphql';
import type { VolunteeringContext } from '../context';
import { OrganizationRef } from '../stubs/organization.stub';
import { RegionRef } from '../stubs/region.stub';
import { isUuid } from '../../../shared/src/ids';
import { ServiceRecord } from '../service-record/service-record.entity';
import { Volunteer } from './volunteer.entity';

@Resolver(() => Volunteer)
export class VolunteerResolver {
  @Query(() => Volunteer, { nullable: true, description: '志愿者 — one volunteer by id, or null.' })
  volunteer(@Arg('id', () => ID, { description: '志愿者编号 — volunteer id.' }) id: string, @Ctx() context: VolunteeringContext) {
    return isUuid(id) ? context.loaders.volunteer.load(id) : null;
  }

  @FieldResolver(() => RegionRef, { description: '所在地区 — where the volunteer serves.' })
  region(@Root() volunteer: Volunteer): RegionRef {
    return { code: volunteer.regionCode };
  }

  @FieldResolver(() => OrganizationRef, { nullable: true, description: '所属单位 — the organisation the volunteer belongs to.' })
  organization(@Root() volunteer: Volunteer): OrganizationRef | null {
    return volunteer.organizationId ? { id: volunteer.organizationId } : null;
  }

  @FieldResolver(() => [ServiceRecord], { description: '服务记录 — the volunteer\'s service records, newest first.' })
  serviceRecords(@Root() volunteer: Volunteer, @Ctx() context: VolunteeringContext) {
    return context.loaders.volunteerRecords.load(volunteer.id);
  }
}
