import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';

@ObjectType({ description: '活动打卡 — one public user\'s check-in to an activity on one day.' })
@Entity('check_ins')
export class CheckIn {
  @Field(() => ID, { description: '打卡编号 — check-in id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'activity_id' })
  activityId!: string;

  @Column('varchar', { name: 'user_sub', length: 200 })
  userSub!: string;

  @Field({ description: '打卡日期 — the day (China time) of the check-in, YYYY-MM-DD.' })
  @Column('date')
  day!: string;

  @Field({ description: '打卡时间 — when the check-in was recorded.' })
  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
