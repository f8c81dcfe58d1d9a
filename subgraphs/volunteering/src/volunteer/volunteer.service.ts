import { In, type DataSource, type Repository, type SelectQueryBuilder } from 'typeorm';
import {
  requireManage, requireRole, badInput, hubError, groupByKey, type Identity, encodeCursor, keysetPage, type Connection,
  type SubgraphRuntime,
} from '@kepuri/platform';
import { lookupOrganization, regionLevel } from '@kepuri/domain';
import { recordVolunteerChange } from '../stats/volunteer-stats.writer';
import { VolunteerTeam } from '../team/team.entity';
import { Volunteer } from './volunteer.entity';
import type { RegisterVolunteerInput, VolunteerFilter } from './volunteer.input';

/** One page of one organisation's volunteers, as Organization.volunteers asks for it. */
export interface OrganizationVolunteersKey {
  organizationId: string;
  includeSubordinates: boolean;
  first: number;
  /** The decoded cursor: the (name, id) of the last volunteer of the previous page. */
  after: [string, string] | null;
}

/** The code prefix of "this region and everything in it": 2 digits for a province, 4 for a city, 6 for a county. */
export function regionPrefix(code: string): string {
  return code.slice(0, { PROVINCE: 2, CITY: 4, COUNTY: 6 }[regionLevel(code)]);
}

const VOLUNTEER_COLUMNS = `v.id, v.name, v.region_code AS "regionCode", v.organization_id AS "organizationId",
  v.organization_path AS "organizationPath", v.team_id AS "teamId", v.skills, v.created_by AS "createdBy"`;

export class VolunteerService {
  private readonly volunteers: Repository<Volunteer>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly runtime: SubgraphRuntime,
  ) {
    this.volunteers = dataSource.getRepository(Volunteer);
  }

  byIds(ids: readonly string[]): Promise<Volunteer[]> {
    return this.volunteers.findBy({ id: In([...ids]) });
  }

  /** The direct members of many teams in one statement, by name. */
  byTeams(teamIds: readonly string[]): Promise<Volunteer[]> {
    return this.volunteers.find({ where: { teamId: In([...teamIds]) }, order: { name: 'ASC', id: 'ASC' } });
  }

  /** A page ordered by (name, id), plus the total: two statements whatever the page size. */
  list(filter: VolunteerFilter, first: number, after?: string): Promise<Connection<Volunteer>> {
    return keysetPage(this.filtered(filter), ['name', 'id'], (v) => [v.name, v.id], first, after);
  }

  private filtered(filter: VolunteerFilter): SelectQueryBuilder<Volunteer> {
    const query = this.volunteers.createQueryBuilder('v');
    if (filter.regionCode) query.andWhere('v.regionCode LIKE :regionPrefix', { regionPrefix: `${regionPrefix(filter.regionCode)}%` });
    if (filter.includeSubordinates && !filter.organizationId) throw badInput('includeSubordinates', 'needs organizationId');
    if (filter.organizationId) {
      if (filter.includeSubordinates) query.andWhere('v.organizationPath @> ARRAY[:organizationId]::uuid[]', { organizationId: filter.organizationId });
      else query.andWhere('v.organizationId = :organizationId', { organizationId: filter.organizationId });
    }
    if (filter.teamId) query.andWhere('v.teamId = :teamId', { teamId: filter.teamId });
    if (filter.skill) query.andWhere('v.skills @> ARRAY[:skill]::varchar[]', { skill: filter.skill });
    return query;
  }

  /**
   * Pages of many organisations' volunteers (Organization.volunteers) in one statement: for each
   * key its total and its page, ordered by (name, id). An organisation's own volunteers are those
   * whose organisation it is; with its subordinates, every volunteer whose path contains it.
   */
  async pagesByOrganization(keys: readonly OrganizationVolunteersKey[]): Promise<Array<Connection<Volunteer>>> {
    const rows: Array<Volunteer & { key: string; total: number }> = await this.dataSource.query(
      `SELECT k.i::int AS key, t.total, ${VOLUNTEER_COLUMNS}
         FROM unnest($1::uuid[], $2::boolean[], $3::text[], $4::uuid[], $5::int[]) WITH ORDINALITY AS k(org, sub, after_name, after_id, lim, i)
         CROSS JOIN LATERAL (
           SELECT count(*)::int AS total FROM volunteers c
            WHERE c.organization_path @> ARRAY[k.org] AND (k.sub OR c.organization_id = k.org)) t
         LEFT JOIN LATERAL (
           SELECT * FROM volunteers p
            WHERE p.organization_path @> ARRAY[k.org] AND (k.sub OR p.organization_id = k.org)
              AND (k.after_id IS NULL OR (p.name, p.id) > (k.after_name, k.after_id))
            ORDER BY p.name, p.id
            LIMIT k.lim + 1) v ON true
        ORDER BY k.i, v.name, v.id`,
      [
        keys.map((key) => key.organizationId),
        keys.map((key) => key.includeSubordinates),
        keys.map((key) => key.after?.[0] ?? null),
        keys.map((key) => key.after?.[1] ?? null),
        keys.map((key) => key.first),
      ],
    );
    const byKey = groupByKey(keys.map((_, index) => index + 1), rows, (row) => Number(row.key));
    return keys.map((key, index) => {
      const mine = byKey[index];
      const volunteers = mine.filter((row) => row.id !== null).map(({ key: _key, total: _total, ...volunteer }) => Object.assign(new Volunteer(), volunteer));
      const edges = volunteers.slice(0, key.first).map((node) => ({ node, cursor: encodeCursor([node.name, node.id]) }));
      return {
        totalCount: mine[0]?.total ?? 0,
        edges,
        pageInfo: { hasNextPage: volunteers.length > key.first, endCursor: edges.at(-1)?.cursor ?? null },
      };
    });
  }

  /**
   * 登记志愿者: the organisation's own organizer, a supervisor above it or the host registers a
   * volunteer; the organisation's path is learned from the hub and stored with the volunteer. A
   * team, if given, must belong to the organisation or to one below it. What it adds to the
   * dashboard rollups is journaled in the same transaction and applied in the next batch.
   */
  async register(input: RegisterVolunteerInput, identity: Identity): Promise<Volunteer> {
    requireRole(identity, ['organizer', 'supervisor', 'admin'], 'registerVolunteer');
    const { organization, regionExists } = await lookupOrganization(this.runtime.hub, input.organizationId, input.regionCode);
    if (!organization) throw hubError('NOT_FOUND', `organizationId: no organisation ${input.organizationId}`, { field: 'organizationId' });
    requireManage(identity, organization.path, 'registerVolunteer');
    if (!regionExists) throw badInput('regionCode', `no region ${input.regionCode}`);
    return this.dataSource.transaction(async (manager) => {
      if (input.teamId) {
        const team = await manager.findOne(VolunteerTeam, { where: { id: input.teamId }, lock: { mode: 'pessimistic_read' } });
        if (!team) throw hubError('NOT_FOUND', `teamId: no volunteer team ${input.teamId}`, { field: 'teamId' });
        if (!team.organizationPath.includes(organization.id)) {
          throw badInput('teamId', `the team ${team.name} does not belong to the volunteer's organisation or one below it`);
        }
      }
      const volunteer = manager.create(Volunteer, {
        name: input.name.trim(),
        regionCode: input.regionCode,
        organizationId: organization.id,
        organizationPath: organization.path,
        teamId: input.teamId ?? null,
        skills: [...new Set((input.skills ?? []).map((skill) => skill.trim()))],
        createdBy: identity.sub ?? null,
      });
      const saved = await manager.save(volunteer);
      await recordVolunteerChange(manager, null, saved);
      return saved;
    });
  }
}
