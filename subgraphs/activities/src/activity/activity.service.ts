import { In, type DataSource, type Repository, type SelectQueryBuilder } from 'typeorm';
import { decodeCursor, encodeCursor } from '../../../shared/src/pagination';
import { regionLevel } from '../../../shared/src/regions';
import { Activity } from './activity.entity';
import type { ActivityFilter } from './activity-filter.input';
import type { ActivityConnection } from './activity-connection';

/** Escapes LIKE wildcards so a keyword matches literally. */
function likePattern(keyword: string): string {
  return `%${keyword.replace(/[\\%_]/g, (character) => `\\${character}`)}%`;
}

export class ActivityService {
  private readonly activities: Repository<Activity>;

  constructor(dataSource: DataSource) {
    this.activities = dataSource.getRepository(Activity);
  }

  byIds(ids: readonly string[]): Promise<Activity[]> {
    return this.activities.findBy({ id: In([...ids]) });
  }

  /** A keyset page ordered by (startsAt, id), plus the total: two statements whatever the page size. */
  async list(filter: ActivityFilter, first: number, after?: string): Promise<ActivityConnection> {
    const filtered = this.filtered(filter);
    const page = filtered.clone().orderBy('a.startsAt', 'ASC').addOrderBy('a.id', 'ASC').limit(first + 1);
    if (after) {
      const [startsAt, id] = decodeCursor(after, 2);
      page.andWhere('(a.startsAt, a.id) > (:afterStartsAt, :afterId)', { afterStartsAt: startsAt, afterId: id });
    }
    const [rows, totalCount] = await Promise.all([page.getMany(), filtered.getCount()]);
    const edges = rows.slice(0, first).map((node) => ({ node, cursor: encodeCursor([node.startsAt.toISOString(), node.id]) }));
    return {
      totalCount,
      edges,
      pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null },
    };
  }

  private filtered(filter: ActivityFilter): SelectQueryBuilder<Activity> {
    const query = this.activities.createQueryBuilder('a');
    if (filter.campaign !== undefined) query.andWhere('a.campaignYear = :campaign', { campaign: filter.campaign });
    if (filter.regionCode !== undefined) {
      const column = { PROVINCE: 'a.provinceCode', CITY: 'a.cityCode', COUNTY: 'a.regionCode' }[regionLevel(filter.regionCode)];
      query.andWhere(`${column} = :regionCode`, { regionCode: filter.regionCode });
    }
    if (filter.organizerId !== undefined) query.andWhere('a.organizerId = :organizerId', { organizerId: filter.organizerId });
    if (filter.category !== undefined) query.andWhere('a.category = :category', { category: filter.category });
    if (filter.jointAction !== undefined) query.andWhere('a.jointAction = :jointAction', { jointAction: filter.jointAction });
    if (filter.mode !== undefined) query.andWhere('a.mode = :mode', { mode: filter.mode });
    if (filter.status !== undefined) query.andWhere('a.status = :status', { status: filter.status });
    if (filter.keyword !== undefined) {
      query.andWhere('(a.title ILIKE :keyword OR a.description ILIKE :keyword)', { keyword: likePattern(filter.keyword) });
    }
    return query;
  }
}
