import { In, type DataSource, type Repository, type SelectQueryBuilder } from 'typeorm';
import { containsPattern, keysetPage } from '../../../shared/src/pagination';
import { regionLevel } from '../../../shared/src/regions';
import { Activity } from './activity.entity';
import type { ActivityFilter } from './activity-filter.input';
import type { ActivityConnection } from './activity-connection';

export class ActivityService {
  private readonly activities: Repository<Activity>;

  constructor(dataSource: DataSource) {
    this.activities = dataSource.getRepository(Activity);
  }

  byIds(ids: readonly string[]): Promise<Activity[]> {
    return this.activities.findBy({ id: In([...ids]) });
  }

  /** A page ordered by (startsAt, id), plus the total: two statements whatever the page size. */
  list(filter: ActivityFilter, first: number, after?: string): Promise<ActivityConnection> {
    return keysetPage(this.filtered(filter), ['startsAt', 'id'], (a) => [a.startsAt.toISOString(), a.id], first, after);
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
      query.andWhere('(a.title ILIKE :keyword OR a.description ILIKE :keyword)', { keyword: containsPattern(filter.keyword) });
    }
    return query;
  }
}
