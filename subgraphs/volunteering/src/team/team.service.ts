import { In, type DataSource, type Repository } from 'typeorm';
import { requireManage, requireRole, isUniqueViolation, badInput, hubError, type Identity, type SubgraphRuntime } from '@kepuri/platform';
import { lookupOrganization } from '@kepuri/domain';
import { recordTeamChange } from '../stats/volunteer-stats.writer';
import { parentLevelOf } from './team-level.enum';
import { VolunteerTeam } from './team.entity';
import type { CreateVolunteerTeamInput } from './team.input';

export class VolunteerTeamService {
  private readonly teams: Repository<VolunteerTeam>;

  constructor(
    private readonly dataSource: DataSource,
    private readonly runtime: SubgraphRuntime,
  ) {
    this.teams = dataSource.getRepository(VolunteerTeam);
  }

  byIds(ids: readonly string[]): Promise<VolunteerTeam[]> {
    return this.teams.findBy({ id: In([...ids]) });
  }

  /** The teams directly below many teams, in one statement, by name. */
  childrenOf(parentIds: readonly string[]): Promise<VolunteerTeam[]> {
    return this.teams.find({ where: { parentId: In([...parentIds]) }, order: { name: 'ASC', id: 'ASC' } });
  }

  /** The teams of many organisations (their own, not those below them), in one statement, by name. */
  byOrganizations(organizationIds: readonly string[]): Promise<VolunteerTeam[]> {
    return this.teams.find({ where: { organizationId: In([...organizationIds]) }, order: { name: 'ASC', id: 'ASC' } });
  }

  /**
   * 新建队伍: the organisation's managers (or the host) create a team. A CORPS (总队) is the top
   * level; any other team sits exactly one level below its parent, and the parent belongs to the
   * same organisation or to one above it. The name is unique within the organisation. What it adds
   * to the dashboard rollups is journaled in the same transaction and applied in the next batch.
   */
  async create(input: CreateVolunteerTeamInput, identity: Identity): Promise<VolunteerTeam> {
    requireRole(identity, ['organizer', 'supervisor', 'admin'], 'createVolunteerTeam');
    const parentLevel = parentLevelOf(input.level);
    if (parentLevel === null && input.parentId) throw badInput('parentId', 'a CORPS (总队) is the top level and has no parent');
    if (parentLevel !== null && !input.parentId) throw badInput('parentId', `a ${input.level} needs a parent ${parentLevel}`);
    const { organization, regionExists } = await lookupOrganization(this.runtime.hub, input.organizationId, input.regionCode);
    if (!organization) throw hubError('NOT_FOUND', `organizationId: no organisation ${input.organizationId}`, { field: 'organizationId' });
    requireManage(identity, organization.path, 'createVolunteerTeam');
    if (regionExists === false) throw badInput('regionCode', `no region ${input.regionCode}`);
    const regionCode = input.regionCode ?? organization.regionCode;
    if (!regionCode) throw badInput('regionCode', 'is required: the organisation has no region');
    try {
      return await this.dataSource.transaction(async (manager) => {
        if (input.parentId) {
          const parent = await manager.findOne(VolunteerTeam, { where: { id: input.parentId }, lock: { mode: 'pessimistic_read' } });
          if (!parent) throw hubError('NOT_FOUND', `parentId: no volunteer team ${input.parentId}`, { field: 'parentId' });
          if (parent.level !== parentLevel) {
            throw badInput('level', `a ${input.level} goes directly below a ${parentLevel}; ${parent.name} is a ${parent.level}`);
          }
          if (!organization.path.includes(parent.organizationId)) {
            throw badInput('parentId', `the parent team ${parent.name} belongs to neither this organisation nor one above it`);
          }
        }
        const team = manager.create(VolunteerTeam, {
          name: input.name.trim(),
          level: input.level,
          parentId: input.parentId ?? null,
          organizationId: organization.id,
          organizationPath: organization.path,
          regionCode,
          createdBy: identity.sub ?? null,
        });
        const saved = await manager.save(team);
        await recordTeamChange(manager, null, saved);
        return saved;
      });
    } catch (error) {
      if (isUniqueViolation(error, 'volunteer_teams_name')) {
        throw hubError('CONFLICT', `name: the organisation already has a team named ${input.name.trim()}`, { field: 'name' });
      }
      throw error;
    }
  }
}
