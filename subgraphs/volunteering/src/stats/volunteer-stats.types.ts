import { Field, Float, Int, ObjectType } from 'type-graphql';
import type { ServiceType } from '@kepuri/domain';
import { ServiceTypeEnum } from '../service-record/service-type.enum';
import { TeamLevelEnum, type TeamLevel } from '../team/team-level.enum';
import { CacheHint } from '@kepuri/platform';

@ObjectType({ description: '按服务类型统计 — service of one kind (智惠行动) given in a scope.' })
@CacheHint('inherit')
export class VolunteerServiceTypeStats {
  @Field(() => ServiceTypeEnum, { description: '服务类型 — kind of service.' })
  serviceType!: ServiceType;

  @Field(() => Int, { description: '服务记录数 — service records of this kind.' })
  serviceRecordCount!: number;

  @Field(() => Float, { description: '服务时长 — hours of this kind.' })
  serviceHours!: number;
}

@ObjectType({ description: '按队伍层级统计 — volunteer teams of one level in a scope.' })
@CacheHint('inherit')
export class VolunteerTeamLevelCount {
  @Field(() => TeamLevelEnum, { description: '层级 — corps, detachment, brigade or squad.' })
  level!: TeamLevel;

  @Field(() => Int, { description: '队伍数 — teams of this level.' })
  teamCount!: number;
}

@ObjectType({
  description: '志愿服务统计 — volunteering figures of a scope (a region with everything in it, an organisation, or the nation), kept '
    + 'current on every write. Registered volunteers and teams count where they are registered (their region, their organisation); '
    + 'service counts where it was given (the activity\'s region and its organiser), whoever the volunteer belongs to.',
})
@CacheHint('stats')
export class VolunteerStats {
  @Field(() => Int, { description: '注册志愿者 — volunteers registered in the scope (by the region where they serve, or by their organisation); they have no campaign, so this is the same for every campaign.' })
  volunteerCount!: number;

  @Field(() => Int, { description: '活跃志愿者 — distinct volunteers with at least one service record at the scope\'s activities in the campaign (in any campaign when none is given), wherever they are registered.' })
  activeVolunteerCount!: number;

  @Field(() => Int, { description: '志愿服务队伍 — teams registered in the scope (by the team\'s region, or by its organisation); the same for every campaign.' })
  teamCount!: number;

  @Field(() => Float, { description: '服务时长 — hours recorded at the scope\'s activities (the activity\'s region, its organiser) in the campaign.' })
  serviceHours!: number;

  @Field(() => Int, { description: '服务记录数 — service records at the scope\'s activities in the campaign.' })
  serviceRecordCount!: number;

  @Field(() => [VolunteerServiceTypeStats], { description: '按服务类型 — hours and records by kind of service (all eight, zeros included).' })
  byServiceType!: VolunteerServiceTypeStats[];

  @Field(() => [VolunteerTeamLevelCount], { description: '按队伍层级 — teams by level (all four, zeros included).' })
  byTeamLevel!: VolunteerTeamLevelCount[];
}

@ObjectType({ description: '每日志愿服务 — one day of a campaign\'s volunteer service in a region or the nation.' })
@CacheHint('stats')
export class VolunteerDay {
  @Field({ description: '日期 — the day of service (China time), YYYY-MM-DD.' })
  day!: string;

  @Field(() => Float, { description: '服务时长 — hours served that day at activities in the scope.' })
  serviceHours!: number;

  @Field(() => Int, { description: '服务记录数 — service records of that day at activities in the scope.' })
  serviceRecordCount!: number;
}
