import { ArrayMaxSize, IsInt, IsOptional, IsUUID, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { IndicatorScoreInput } from './indicator.enum';

@InputType({ description: '考核 — the host scores an organising body in a campaign on each of the seven indicators.' })
export class AssessOrganizationInput {
  @Field(() => Int, { description: '年度 — the campaign year.' })
  @IsInt() @Min(2000) @Max(2200)
  campaign!: number;

  @Field(() => ID, { description: '单位编号 — the organising body assessed.' })
  @IsUUID('all', { message: 'must be an organisation id' })
  organizationId!: string;

  @Field(() => [IndicatorScoreInput], { description: '各项得分 — one score from 0 to 100 for each of the seven indicators, each exactly once.' })
  @ArrayMaxSize(20) @ValidateNested({ each: true })
  scores!: IndicatorScoreInput[];

  @Field(() => String, { nullable: true, description: '考核意见 — remarks, up to 2000 characters.' })
  @IsOptional() @MaxLength(2000)
  remarks?: string | null;
}
