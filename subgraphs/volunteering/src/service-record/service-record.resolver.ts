import { Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { VolunteeredActivity } from '../activity/activity.entity';
import type { VolunteeringContext } from '../context';
import { Volunteer } from '../volunteer/volunteer.entity';
import { ServiceRecord } from './service-record.entity';

@Resolver(() => ServiceRecord)
export class ServiceRecordResolver {
  @FieldResolver(() => Volunteer, { description: '志愿者 — who served.' })
  volunteer(@Root() record: ServiceRecord, @Ctx() context: VolunteeringContext) {
    return context.loaders.volunteer.load(record.volunteerId);
  }

  @FieldResolver(() => VolunteeredActivity, { description: '服务的活动 — the activity served.' })
  activity(@Root() record: ServiceRecord): VolunteeredActivity {
    return { id: record.activityId };
  }
}
