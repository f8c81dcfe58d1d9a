import { Directive, Field, ID, Int, ObjectType } from 'type-graphql';
import { CacheHint } from '@kepuri/platform';

/**
 * An organisation's part in one campaign, counting it and everything below it. The activities
 * subgraph contributes its activity figures; volunteering and evaluations add theirs to the same
 * entity, and evaluations proposes assessment scores from all of them (@requires).
 */
@Directive('@key(fields: "year organizationId")')
@CacheHint('stats')
@ObjectType({ description: '参与情况 — an organisation\'s participation in one campaign, including everything below it.' })
export class CampaignParticipation {
  @Field(() => Int, { description: '年度 — campaign year.' })
  year!: number;

  @Field(() => ID, { description: '单位编号 — organisation id.' })
  organizationId!: string;

  @Field(() => Int, { nullable: true, description: '活动数 — registered and completed activities.' })
  activityCount!: number;

  @Field(() => Int, { nullable: true, description: '参与人数 — actual participants where reported, expected otherwise.' })
  participantCount!: number;

  @Field(() => Int, { nullable: true, description: '联合行动活动数 — joint-action activities.' })
  jointActionActivityCount!: number;

  @Field(() => Int, { nullable: true, description: '网络活动数 — activities with an online part.' })
  onlineActivityCount!: number;

  @Field(() => Int, { nullable: true, description: '新闻报道数 — news links reported.' })
  newsLinkCount!: number;

  @Field(() => Int, { nullable: true, description: '已完善活动数 — activities whose results were filled in (COMPLETED).' })
  completedActivityCount!: number;
}
