import { Field, Int, ObjectType } from 'type-graphql';
import { Activity } from '../activity/activity.entity';

@ObjectType({ description: '打卡事件 — a check-in was recorded (subscription checkInRecorded).' })
export class CheckInEvent {
  @Field(() => Activity, { description: '打卡的活动 — the activity checked in to.' })
  activity!: Activity;

  activityId!: string;

  @Field(() => Int, { description: '打卡人次 — the activity\'s check-ins after this one.' })
  checkInCount!: number;

  @Field({ description: '打卡日期 — the day (China time) of the check-in, YYYY-MM-DD.' })
  day!: string;

  @Field({ description: '提交时间 — when the check-in was committed (its transaction\'s last statement).' })
  at!: Date;
}
