import { IsIn, IsOptional, IsUUID, Matches, MaxLength, MinLength } from 'class-validator';
import { Field, ID, InputType } from 'type-graphql';
import { TEAM_LEVELS, TeamLevelEnum, type TeamLevel } from './team-level.enum';

@InputType({ description: '新建志愿服务队伍 — a new volunteer team of an organisation.' })
export class CreateVolunteerTeamInput {
  @Field({ description: '队伍名称 — name, 2 to 100 characters, unique within the organisation.' })
  @MinLength(2) @MaxLength(100) @Matches(/\S/, { message: 'must not be blank' })
  name!: string;

  @Field(() => TeamLevelEnum, { description: '层级 — CORPS at the top; any other level needs a parent one level above.' })
  @IsIn(TEAM_LEVELS)
  level!: TeamLevel;

  @Field(() => ID, { description: '所属单位 — the organisation the team belongs to.' })
  @IsUUID('all', { message: 'must be an organization id' })
  organizationId!: string;

  @Field(() => ID, { nullable: true, description: '上级队伍 — the team one level above, of the same organisation or one above it; none for a CORPS.' })
  @IsOptional() @IsUUID('all', { message: 'must be a volunteer team id' })
  parentId?: string | null;

  @Field(() => ID, { nullable: true, description: '所在地区 — GB/T 2260 code; defaults to the organisation\'s region.' })
  @IsOptional() @Matches(/^\d{6}$/, { message: 'must be a six-digit GB/T 2260 code' })
  regionCode?: string | null;
}
