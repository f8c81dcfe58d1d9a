import { ArrayMaxSize, IsInt, IsOptional, IsUrl, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';

@InputType({ description: '提交工作总结 — submit or change an organising unit\'s work summary, until the campaign\'s summary deadline.' })
export class SubmitWorkSummaryInput {
  @Field(() => Int, { description: '年度 — the campaign year.' })
  @IsInt() @Min(2000) @Max(2200)
  campaign!: number;

  @Field(() => ID, { nullable: true, description: '单位编号 — the organisation summarised; defaults to the caller\'s own (token org).' })
  @IsOptional() @IsUUID('all', { message: 'must be an organisation id' })
  organizationId?: string;

  @Field({ description: '总结内容 — the summary text, 20 to 20,000 characters.' })
  @MinLength(20) @MaxLength(20_000)
  content!: string;

  @Field(() => [String], { nullable: true, description: '附件 — links to attachments (http/https), at most 10.' })
  @IsOptional() @ArrayMaxSize(10)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true }, { each: true, message: 'must be http(s) URLs' })
  @MaxLength(2048, { each: true })
  attachmentUrls?: string[];
}
