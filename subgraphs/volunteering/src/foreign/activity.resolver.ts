import { Ctx, FieldResolver, Float, Int, Resolver, Root } from 'type-graphql';
import type { VolunteeringContext } from '../context';
import { ActivityStub } from './activity.stub';

@Resolver(() => ActivityStub)
export class ActivityVolunteeringResolver {
  @FieldResolver(() => Int, { nullable: true, description: '志愿者人数 — distinct volunteers who served the activity.' })
  async volunteerCount(@Root() activity: ActivityStub, @Ctx() context: VolunteeringContext): Promise<number> {
    return (await context.loaders.activityTotals.load(activity.id))?.volunteerCount ?? 0;
  }

  @FieldResolver(() => Float, { nullable: true, description: '志愿服务时长 — volunteer service hours at the activity.' })
  async serviceHours(@Root() activity: ActivityStub, @Ctx() context: VolunteeringContext): Promise<number> {
    return (await context.loaders.activityTotals.load(activity.id))?.serviceHours ?? 0;
  }
}
