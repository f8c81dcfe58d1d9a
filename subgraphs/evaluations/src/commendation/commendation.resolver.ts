import { Arg, Authorized, Ctx, FieldResolver, Int, Mutation, Query, Resolver, Root } from 'type-graphql';
import { ActivityStub } from '../foreign/activity.stub';
import type { EvaluationsContext } from '../context';
import { OrganizationStub } from '../foreign/organization.stub';
import { CampaignStub } from '../foreign/campaign.stub';
import { Commendation } from './commendation.entity';
import { CommendInput } from './commendation.input';

@Resolver(() => Commendation)
export class CommendationResolver {
  @Query(() => [Commendation], { description: '表扬名单 — the published commendations of a campaign: units first, then activities.' })
  commendations(@Arg('campaign', () => Int, { description: '年度 — campaign year.' }) campaign: number, @Ctx() context: EvaluationsContext) {
    return context.services.commendations.ofCampaign(campaign);
  }

  @Authorized('admin')
  @Mutation(() => Commendation, { description: '表扬 — the host commends an organising unit or a completed activity of a campaign (admin only); published at once.' })
  commend(@Arg('input', () => CommendInput, { description: '表扬 — the campaign, the kind, what is commended and the citation.' }) input: CommendInput, @Ctx() context: EvaluationsContext) {
    return context.services.commendations.commend(input, context.identity);
  }

  @FieldResolver(() => CampaignStub, { nullable: true, description: '年度活动 — the campaign.' })
  campaign(@Root() commendation: Commendation): CampaignStub {
    return { year: commendation.campaignYear };
  }

  @FieldResolver(() => OrganizationStub, { nullable: true, description: '单位 — the unit commended, or the organiser of the activity commended.' })
  organization(@Root() commendation: Commendation): OrganizationStub {
    return { id: commendation.organizationId };
  }

  @FieldResolver(() => ActivityStub, { nullable: true, description: '活动 — the activity commended (ACTIVITY), else null.' })
  activity(@Root() commendation: Commendation): ActivityStub | null {
    return commendation.kind === 'ACTIVITY' ? { id: commendation.targetId } : null;
  }
}
