import {
  ArrayMaxSize, ArrayUnique, IsBoolean, IsOptional, IsUUID, Matches, MaxLength, MinLength,
} from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';

const REGION_CODE = /^\d{6}$/;
const REGION_MESSAGE = { message: 'must be a six-digit GB/T 2260 code' };

@InputType({ description: '登记志愿者 — register a volunteer with an organisation (its managers or the host).' })
export class RegisterVolunteerInput {
  @Field({ description: '姓名 — name, 1 to 100 characters.' })
  @MinLength(1) @MaxLength(100) @Matches(/\S/, { message: 'must not be blank' })
  name!: string;

  @Field(() => ID, { description: '所在地区 — GB/T 2260 code of the province, city or county where the volunteer serves.' })
  @Matches(REGION_CODE, REGION_MESSAGE)
  regionCode!: string;

  @Field(() => ID, { description: '所属单位 — the organisation the volunteer belongs to.' })
  @IsUUID('all', { message: 'must be an organization id' })
  organizationId!: string;

  @Field(() => [String], { nullable: true, description: '专长 — up to 10 skills of up to 50 characters, no repeats.' })
  @IsOptional() @ArrayMaxSize(10) @ArrayUnique()
  @MinLength(1, { each: true }) @MaxLength(50, { each: true }) @Matches(/\S/, { each: true, message: 'must not contain a blank skill' })
  skills?: string[] | null;

  @Field(() => ID, { nullable: true, description: '所在队伍 — a team of the organisation or of one below it.' })
  @IsOptional() @IsUUID('all', { message: 'must be a volunteer team id' })
  teamId?: string | null;
}

@InputType({ description: '志愿者筛选 — filter for the volunteers connection; all given conditions apply.' })
export class VolunteerFilter {
  @Field(() => ID, { nullable: true, description: '地区代码 — GB/T 2260 code; a province includes its cities and counties, a city its counties.' })
  @IsOptional() @Matches(REGION_CODE, REGION_MESSAGE)
  regionCode?: string | null;

  @Field(() => ID, { nullable: true, description: '所属单位 — only volunteers of this organisation.' })
  @IsOptional() @IsUUID('all', { message: 'must be an organization id' })
  organizationId?: string | null;

  @Field(() => Boolean, { nullable: true, description: '含下级单位 — with organizationId: also the volunteers of every organisation below it.' })
  @IsOptional() @IsBoolean()
  includeSubordinates?: boolean | null;

  @Field(() => ID, { nullable: true, description: '所在队伍 — only the direct members of this team.' })
  @IsOptional() @IsUUID('all', { message: 'must be a volunteer team id' })
  teamId?: string | null;

  @Field(() => String, { nullable: true, description: '专长 — only volunteers with exactly this skill.' })
  @IsOptional() @MinLength(1) @MaxLength(50)
  skill?: string | null;
}
