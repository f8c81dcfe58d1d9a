import { In, type DataSource, type Repository, type SelectQueryBuilder } from 'typeorm';
import { containsPattern, keysetPage } from '../../../shared/src/pagination';
import { regionLevel } from '../../../shared/src/regions';
import { Organization } from './organization.entity';
import type { OrganizationFilter } from './organization-filter.input';
import type { OrganizationConnection } from './organization-connection';

export class OrganizationService {
  private readonly organizations: Repository<Organization>;

  constructor(dataSource: DataSource) {
    this.organizations = dataSource.getRepository(Organization);
  }

  byIds(ids: readonly string[]): Promise<Organization[]> {
    return this.organizations.findBy({ id: In([...ids]) });
  }

  /** A page ordered by (name, id), plus the total. */
  list(filter: OrganizationFilter, first: number, after?: string): Promise<OrganizationConnection> {
    return keysetPage(this.filtered(filter), ['name', 'id'], (o) => [o.name, o.id], first, after);
  }

  private filtered(filter: OrganizationFilter): SelectQueryBuilder<Organization> {
    const query = this.organizations.createQueryBuilder('o');
    if (filter.type !== undefined) query.andWhere('o.type = :type', { type: filter.type });
    if (filter.parentId !== undefined) query.andWhere('o.parentId = :parentId', { parentId: filter.parentId });
    if (filter.regionCode !== undefined) {
      const prefix = { PROVINCE: 2, CITY: 4, COUNTY: 6 }[regionLevel(filter.regionCode)];
      query.andWhere('left(o.regionCode, :prefixLength) = :regionPrefix', {
        prefixLength: prefix,
        regionPrefix: filter.regionCode.slice(0, prefix),
      });
    }
    if (filter.keyword !== undefined) {
      query.andWhere('o.name ILIKE :keyword', { keyword: containsPattern(filter.keyword) });
    }
    return query;
  }
}
