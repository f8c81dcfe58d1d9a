import { Arg, Authorized, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { ActivityStub } from '../foreign/activity.stub';
import type { VolunteeringContext } from '../context';
import { Volunteer } from '../volunteer/volunteer.entity';
import { ServiceRecord } from './service-record.entity';
import { RecordServiceInput } from './service-record.input';

@Resolver(() => ServiceRecord)
export class ServiceRecordResolver {
  @Authorized('organizer', 'supervisor', 'admin')
  @Mutation(() => ServiceRecord, { description: '记录志愿服务 — record a volunteer\'s hours at an activity on one day (managers of the organiser or of the volunteer\'s organisation, or the host).' })
  recordService(@Arg('input', () => RecordServiceInput, { description: '服务记录 — the service to record.' }) input: RecordServiceInput, @Ctx() context: VolunteeringContext) {
    return context.services.serviceRecords.record(input, context.identity);
  }

  @FieldResolver(() => Volunteer, { description: '志愿者 — who served.' })
  volunteer(@Root() record: ServiceRecord, @Ctx() context: VolunteeringContext) {
    return context.loaders.volunteer.load(record.volunteerId);
  }

  @FieldResolver(() => ActivityStub, { nullable: true, description: '服务的活动 — the activity served.' })
  activity(@Root() record: ServiceRecord): ActivityStub {
    return { id: record.activityId };
  }
}
