import { IsInt, IsOptional, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { ArgsType, Field, ID, Int } from 'type-graphql';

export const MAX_COMMENT_LENGTH = 500;

@ArgsType()
export class PostFeedbackArgs {
  @Field(() => ID, { description: '活动编号 — the activity rated.' })
  @IsUUID('all', { message: 'must be an activity id' })
  activityId!: string;

  @Field(() => Int, { description: '评分 — rating, an integer from 1 to 5.' })
  @IsInt() @Min(1) @Max(5)
  rating!: number;

  @Field(() => String, {
    nullable: true,
    description: `评价内容 — comment, up to ${MAX_COMMENT_LENGTH} characters; on a repeat, omitted keeps the earlier comment and null or "" clears it.`,
  })
  @IsOptional() @MaxLength(MAX_COMMENT_LENGTH)
  comment?: string | null;
}
