import { In, type DataSource, type Repository } from 'typeorm';
import {
  mayManage, requireRole, badInput, hubError, type Identity, isUuid, decodeCursor, encodeCursor, type Connection,
  type SubgraphRuntime,
} from '@kepuri/platform';
import type { CampaignOrganizationKey } from '../feedback/feedback.loader';
import { lookupFacts } from '../hub/lookups';
import { Assessment, INDICATOR_PROPERTIES } from './assessment.entity';
import type { AssessOrganizationInput } from './assessment.input';
import { checkScores } from './assessment.rules';
import { INDICATORS } from './indicator.enum';

export class AssessmentService {
  private readonly assessments: Repository<Assessment>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly runtime: SubgraphRuntime,
  ) {
    this.assessments = dataSource.getRepository(Assessment);
  }

  byIds(ids: readonly string[]): Promise<Assessment[]> {
    return this.assessments.findBy({ id: In([...ids]) });
  }

  /** Assessments of many (campaign, organisation) pairs in one statement. */
  byKeys(keys: readonly CampaignOrganizationKey[]): Promise<Assessment[]> {
    const valid = keys.filter((key) => isUuid(key.organizationId));
    if (valid.length === 0) return Promise.resolve([]);
    return this.assessments
      .createQueryBuilder('a')
      .where('(a.campaign_year, a.organization_id) IN (SELECT * FROM unnest(CAST(:years AS int[]), CAST(:orgs AS uuid[])))', {
        years: valid.map((key) => key.year),
        orgs: valid.map((key) => key.organizationId),
      })
      .getMany();
  }

  /** Whether the caller may read an assessment: the body itself, a supervisor above it, the host. */
  visible(assessment: Assessment | null, identity: Identity): Assessment | null {
    return assessment && mayManage(identity, assessment.organizationPath) ? assessment : null;
  }

  /** The host's ranking of a campaign: every assessment, best total first (keyset pages, two statements). */
  async ranking(campaign: number, identity: Identity, first: number, after?: string): Promise<Connection<Assessment>> {
    requireRole(identity, ['admin'], 'assessments');
    const filtered = this.assessments.createQueryBuilder('a').where('a.campaign_year = :campaign', { campaign });
    const page = filtered.clone().orderBy('a.total', 'DESC').addOrderBy('a.id', 'ASC').limit(first + 1);
    if (after) {
      const [total, id] = decodeCursor(after, 2);
      if (typeof total !== 'number') throw badInput('after', 'is not a cursor this connection issued');
      page.andWhere('(a.total < :total OR (a.total = :total AND a.id > :id))', { total, id });
    }
    const [rows, totalCount] = await Promise.all([page.getMany(), filtered.getCount()]);
    const edges = rows.slice(0, first).map((node) => ({ node, cursor: encodeCursor([node.total, node.id]) }));
    return { totalCount, edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
  }

  /**
   * 考核: the host scores an organising body on the seven indicators of a campaign, at any time;
   * scoring it again replaces the scores and moves assessedAt. The total is their mean.
   */
  async assess(input: AssessOrganizationInput, identity: Identity): Promise<Assessment> {
    requireRole(identity, ['admin'], 'assessOrganization');
    const scores = checkScores(input.scores);
    const { campaign, organizations: [organization] } = await lookupFacts(this.runtime.hub, {
      year: input.campaign, organizationIds: [input.organizationId],
    });
    if (!campaign) throw hubError('NOT_FOUND', `campaign: no campaign ${input.campaign}`, { field: 'campaign' });
    if (!organization) throw hubError('NOT_FOUND', `organizationId: no organisation ${input.organizationId}`, { field: 'organizationId' });
    if (organization.type === 'HOST') throw badInput('organizationId', 'the host assesses the organising bodies, not itself');
    const now = this.runtime.now();
    const columns = INDICATORS.map((indicator) => this.column(INDICATOR_PROPERTIES[indicator]));
    const values = INDICATORS.map((indicator) => scores[indicator]);
    return this.dataSource.transaction(async (manager) => {
      const [{ id }]: Array<{ id: string }> = await manager.query(
        `INSERT INTO assessments (campaign_year, organization_id, organization_path, remarks, assessed_by, created_at, assessed_at, ${columns.join(', ')})
         VALUES ($1, $2, $3, $4, $5, $6, $6, ${columns.map((_, index) => `$${index + 7}`).join(', ')})
         ON CONFLICT ON CONSTRAINT assessments_once DO UPDATE SET
           organization_path = EXCLUDED.organization_path, remarks = EXCLUDED.remarks, assessed_by = EXCLUDED.assessed_by,
           assessed_at = EXCLUDED.assessed_at, ${columns.map((column) => `${column} = EXCLUDED.${column}`).join(', ')}
         RETURNING id`,
        [campaign.year, organization.id, organization.path, input.remarks?.trim() || null, identity.sub ?? null, now, ...values],
      );
      return manager.findOneByOrFail(Assessment, { id });
    });
  }

  private column(property: string): string {
    return this.assessments.metadata.findColumnWithPropertyName(property)!.databaseName;
  }
}
