import { IsIn, IsOptional, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { ORGANIZATION_TYPES, type OrganizationType } from '@kepuri/domain';
import { OrganizationTypeEnum } from './organization-type.enum';

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
