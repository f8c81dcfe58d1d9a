import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { TeamLevelEnum, type TeamLevel } from './team-level.enum';
import { CacheHint } from '@kepuri/platform';

@Directive('@key(fields: "id")')
@CacheHint('content')
@ObjectType({ description: '科技志愿服务队伍 — a volunteer team (总队, 支队, 大队 or 分队) of an organisation.' })
@Entity('volunteer_teams')
export class VolunteerTeam {
  @Field(() => ID, { description: '队伍编号 — team id; the key of VolunteerTeam.' })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: '队伍名称 — name, e.g. 湖北省科技志愿服务总队.' })
  @Column('varchar', { length: 100 })
  name!: string;

  @Field(() => TeamLevelEnum, { description: '层级 — corps, detachment, brigade or squad.' })
  @Column('varchar', { length: 16 })
  level!: TeamLevel;

  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId!: string | null;

  @Column('uuid', { name: 'organization_id' })
  organizationId!: string;

  /** The organisation's path (root first, itself last), learned from the organizations subgraph at write time. */
  @Column('uuid', { name: 'organization_path', array: true })
  organizationPath!: string[];

  @Column('char', { name: 'region_code', length: 6 })
  regionCode!: string;

  @Column('varchar', { name: 'created_by', length: 200, nullable: true })
  createdBy!: string | null;
}
