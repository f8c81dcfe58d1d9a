import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Field, Float, ID, ObjectType } from 'type-graphql';
import type { ServiceType } from '@kepuri/domain';
import { ServiceTypeEnum } from './service-type.enum';
import { CacheHint } from '@kepuri/platform';

/** numeric comes back from pg as a string; hours are small decimals, safe as a JS number. */
const numericHours = { to: (value: number) => value, from: (value: string) => Number(value) };

@CacheHint('content')
@ObjectType({ description: '志愿服务记录 — one volunteer\'s service at one activity on one day.' })
@Entity('service_records')
export class ServiceRecord {
  @Field(() => ID, { description: '记录编号 — record id.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'volunteer_id' })
  volunteerId!: string;

  @Column('uuid', { name: 'activity_id' })
  activityId!: string;

  @Field({ description: '服务日期 — day of service, YYYY-MM-DD.' })
  @Column('date', { name: 'service_date' })
  serviceDate!: string;

  @Field(() => Float, { description: '服务时长 — hours served (0.5 steps, at most 24).' })
  @Column('numeric', { precision: 4, scale: 1, transformer: numericHours })
  hours!: number;

  @Field(() => ServiceTypeEnum, { description: '服务类型 — kind of service (智惠行动).' })
  @Column('varchar', { name: 'service_type', length: 32 })
  serviceType!: ServiceType;

  /** The activity organiser's path (root first, itself last), learned from the hub when the record was written. */
  @Column('uuid', { name: 'organizer_path', array: true, nullable: true })
  organizerPath!: string[] | null;

  /** The activity's region (GB/T 2260), for statistics by region. */
  @Column('char', { name: 'region_code', length: 6, nullable: true })
  regionCode!: string | null;

  /** The activity's campaign year, for statistics by campaign. */
  @Column('int', { name: 'campaign_year', nullable: true })
  campaignYear!: number | null;

  @Column('varchar', { name: 'created_by', length: 200, nullable: true })
  createdBy!: string | null;
}
