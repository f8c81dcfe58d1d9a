import type { DataSource, Repository } from 'typeorm';
import {
  mayManage, requireManage, requireRole, badInput, deadlinePassed, hubError, type Identity, isUuid, keysetPage,
  type Connection, type SubgraphRuntime,
} from '@kepuri/platform';
import type { CampaignOrganizationKey } from '../feedback/feedback.loader';
import { lookupFacts } from '../hub/lookups';
import { WorkSummary } from './work-summary.entity';
import type { SubmitWorkSummaryInput } from './work-summary.input';

export class WorkSummaryService {
  private readonly summaries: Repository<WorkSummary>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly runtime: SubgraphRuntime,
  ) {
    this.summaries = dataSource.getRepository(WorkSummary);
  }

  /** Summaries of many (campaign, organisation) pairs in one statement. */
  byKeys(keys: readonly CampaignOrganizationKey[]): Promise<WorkSummary[]> {
    const valid = keys.filter((key) => isUuid(key.organizationId));
    if (valid.length === 0) return Promise.resolve([]);
    return this.summaries
      .createQueryBuilder('s')
      .where('(s.campaign_year, s.organization_id) IN (SELECT * FROM unnest(CAST(:years AS int[]), CAST(:orgs AS uuid[])))', {
        years: valid.map((key) => key.year),
        orgs: valid.map((key) => key.organizationId),
      })
      .getMany();
  }

  /** Whether the caller may read a summary: the unit itself, a supervisor above it, the host. */
  visible(summary: WorkSummary | null, identity: Identity): WorkSummary | null {
    return summary && mayManage(identity, summary.organizationPath) ? summary : null;
  }

  /**
   * The summaries of a campaign the caller may read, in submission order: the host sees all, a
   * supervisor those of its subtree, an organiser its own.
   */
  list(campaign: number, identity: Identity, first: number, after?: string): Promise<Connection<WorkSummary>> {
    requireRole(identity, ['organizer', 'supervisor', 'admin'], 'workSummaries');
    const query = this.summaries.createQueryBuilder('s').where('s.campaign_year = :campaign', { campaign });
    if (identity.role !== 'admin') {
      if (!identity.org || !isUuid(identity.org)) throw hubError('FORBIDDEN', 'workSummaries: the caller acts for no organisation');
      if (identity.role === 'supervisor') query.andWhere('s.organization_path @> ARRAY[CAST(:org AS uuid)]', { org: identity.org });
      else query.andWhere('s.organization_id = :org', { org: identity.org });
    }
    return keysetPage(query, ['submittedAt', 'id'], (s) => [s.submittedAt.toISOString(), s.id], first, after);
  }

  /**
   * 工作总结: an organising unit (its organiser, a supervisor above it or the host) submits its
   * summary of a campaign until the campaign's summary deadline; submitting again before the
   * deadline replaces it.
   */
  async submit(input: SubmitWorkSummaryInput, identity: Identity): Promise<WorkSummary> {
    requireRole(identity, ['organizer', 'supervisor', 'admin'], 'submitWorkSummary');
    const content = input.content.trim();
    if (content.length < 20) throw badInput('content', 'must be at least 20 characters besides surrounding blanks');
    const organizationId = input.organizationId ?? identity.org;
    if (!organizationId) throw badInput('organizationId', 'is required when the caller acts for no organisation');
    if (!isUuid(organizationId)) throw badInput('organizationId', 'must be an organisation id');
    const { campaign, organizations: [organization] } = await lookupFacts(this.runtime.hub, {
      year: input.campaign, organizationIds: [organizationId],
    });
    if (!campaign) throw hubError('NOT_FOUND', `campaign: no campaign ${input.campaign}`, { field: 'campaign' });
    if (!organization) throw hubError('NOT_FOUND', `organizationId: no organisation ${organizationId}`, { field: 'organizationId' });
    requireManage(identity, organization.path, 'submitWorkSummary');
    const now = this.runtime.now();
    if (now >= campaign.summaryDeadline) throw deadlinePassed('summary deadline', campaign.summaryDeadline, 'submitWorkSummary');
    return this.dataSource.transaction(async (manager) => {
      const [{ id }]: Array<{ id: string }> = await manager.query(
        `INSERT INTO work_summaries (campaign_year, organization_id, organization_path, content, attachment_urls, submitted_by, created_at, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $7)
         ON CONFLICT ON CONSTRAINT work_summaries_once DO UPDATE SET
           organization_path = EXCLUDED.organization_path, content = EXCLUDED.content, attachment_urls = EXCLUDED.attachment_urls,
           submitted_by = EXCLUDED.submitted_by, updated_at = EXCLUDED.updated_at
         RETURNING id`,
        [campaign.year, organizationId, organization.path, content, input.attachmentUrls ?? [], identity.sub ?? null, now],
      );
      return manager.findOneByOrFail(WorkSummary, { id });
    });
  }
}
