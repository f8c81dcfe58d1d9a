import { In, type DataSource, type Repository, type SelectQueryBuilder } from 'typeorm';
import { decodeCursor, encodeCursor } from '../../../shared/src/pagination';
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

  /** A keyset page ordered by (name, id), plus the total. */
  async list(filter: OrganizationFilter, first: number, after?: string): Promise<OrganizationConnection> {
    const filtered = this.filtered(filter);
    const page = filtered.clone().orderBy('o.name', 'ASC').addOrderBy('o.id', 'ASC').limit(first + 1);
    if (after) {
      const [name, id] = decodeCursor(after, 2);
      page.andWhere('(o.name, o.id) > (:afterName, :afterId)', { afterName: name, afterId: id });
    }
    const [rows, totalCount] = await Promise.all([page.getMany(), filtered.getCount()]);
    const edges = rows.slice(0, first).map((node) => ({ node, cursor: encodeCursor([node.name, node.id]) }));
    return { totalCount, edges, pageInfo: { hasNextPage: rows.length > first, endCursor: edges.at(-1)?.cursor ?? null } };
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
      query.andWhere('o.name ILIKE :keyword', { keyword: `%${filter.keyword.replace(/[\\%_]/g, (c) => `\\${c}`)}%` });
    }
    return query;
  }
}
