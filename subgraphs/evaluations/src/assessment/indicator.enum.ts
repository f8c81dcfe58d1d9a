import { Field, Float, InputType, ObjectType } from 'type-graphql';
import { IsIn, IsNumber } from 'class-validator';
import { graphqlEnum, CacheHint } from '@kepuri/platform';

/** The seven indicators of section 五 (三) of the notice, in its order. */
export const INDICATORS = [
  'SOCIAL_MOBILIZATION', 'JOINT_ACTION_IMPLEMENTATION', 'ONLINE_ACTIVITIES', 'PUBLICITY',
  'TECH_VOLUNTEERING', 'ACTIVITY_INFORMATION', 'PUBLIC_EVALUATION',
] as const;
export type Indicator = (typeof INDICATORS)[number];

export const IndicatorEnum = graphqlEnum('AssessmentIndicator', INDICATORS, '考核指标 — the seven indicators the host assesses organising bodies on.', {
  SOCIAL_MOBILIZATION: '社会动员 — social mobilisation.',
  JOINT_ACTION_IMPLEMENTATION: '联合行动组织实施 — organising and carrying out the joint actions.',
  ONLINE_ACTIVITIES: '网络活动 — online activities.',
  PUBLICITY: '宣传工作 — publicity.',
  TECH_VOLUNTEERING: '科技志愿服务 — science and technology volunteering.',
  ACTIVITY_INFORMATION: '活动信息服务 — activity information service.',
  PUBLIC_EVALUATION: '公众评价情况 — public evaluation.',
});

export const MIN_SCORE = 0;
export const MAX_SCORE = 100;

@ObjectType({ description: '指标得分 — the score on one indicator.' })
@CacheHint('inherit')
export class IndicatorScore {
  @Field(() => IndicatorEnum, { description: '考核指标 — the indicator.' })
  indicator!: Indicator;

  @Field(() => Float, { description: '得分 — score from 0 to 100.' })
  score!: number;
}

@InputType({ description: '指标得分 — the score on one indicator, 0 to 100.' })
export class IndicatorScoreInput {
  @Field(() => IndicatorEnum, { description: '考核指标 — the indicator.' })
  @IsIn(INDICATORS)
  indicator!: Indicator;

  @Field(() => Float, { description: '得分 — score from 0 to 100.' })
  @IsNumber({ allowNaN: false, allowInfinity: false })
  score!: number;
}

/** The arithmetic mean of the seven scores, rounded to two decimals. */
export function meanScore(scores: Record<Indicator, number>): number {
  return Math.round((INDICATORS.reduce((sum, indicator) => sum + scores[indicator], 0) / INDICATORS.length) * 100) / 100;
}
