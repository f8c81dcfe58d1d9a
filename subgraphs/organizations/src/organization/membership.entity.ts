import { Column, Entity, PrimaryColumn } from 'typeorm';
import { Field, ID, ObjectType } from 'type-graphql';
import { MembershipRoleEnum, type MembershipRole } from './membership-role.enum';
import { CacheHint } from '@kepuri/platform';

@CacheHint('private')
@ObjectType({ description: '单位成员 — a user who acts for an organisation.' })
@Entity('memberships')
export class Membership {
  @Field(() => ID, { description: '单位编号 — the id of the organisation the user acts for.' })
  @PrimaryColumn('uuid', { name: 'organization_id' })
  organizationId!: string;

  @Field({ description: '用户 — the user\'s subject (token sub).' })
  @PrimaryColumn('varchar', { name: 'user_sub', length: 200 })
  userSub!: string;

  @Field(() => MembershipRoleEnum, { description: '角色 — organizer or supervisor.' })
  @Column('varchar', { length: 16 })
  role!: MembershipRole;

  @Field({ description: '加入时间 — when the membership was granted.' })
  @Column('timestamptz', { name: 'created_at' })
  createdAt!: Date;
}
