import { IsIn, IsISO8601, IsPositive, IsUUID, Matches, Max, ValidateBy, type ValidationOptions } from 'class-validator';
import { Field, Float, ID, InputType } from 'type-graphql';
import { SERVICE_TYPES, type ServiceType } from '@kepuri/domain';
import { ServiceTypeEnum } from './service-type.enum';

/** Service hours are counted in half hours. */
function IsHalfHourStep(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy({
    name: 'isHalfHourStep',
    validator: {
      validate: (value: unknown) => typeof value === 'number' && Number.isInteger(value * 2),
      defaultMessage: () => 'must be in steps of 0.5 hours',
    },
  }, options);
}

@InputType({ description: '记录志愿服务 — one volunteer\'s service at one activity on one day.' })
export class RecordServiceInput {
  @Field(() => ID, { description: '志愿者 — the volunteer who served.' })
  @IsUUID('all', { message: 'must be a volunteer id' })
  volunteerId!: string;

  @Field(() => ID, { description: '活动 — the activity served; REGISTERED or COMPLETED.' })
  @IsUUID('all', { message: 'must be an activity id' })
  activityId!: string;

  @Field({ description: '服务日期 — day of service, YYYY-MM-DD, one of the activity\'s days (China time).' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'must be a date YYYY-MM-DD' }) @IsISO8601({ strict: true }, { message: 'must be a calendar date' })
  serviceDate!: string;

  @Field(() => Float, { description: '服务时长 — hours, more than 0 and at most 24, in steps of 0.5; at most 24 a day across activities.' })
  @IsPositive() @Max(24) @IsHalfHourStep()
  hours!: number;

  @Field(() => ServiceTypeEnum, { description: '服务类型 — kind of service (智惠行动).' })
  @IsIn(SERVICE_TYPES)
  serviceType!: ServiceType;
}
