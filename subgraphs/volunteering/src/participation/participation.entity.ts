import { Directive, Field, Float, ID, Int, ObjectType } from 'type-graphql';
import { CacheHint } from '@kepuri/platform';

/**
 * An organisation's part in one campaign, counting it and everything below it. Each of activities,
 * volunteering and evaluations resolves its own figures of it (evaluations holds the query);
 * volunteering adds its volunteers and service hours, which evaluations reads (@requires) for the
 * 科技志愿服务 indicator of the host's assessment.
 */
@Directive('@key(fields: "year organizationId")')
@CacheHint('stats')
@ObjectType({ description: '参与情况 — an organisation\'s participation in one campaign, including everything below it.' })
export class CampaignParticipation {
  @Field(() => Int, { description: '年度 — campaign year.' })
  year!: number;

  @Field(() => ID, { description: '单位编号 — organisation id.' })
  organizationId!: string;

  @Field(() => Int, { nullable: true, description: '志愿者人数 — distinct volunteers who served the campaign\'s activities organised by the organisation or any below it.' })
  volunteerCount!: number;

  @Field(() => Float, { nullable: true, description: '志愿服务时长 — service hours at the campaign\'s activities organised by the organisation or any below it.' })
  serviceHours!: number;
}
