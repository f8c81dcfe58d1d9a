import type { DataSource } from 'typeorm';
import { isUuid } from '@kepuri/platform';
import type { CampaignParticipation } from './participation.entity';

export interface ParticipationKey {
  year: number;
  organizationId: string;
}

export class ParticipationService {
  constructor(private readonly dataSource: DataSource) {}

  /** Figures for many (campaign, organisation) pairs in one statement, each over the organisation's subtree. */
  async byKeys(keys: readonly ParticipationKey[]): Promise<CampaignParticipation[]> {
    const valid = keys.filter((key) => isUuid(key.organizationId));
    const rows: CampaignParticipation[] = valid.length === 0 ? [] : await this.dataSource.query(
      `SELECT k.year, k.org AS "organizationId",
              count(a.id)::int AS "activityCount",
              coalesce(sum(coalesce(a.actual_participants, a.expected_participants)), 0)::int AS "participantCount",
              (count(a.id) FILTER (WHERE a.category = 'JOINT_ACTION'))::int AS "jointActionActivityCount",
              (count(a.id) FILTER (WHERE a.mode <> 'OFFLINE'))::int AS "onlineActivityCount",
              coalesce(sum(cardinality(a.news_links)), 0)::int AS "newsLinkCount",
              (count(a.id) FILTER (WHERE a.status = 'COMPLETED'))::int AS "completedActivityCount"
         FROM unnest($1::int[], $2::uuid[]) AS k(year, org)
         LEFT JOIN activities a
           ON a.campaign_year = k.year AND a.organizer_path @> ARRAY[k.org] AND a.status IN ('REGISTERED', 'COMPLETED')
        GROUP BY k.year, k.org`,
      [valid.map((key) => key.year), valid.map((key) => key.organizationId)],
    );
    const empty = (key: ParticipationKey): CampaignParticipation => ({
      ...key, activityCount: 0, participantCount: 0, jointActionActivityCount: 0, onlineActivityCount: 0, newsLinkCount: 0, completedActivityCount: 0,
    });
    const found = new Map(rows.map((row) => [`${row.year}:${row.organizationId}`, row]));
    return keys.map((key) => found.get(`${key.year}:${key.organizationId}`) ?? empty(key));
  }
}
