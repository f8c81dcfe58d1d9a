import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { Directive, Field, ID, ObjectType } from 'type-graphql';
import { type OrganizationType, ENTITY_DESCRIPTIONS } from '@kepuri/domain';
import { OrganizationTypeEnum } from './organization-type.enum';
import { CacheHint } from '@kepuri/platform';

@Directive('@key(fields: "id")')
@CacheHint('reference')
@ObjectType({ description: ENTITY_DESCRIPTIONS.Organization })
@Entity('organizations')
export class Organization {
  @Field(() => ID, { description: ENTITY_DESCRIPTIONS['Organization.id'] })
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Field({ description: '单位名称 — name, e.g. 中国物理学会.' })
  @Column('varchar', { length: 200 })
  name!: string;

  @Field(() => OrganizationTypeEnum, { description: '单位类型 — kind of organisation.' })
  @Column('varchar', { length: 32 })
  type!: OrganizationType;

  @Column('uuid', { name: 'parent_id', nullable: true })
  parentId!: string | null;

  @Column('char', { name: 'region_code', length: 6, nullable: true })
  regionCode!: string | null;

  @Field(() => [ID], { description: '层级路径 — ids from the top of the hierarchy down to this organisation (itself last).' })
  @Column('uuid', { array: true })
  path!: string[];

  @Field(() => String, { nullable: true, description: '联系人 — contact person.' })
  @Column('varchar', { name: 'contact_name', length: 100, nullable: true })
  contactName!: string | null;

  @Field(() => String, { nullable: true, description: '联系电话 — contact phone.' })
  @Column('varchar', { name: 'contact_phone', length: 50, nullable: true })
  contactPhone!: string | null;

  @Field(() => String, { nullable: true, description: '电子邮箱 — contact e-mail.' })
  @Column('varchar', { name: 'contact_email', length: 200, nullable: true })
  contactEmail!: string | null;
}
