import type { DataSource, Repository } from 'typeorm';
import { requireRole, isUniqueViolation, badInput, hubError, type Identity, type SubgraphRuntime } from '@kepuri/platform';
import { lookupFacts } from '../hub/lookups';
import { recordCommendationChange } from '../stats/evaluation-stats.writer';
import { Commendation } from './commendation.entity';
import type { CommendInput } from './commendation.input';

export class CommendationService {
  private readonly commendations: Repository<Commendation>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly runtime: SubgraphRuntime,
  ) {
    this.commendations = dataSource.getRepository(Commendation);
  }

  /** The published commendations of a campaign: units first, then activities, in publication order. */
  ofCampaign(campaign: number): Promise<Commendation[]> {
    return this.commendations.find({ where: { campaignYear: campaign }, order: { kind: 'DESC', publishedAt: 'ASC', id: 'ASC' } });
  }

  /**
   * 表扬: the host commends an organising unit or a completed activity of a campaign, once each;
   * the commendation is published at once.
   */
  async commend(input: CommendInput, identity: Identity): Promise<Commendation> {
    requireRole(identity, ['admin'], 'commend');
    const ofActivity = input.kind === 'ACTIVITY';
    const facts = await lookupFacts(this.runtime.hub, {
      year: input.campaign,
      activityId: ofActivity ? input.targetId : undefined,
      organizationIds: ofActivity ? [] : [input.targetId],
    });
    if (!facts.campaign) throw hubError('NOT_FOUND', `campaign: no campaign ${input.campaign}`, { field: 'campaign' });
    let target: Pick<Commendation, 'organizationId' | 'organizationPath' | 'regionCode'>;
    if (ofActivity) {
      const activity = facts.activity;
      if (!activity) throw hubError('NOT_FOUND', `targetId: no activity ${input.targetId}`, { field: 'targetId' });
      if (activity.campaign.year !== input.campaign) {
        throw badInput('targetId', `the activity belongs to the ${activity.campaign.year} campaign, not ${input.campaign}`);
      }
      if (activity.status !== 'COMPLETED') {
        throw hubError('CONFLICT', `commend: the activity is ${activity.status}; only COMPLETED activities are commended`, {
          field: 'targetId', status: activity.status,
        });
      }
      target = { organizationId: activity.organizer.id, organizationPath: activity.organizer.path, regionCode: activity.regionCode };
    } else {
      const [organization] = facts.organizations;
      if (!organization) throw hubError('NOT_FOUND', `targetId: no organisation ${input.targetId}`, { field: 'targetId' });
      if (organization.type === 'HOST') throw badInput('targetId', 'the host commends the organising units, not itself');
      target = { organizationId: organization.id, organizationPath: organization.path, regionCode: organization.regionCode };
    }
    const now = this.runtime.now();
    try {
      return await this.dataSource.transaction(async (manager) => {
        const existing = await manager.findOneBy(Commendation, { campaignYear: input.campaign, kind: input.kind, targetId: input.targetId });
        if (existing) throw this.duplicate(input, existing.id);
        const saved = await manager.save(manager.create(Commendation, {
          ...target, campaignYear: input.campaign, kind: input.kind, targetId: input.targetId,
          citation: input.citation.trim(), commendedBy: identity.sub ?? null, publishedAt: now,
        }));
        await recordCommendationChange(manager, null, saved);
        return saved;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'commendations_once')) throw this.duplicate(input);
      throw error;
    }
  }

  private duplicate(input: CommendInput, existingId?: string) {
    return hubError('CONFLICT', `commend: ${input.targetId} is already commended in ${input.campaign}`, {
      field: 'targetId', ...(existingId ? { commendationId: existingId } : {}),
    });
  }
}
