import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { CacheHint } from '@kepuri/platform';

/**
 * An organisation's part in one campaign, counting it and everything below it. The activities and
 * volunteering subgraphs resolve its figures; evaluations owns the query of it, adds the public's
 * ratings and proposes assessment scores from all of them (@requires).
 */
@Directive('@key(fields: "year organizationId")')
@CacheHint('stats')
@ObjectType({ description: '参与情况 — an organisation\'s participation in one campaign, including everything below it.' })
export class CampaignParticipation {
  @Field(() => Int, { description: '年度 — campaign year.' })
  year!: number;

  @Field(() => ID, { description: '单位编号 — organisation id.' })
  organizationId!: string;

  // Resolved by the activities subgraph. An @external field has the type of the field it mirrors: nullable
  // there (a failing subgraph nulls only its own fields), so nullable here.
  @Directive('@external')
  @Field(() => Int, { nullable: true, description: '活动数 — registered and completed activities.' })
  activityCount?: number | null;

  @Directive('@external')
  @Field(() => Int, { nullable: true, description: '参与人数 — actual participants where reported, expected otherwise.' })
  participantCount?: number | null;

  @Directive('@external')
  @Field(() => Int, { nullable: true, description: '联合行动活动数 — joint-action activities.' })
  jointActionActivityCount?: number | null;

  @Directive('@external')
  @Field(() => Int, { nullable: true, description: '网络活动数 — activities with an online part.' })
  onlineActivityCount?: number | null;

  @Directive('@external')
  @Field(() => Int, { nullable: true, description: '新闻报道数 — news links reported.' })
  newsLinkCount?: number | null;

  @Directive('@external')
  @Field(() => Int, { nullable: true, description: '已完善活动数 — activities whose results were filled in (COMPLETED).' })
  completedActivityCount?: number | null;

  // Resolved by the volunteering subgraph.
  @Directive('@external')
  @Field(() => Int, { nullable: true, description: '志愿者人数 — distinct volunteers who served the campaign\'s activities organised by the organisation or any below it.' })
  volunteerCount?: number | null;

  @Directive('@external')
  @Field(() => Float, { nullable: true, description: '志愿服务时长 — service hours at the campaign\'s activities organised by the organisation or any below it.' })
  serviceHours?: number | null;
}

/** The figures proposedScores @requires, as the gateway hands them over: null where a subgraph failed on one. */
export type ParticipationFigures = Required<CampaignParticipation>;

/** The @requires selection: every figure the proposal reads from the other two subgraphs. */
export const REQUIRED_FIGURES =
  'activityCount participantCount jointActionActivityCount onlineActivityCount newsLinkCount completedActivityCount volunteerCount serviceHours';
