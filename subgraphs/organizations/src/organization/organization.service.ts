import { In, type DataSource, type Repository, type SelectQueryBuilder } from 'typeorm';
import { requireManage, requireRole, badInput, hubError, type Identity, containsPattern, keysetPage, type Connection } from '@kepuri/platform';
import { Region } from '../region/region.entity';
import { emitMembershipChanged } from '../events';
import { Membership } from './membership.entity';
import type { MembershipRole } from './membership-role.enum';
import type { CreateOrganizationInput, OrganizationFilter } from './organization.input';
import { regionLevel, type OrganizationType } from '@kepuri/domain';
import { Organization } from './organization.entity';

export class OrganizationService {
  private readonly organizations: Repository<Organization>;

  constructor(private readonly dataSource: DataSource) {
    this.organizations = dataSource.getRepository(Organization);
  }

  childrenOf(ids: readonly string[]): Promise<Organization[]> {
    return this.organizations.find({ where: { parentId: In([...ids]) }, order: { name: 'ASC' } });
  }

  membersOf(ids: readonly string[]): Promise<Membership[]> {
    return this.dataSource.getRepository(Membership).find({ where: { organizationId: In([...ids]) }, order: { userSub: 'ASC' } });
  }

  /** Types only the host creates: the top of the hierarchy and the bodies directly under CAST. */
  private static readonly HOST_ONLY_TYPES: ReadonlySet<OrganizationType> = new Set(['HOST', 'CO_ORGANIZER_MINISTRY', 'NATIONAL_SOCIETY', 'PROVINCIAL_ASSOCIATION']);

  /**
   * The host creates anything; a supervisor creates units below itself; the new organisation's
   * path extends its parent's in the same transaction.
   */
  async create(input: CreateOrganizationInput, identity: Identity): Promise<Organization> {
    requireRole(identity, ['admin', 'supervisor'], 'createOrganization');
    if (identity.role !== 'admin' && OrganizationService.HOST_ONLY_TYPES.has(input.type)) {
      throw hubError('FORBIDDEN', `only the host creates organisations of type ${input.type}`);
    }
    return this.dataSource.transaction(async (manager) => {
      let parentPath: string[] = [];
      if (input.parentId) {
        const parent = await manager.findOne(Organization, { where: { id: input.parentId }, lock: { mode: 'pessimistic_read' } });
        if (!parent) throw hubError('NOT_FOUND', `parentId: no organisation ${input.parentId}`, { field: 'parentId' });
        requireManage(identity, parent.path, 'createOrganization below this parent');
        parentPath = parent.path;
      } else if (identity.role !== 'admin') {
        throw hubError('FORBIDDEN', 'only the host creates top-level organisations');
      }
      if (input.regionCode && !(await manager.existsBy(Region, { code: input.regionCode }))) {
        throw badInput('regionCode', `no region ${input.regionCode}`);
      }
      if (await manager.existsBy(Organization, { name: input.name })) {
        throw hubError('CONFLICT', `name: an organisation named ${input.name} exists`, { field: 'name' });
      }
      const [{ id }] = await manager.query('SELECT gen_random_uuid() AS id');
      const organization = manager.create(Organization, {
        id,
        name: input.name,
        type: input.type,
        parentId: input.parentId ?? null,
        regionCode: input.regionCode ?? null,
        path: [...parentPath, id],
        contactName: input.contactName ?? null,
        contactPhone: input.contactPhone ?? null,
        contactEmail: input.contactEmail ?? null,
      });
      return manager.save(organization);
    });
  }

  /** Types whose members may supervise the organisations below them (societies, associations, ministries, the host). */
  private static readonly SUPERVISING_TYPES: ReadonlySet<OrganizationType> = new Set([
    'HOST',
    'CO_ORGANIZER_MINISTRY',
    'NATIONAL_SOCIETY',
    'PROVINCIAL_ASSOCIATION',
    'CITY_ASSOCIATION',
    'COUNTY_ASSOCIATION',
  ]);

  /** Every organisation a user acts for: what the gateway checks a token's `org` claim against. */
  membershipsOfUser(userSub: string): Promise<Membership[]> {
    return this.dataSource.getRepository(Membership).find({ where: { userSub }, order: { organizationId: 'ASC' } });
  }

  /**
   * Grants a user the right to act for an organisation; its managers or the host decide. A
   * supervisor membership reaches everything below the organisation, so only someone who already
   * supervises it (or the host) grants one: an organizer cannot lift itself above its own unit.
   */
  async addMember(organizationId: string, userSub: string, role: MembershipRole, identity: Identity): Promise<Membership> {
    return this.dataSource.transaction(async (manager) => {
      const organization = await manager.findOneBy(Organization, { id: organizationId });
      if (!organization) throw hubError('NOT_FOUND', `organizationId: no organisation ${organizationId}`, { field: 'organizationId' });
      requireManage(identity, organization.path, 'addMember');
      if (role === 'supervisor') {
        if (!OrganizationService.SUPERVISING_TYPES.has(organization.type)) {
          throw badInput('role', `an organisation of type ${organization.type} supervises no one: its members are organizers`);
        }
        if (identity.role !== 'admin' && identity.role !== 'supervisor') {
          throw hubError('FORBIDDEN', 'addMember: only a supervisor of the organisation or the host grants the supervisor role');
        }
      }
      const rows: Membership[] = await manager.query(
        `INSERT INTO memberships (organization_id, user_sub, role) VALUES ($1, $2, $3)
         ON CONFLICT (organization_id, user_sub) DO UPDATE SET role = EXCLUDED.role
         RETURNING organization_id AS "organizationId", user_sub AS "userSub", role, created_at AS "createdAt"`,
        [organizationId, userSub, role],
      );
      await emitMembershipChanged(manager, { userSub });
      return rows[0];
    });
  }

  /** Takes a user's right to act for an organisation away; its managers or the host decide. */
  async removeMember(organizationId: string, userSub: string, identity: Identity): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      const organization = await manager.findOneBy(Organization, { id: organizationId });
      if (!organization) throw hubError('NOT_FOUND', `organizationId: no organisation ${organizationId}`, { field: 'organizationId' });
      requireManage(identity, organization.path, 'removeMember');
      const rows: Array<{ role: MembershipRole }> = await manager.query(
        'SELECT role FROM memberships WHERE organization_id = $1 AND user_sub = $2 FOR UPDATE',
        [organizationId, userSub],
      );
      if (rows.length === 0) throw hubError('NOT_FOUND', `userSub: ${userSub} is not a member of organisation ${organizationId}`, { field: 'userSub' });
      if (rows[0].role === 'supervisor' && identity.role !== 'admin' && identity.role !== 'supervisor') {
        throw hubError('FORBIDDEN', 'removeMember: only a supervisor of the organisation or the host removes a supervisor');
      }
      await manager.query('DELETE FROM memberships WHERE organization_id = $1 AND user_sub = $2', [organizationId, userSub]);
      await emitMembershipChanged(manager, { userSub });
      return true;
    });
  }

  byIds(ids: readonly string[]): Promise<Organization[]> {
    return this.organizations.findBy({ id: In([...ids]) });
  }

  /** A page ordered by (name, id), plus the total. */
  list(filter: OrganizationFilter, first: number, after?: string): Promise<Connection<Organization>> {
    return keysetPage(this.filtered(filter), ['name', 'id'], (o) => [o.name, o.id], first, after);
  }

  private filtered(filter: OrganizationFilter): SelectQueryBuilder<Organization> {
    const query = this.organizations.createQueryBuilder('o');
    if (filter.type !== undefined) query.andWhere('o.type = :type', { type: filter.type });
    if (filter.parentId !== undefined) query.andWhere('o.parentId = :parentId', { parentId: filter.parentId });
    if (filter.belowId !== undefined) {
      query.andWhere('o.path @> ARRAY[:belowId]::uuid[] AND o.id <> :belowId', { belowId: filter.belowId });
    }
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
