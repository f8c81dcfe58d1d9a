import { IsEmail, IsIn, IsOptional, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ORGANIZATION_TYPES, type OrganizationType } from '@kepuri/domain';
import { OrganizationTypeEnum } from './organization-type.enum';

@InputType({ description: '新建单位 — a new organisation below an existing one.' })
export class CreateOrganizationInput {
  @Field({ description: '单位名称 — name, unique in the hub.' })
  @MinLength(2) @MaxLength(200)
  name!: string;

  @Field(() => OrganizationTypeEnum, { description: '单位类型 — kind of organisation.' })
  @IsIn(ORGANIZATION_TYPES)
  type!: OrganizationType;

  @Field(() => ID, { nullable: true, description: '上级单位 — the organisation above; only the host may create top-level ones.' })
  @IsOptional() @IsUUID('all', { message: 'must be an organization id' })
  parentId?: string;

  @Field(() => ID, { nullable: true, description: '所在地区 — GB/T 2260 code of its region.' })
  @IsOptional() @Matches(/^\d{6}$/, { message: 'must be a six-digit GB/T 2260 code' })
  regionCode?: string;

  @Field({ nullable: true, description: '联系人 — contact person.' })
  @IsOptional() @MinLength(1) @MaxLength(100)
  contactName?: string;

  @Field({ nullable: true, description: '联系电话 — contact phone, digits with optional +, - and spaces.' })
  @IsOptional() @Matches(/^\+?[0-9][0-9 -]{4,30}$/, { message: 'must be a phone number' })
  contactPhone?: string;

  @Field({ nullable: true, description: '电子邮箱 — contact e-mail.' })
  @IsOptional() @IsEmail({}, { message: 'must be an e-mail address' }) @MaxLength(200)
  contactEmail?: string;
}

@InputType({ description: '单位筛选 — filter for the organizations connection.' })
export class OrganizationFilter {
  @Field(() => OrganizationTypeEnum, { nullable: true, description: '单位类型 — only this kind.' })
  @IsOptional() @IsIn(ORGANIZATION_TYPES)
  type?: OrganizationType;

  @Field(() => ID, { nullable: true, description: '所在地区 — region code; a province includes its cities and counties.' })
  @IsOptional() @Matches(/^\d{6}$/, { message: 'must be a six-digit GB/T 2260 code' })
  regionCode?: string;

  @Field(() => ID, { nullable: true, description: '上级单位 — only organisations directly below this one.' })
  @IsOptional() @IsUUID('all', { message: 'must be an organization id' })
  parentId?: string;

  @Field(() => ID, { nullable: true, description: '下属单位 — only organisations below this one, at any depth.' })
  @IsOptional() @IsUUID('all', { message: 'must be an organization id' })
  belowId?: string;

  @Field({ nullable: true, description: '关键词 — part of the name.' })
  @IsOptional() @MinLength(1) @MaxLength(100)
  keyword?: string;
}
