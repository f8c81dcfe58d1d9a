import { IsIn, IsInt, IsUUID, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Field, ID, InputType, Int } from 'type-graphql';
import { COMMENDATION_KINDS, CommendationKindEnum, type CommendationKind } from './commendation.enum';

@InputType({ description: '表扬 — the host commends an organising unit or a completed activity of a campaign.' })
export class CommendInput {
  @Field(() => Int, { description: '年度 — the campaign year.' })
  @IsInt() @Min(2000) @Max(2200)
  campaign!: number;

  @Field(() => CommendationKindEnum, { description: '表扬类别 — unit or activity.' })
  @IsIn(COMMENDATION_KINDS)
  kind!: CommendationKind;

  @Field(() => ID, { description: '表扬对象 — the organisation id (ORGANIZATION) or the activity id (ACTIVITY).' })
  @IsUUID('all', { message: 'must be an organisation or activity id' })
  targetId!: string;

  @Field({ description: '表扬词 — the citation, 2 to 1000 characters.' })
  @MinLength(2) @MaxLength(1000)
  citation!: string;
}
