import { In, IsNull, type DataSource, type EntityManager, type Repository } from 'typeorm';
import {
  requireRole, isUniqueViolation, deadlinePassed, hubError, type Identity, isUuid, type SubgraphRuntime, keysetPage,
  type Connection,
} from '@kepuri/platform';
import { lookupFacts, type CampaignDeadlines } from '../hub/lookups';
import { recordRecommendationChange, recommendationSnapshot } from '../stats/evaluation-stats.writer';
import { RECOMMENDER_TYPES, type RecommendationKind } from './recommendation.enum';
import { Recommendation } from './recommendation.entity';
import type { RecommendInput } from './recommendation.input';

/** An organisation's recommendations in one campaign (or in all, with year null). */
export interface OrganizationCampaignKey {
  organizationId: string;
  year: number | null;
}

export class RecommendationService {
  private readonly recommendations: Repository<Recommendation>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly runtime: SubgraphRuntime,
  ) {
    this.recommendations = dataSource.getRepository(Recommendation);
  }

  byIds(ids: readonly string[]): Promise<Recommendation[]> {
    return this.recommendations.findBy({ id: In([...ids]) });
  }

  /** Standing recommendations naming each organisation (as the unit, or as the organiser of the activity), one statement. */
  received(keys: readonly OrganizationCampaignKey[]): Promise<Recommendation[]> {
    return this.standingBy('organization_id', keys);
  }

  /** Standing recommendations each organisation made, one statement. */
  made(keys: readonly OrganizationCampaignKey[]): Promise<Recommendation[]> {
    return this.standingBy('recommender_id', keys);
  }

  private standingBy(column: 'organization_id' | 'recommender_id', keys: readonly OrganizationCampaignKey[]): Promise<Recommendation[]> {
    const valid = keys.filter((key) => isUuid(key.organizationId));
    if (valid.length === 0) return Promise.resolve([]);
    return this.recommendations
      .createQueryBuilder('r')
      .innerJoin(
        '(SELECT * FROM unnest(CAST(:orgs AS uuid[]), CAST(:years AS int[])) AS k(org, year))',
        'k',
        `r.${column} = k.org AND (k.year IS NULL OR r.campaign_year = k.year)`,
      )
      .where('r.withdrawn_at IS NULL')
      .setParameters({ orgs: valid.map((key) => key.organizationId), years: valid.map((key) => key.year) })
      .orderBy('r.created_at', 'ASC')
      .addOrderBy('r.id', 'ASC')
      .getMany();
  }

  /** A campaign's standing recommendations, oldest first (optionally of one kind). */
  list(campaign: number, kind: RecommendationKind | undefined, first: number, after?: string): Promise<Connection<Recommendation>> {
    const query = this.recommendations.createQueryBuilder('r')
      .where('r.campaign_year = :campaign AND r.withdrawn_at IS NULL', { campaign });
    if (kind) query.andWhere('r.kind = :kind', { kind });
    return keysetPage(query, ['recommendedAt', 'id'], (r) => [r.recommendedAt.toISOString(), r.id], first, after);
  }

  /** Which of these activities stand recommended as 优秀活动, in one statement. */
  async recommendedActivities(activityIds: readonly string[]): Promise<Set<string>> {
    const rows: Array<{ target_id: string }> = await this.dataSource.query(
      `SELECT DISTINCT target_id FROM recommendations
        WHERE kind = 'EXCELLENT_ACTIVITY' AND withdrawn_at IS NULL AND target_id = ANY($1::uuid[])`,
      [activityIds.filter(isUuid)],
    );
    return new Set(rows.map((row) => row.target_id));
  }

  /**
   * 推荐: a national society or provincial association (a supervisor acting for one) recommends an
   * organisation strictly below it as 优秀组织单位, or a completed activity organised at or below
   * it as 优秀活动, until the campaign's recommendation deadline; once per target and campaign.
   */
  async recommend(input: RecommendInput, identity: Identity): Promise<Recommendation> {
    const recommenderId = this.recommender(identity, 'recommend');
    const excellentActivity = input.kind === 'EXCELLENT_ACTIVITY';
    const facts = await lookupFacts(this.runtime.hub, {
      year: input.campaign,
      activityId: excellentActivity ? input.targetId : undefined,
      organizationIds: excellentActivity ? [recommenderId] : [recommenderId, input.targetId],
    });
    const [recommender, targetOrganization] = facts.organizations;
    this.requireRecommender(recommender, 'recommend');
    const campaign = facts.campaign;
    if (!campaign) throw hubError('NOT_FOUND', `campaign: no campaign ${input.campaign}`, { field: 'campaign' });

    let target: Pick<Recommendation, 'organizationId' | 'organizationPath' | 'regionCode'>;
    if (excellentActivity) {
      const activity = facts.activity;
      if (!activity) throw hubError('NOT_FOUND', `targetId: no activity ${input.targetId}`, { field: 'targetId' });
      if (!activity.organizer.path.includes(recommenderId)) {
        throw hubError('FORBIDDEN', 'recommend: the activity is not organised by the recommender or a unit below it', { field: 'targetId' });
      }
      if (activity.campaign.year !== campaign.year) {
        throw hubError('BAD_USER_INPUT', `targetId: the activity belongs to the ${activity.campaign.year} campaign, not ${campaign.year}`, { field: 'targetId' });
      }
      this.requireOpen(campaign, 'recommend');
      if (activity.status !== 'COMPLETED') {
        throw hubError('CONFLICT', `recommend: the activity is ${activity.status}; only COMPLETED activities may be recommended`, {
          field: 'targetId', status: activity.status,
        });
      }
      target = { organizationId: activity.organizer.id, organizationPath: activity.organizer.path, regionCode: activity.regionCode };
    } else {
      if (!targetOrganization) throw hubError('NOT_FOUND', `targetId: no organisation ${input.targetId}`, { field: 'targetId' });
      if (targetOrganization.id === recommenderId || !targetOrganization.path.includes(recommenderId)) {
        throw hubError('FORBIDDEN', 'recommend: an excellent unit must be strictly below the recommender', { field: 'targetId' });
      }
      this.requireOpen(campaign, 'recommend');
      target = { organizationId: targetOrganization.id, organizationPath: targetOrganization.path, regionCode: targetOrganization.regionCode };
    }

    const now = this.runtime.now();
    try {
      return await this.dataSource.transaction(async (manager) => {
        await this.requireNotRecommended(manager, campaign.year, input);
        const saved = await manager.save(manager.create(Recommendation, {
          ...target,
          campaignYear: campaign.year,
          kind: input.kind,
          targetId: input.targetId,
          recommenderId,
          reason: input.reason?.trim() || null,
          recommendedBy: identity.sub ?? null,
          recommendedAt: now,
          withdrawnAt: null,
          withdrawnBy: null,
        }));
        await recordRecommendationChange(manager, null, saved);
        return saved;
      });
    } catch (error) {
      // Two recommendations of one target racing: the unique index decides.
      if (isUniqueViolation(error, 'recommendations_once')) throw this.duplicate(input);
      throw error;
    }
  }

  /** The recommender withdraws its recommendation before the campaign's recommendation deadline. */
  async withdraw(id: string, identity: Identity): Promise<Recommendation> {
    const recommenderId = this.recommender(identity, 'withdrawRecommendation');
    const existing = await this.recommendations.findOneBy({ id });
    if (!existing) throw hubError('NOT_FOUND', `id: no recommendation ${id}`, { field: 'id' });
    if (existing.recommenderId !== recommenderId) {
      throw hubError('FORBIDDEN', 'withdrawRecommendation: only the organisation that made the recommendation may withdraw it', { field: 'id' });
    }
    const { campaign } = await lookupFacts(this.runtime.hub, { year: existing.campaignYear });
    if (!campaign) throw hubError('NOT_FOUND', `campaign: no campaign ${existing.campaignYear}`, { field: 'id' });
    this.requireOpen(campaign, 'withdrawRecommendation');
    const now = this.runtime.now();
    return this.dataSource.transaction(async (manager) => {
      const recommendation = await manager.findOne(Recommendation, { where: { id }, lock: { mode: 'pessimistic_write' } });
      if (!recommendation) throw hubError('NOT_FOUND', `id: no recommendation ${id}`, { field: 'id' });
      if (recommendation.withdrawnAt) {
        throw hubError('CONFLICT', `withdrawRecommendation: the recommendation was withdrawn at ${recommendation.withdrawnAt.toISOString()}`, { field: 'id' });
      }
      const before = recommendationSnapshot(recommendation);
      Object.assign(recommendation, { withdrawnAt: now, withdrawnBy: identity.sub ?? null });
      const saved = await manager.save(recommendation);
      await recordRecommendationChange(manager, before, saved);
      return saved;
    });
  }

  /** The organisation a supervisor recommends for: its token's org. */
  private recommender(identity: Identity, action: string): string {
    requireRole(identity, ['supervisor'], action);
    if (!identity.org || !isUuid(identity.org)) throw hubError('FORBIDDEN', `${action}: the caller acts for no organisation`);
    return identity.org;
  }

  private requireRecommender(recommender: { type: string } | null, action: string): void {
    if (!recommender || !(RECOMMENDER_TYPES as readonly string[]).includes(recommender.type)) {
      throw hubError('FORBIDDEN', `${action}: only a national society or a provincial association recommends; the caller acts for ${recommender?.type ?? 'an unknown organisation'}`);
    }
  }

  private requireOpen(campaign: CampaignDeadlines, action: string): void {
    if (this.runtime.now() >= campaign.recommendationDeadline) {
      throw deadlinePassed('recommendation deadline', campaign.recommendationDeadline, action);
    }
  }

  private async requireNotRecommended(manager: EntityManager, year: number, input: RecommendInput): Promise<void> {
    const standing = await manager.findOneBy(Recommendation, { campaignYear: year, kind: input.kind, targetId: input.targetId, withdrawnAt: IsNull() });
    if (standing) throw this.duplicate(input, standing.id);
  }

  private duplicate(input: RecommendInput, existingId?: string) {
    return hubError('CONFLICT', `recommend: ${input.targetId} is already recommended as ${input.kind} in ${input.campaign}`, {
      field: 'targetId', ...(existingId ? { recommendationId: existingId } : {}),
    });
  }
}
