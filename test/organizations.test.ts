import { ORG, errorOf } from './support/domain';
import { startHub, type TestHub } from './support/hub';

let hub: TestHub;
let tokens: Record<string, string>;
const CREATE = `mutation($input: CreateOrganizationInput!) { createOrganization(input: $input) { id name type path parent { id } region { code } ancestors { name } } }`;

async function organizationCount(): Promise<number> {
  const [{ n }] = await hub.subgraphs.organizations.dataSource.query('SELECT count(*)::int AS n FROM organizations');
  return n;
}

beforeAll(async () => {
  hub = await startHub();
  tokens = {
    admin: await hub.token({ role: 'admin' }),
    hubeiSupervisor: await hub.token({ role: 'supervisor', org: ORG.hubei }),
    hunanSupervisor: await hub.token({ role: 'supervisor', org: ORG.hunan }),
    hubeiOrganizer: await hub.token({ role: 'organizer', org: ORG.hubei }),
    wuhanOrganizer: await hub.token({ role: 'organizer', org: ORG.wuhan }),
    user: await hub.token({ role: 'public', sub: 'someone' }),
  };
});
afterAll(async () => {
  await hub?.close();
});

describe('the organisation hierarchy', () => {
  it('gives every organisation its path, ancestors and children', async () => {
    const result = await hub.query<{ organization: { path: string[]; ancestors: Array<{ name: string }>; children: Array<{ name: string }> } }>(
      `query($id: ID!) { organization(id: $id) { path ancestors { name } children { name } } }`, { id: ORG.wuhan });
    expect(result.data!.organization.path).toEqual([ORG.host, ORG.hubei, ORG.wuhan]);
    expect(result.data!.organization.ancestors.map((org) => org.name)).toEqual(['中国科学技术协会', '湖北省科学技术协会']);
    const hubei = await hub.query<{ organization: { children: Array<{ name: string }> } }>(
      `query($id: ID!) { organization(id: $id) { children { name } } }`, { id: ORG.hubei });
    expect(hubei.data!.organization.children.map((org) => org.name).sort()).toEqual(['武汉市科学技术协会', '湖北科学技术馆'].sort());
  });

  it('lists everything below an organisation at any depth, and looks many up at once', async () => {
    const below = await hub.query<{ organizations: { totalCount: number; edges: Array<{ node: { id: string } }> } }>(
      `query($id: ID!) { organizations(filter: { belowId: $id }, first: 200) { totalCount edges { node { id } } } }`, { id: ORG.host });
    const [{ n }] = await hub.subgraphs.organizations.dataSource.query('SELECT count(*)::int - 1 AS n FROM organizations WHERE $1 = ANY(path)', [ORG.host]);
    expect(below.data!.organizations.totalCount).toBe(n);
    expect(below.data!.organizations.edges.map((edge) => edge.node.id)).not.toContain(ORG.host);
    const many = await hub.query<{ organizationsByIds: Array<{ id: string } | null> }>(
      `query($ids: [ID!]!) { organizationsByIds(ids: $ids) { id } }`, { ids: [ORG.wuhan, '00000000-0000-4000-8000-000000000000', 'x', ORG.hubei] });
    expect(many.data!.organizationsByIds).toEqual([{ id: ORG.wuhan }, null, null, { id: ORG.hubei }]);
    const keyword = await hub.query<{ organizations: { edges: Array<{ node: { name: string } }> } }>(
      `{ organizations(filter: { keyword: "物理" }) { edges { node { name } } } }`);
    expect(keyword.data!.organizations.edges.map((edge) => edge.node.name)).toEqual(['中国物理学会']);
  });
});

describe('createOrganization', () => {
  const school = (name: string, parentId: string = ORG.wuhan) => ({ name, type: 'SCHOOL', parentId, regionCode: '420111', contactEmail: 'kepu@school.example.cn' });

  it('a supervisor creates units below itself; the path extends its parent\'s', async () => {
    const result = await hub.query<{ createOrganization: { id: string; path: string[]; parent: { id: string }; ancestors: Array<{ name: string }> } }>(
      CREATE, { input: school('武汉市洪山区实验小学') }, tokens.hubeiSupervisor);
    expect(result.errors).toBeUndefined();
    const created = result.data!.createOrganization;
    expect(created.path).toEqual([ORG.host, ORG.hubei, ORG.wuhan, created.id]);
    expect(created.parent.id).toBe(ORG.wuhan);
  });

  it('refuses callers outside the subtree, types only the host creates, and bad input, changing nothing', async () => {
    const before = await organizationCount();
    const cases: Array<[Record<string, unknown>, string, string, string | undefined]> = [
      [school('湖南越权学校'), tokens.hunanSupervisor, 'FORBIDDEN', undefined],
      [school('组织者不能建单位'), tokens.hubeiOrganizer, 'FORBIDDEN', undefined],
      [school('公众不能建单位'), tokens.user, 'FORBIDDEN', undefined],
      [school('匿名不能建单位'), '', 'UNAUTHENTICATED', undefined],
      [{ ...school('新的省科协'), type: 'PROVINCIAL_ASSOCIATION' }, tokens.hubeiSupervisor, 'FORBIDDEN', undefined],
      [{ ...school('顶级单位'), parentId: undefined }, tokens.hubeiSupervisor, 'FORBIDDEN', undefined],
      [school('中国物理学会', ORG.hubei), tokens.admin, 'CONFLICT', 'name'],
      [school('无上级', '00000000-0000-4000-8000-000000000000'), tokens.admin, 'NOT_FOUND', 'parentId'],
      [{ ...school('地区不存在'), regionCode: '429999' }, tokens.admin, 'BAD_USER_INPUT', 'regionCode'],
      [{ ...school('邮箱错误'), contactEmail: 'not-an-email' }, tokens.admin, 'BAD_USER_INPUT', 'contactEmail'],
      [{ ...school('电话错误'), contactPhone: 'abc' }, tokens.admin, 'BAD_USER_INPUT', 'contactPhone'],
      [school('名'), tokens.admin, 'BAD_USER_INPUT', 'name'],
    ];
    for (const [input, token, code, field] of cases) {
      const result = await hub.query(CREATE, { input }, token || undefined);
      expect({ name: input.name, ...errorOf(result), message: undefined }).toEqual({ name: input.name, code, field, message: undefined });
    }
    expect(await organizationCount()).toBe(before);
  });
});

describe('memberships', () => {
  const ADD = `mutation($org: ID!, $sub: String!, $role: MembershipRole!) { addMember(organizationId: $org, userSub: $sub, role: $role) { userSub role } }`;
  const MEMBERS = `query($id: ID!) { organization(id: $id) { members { userSub role } } }`;

  it('the organisation\'s managers add members and see them; others may not', async () => {
    const added = await hub.query(ADD, { org: ORG.wuhan, sub: 'wuhan-officer', role: 'organizer' }, tokens.hubeiSupervisor);
    expect(added.errors).toBeUndefined();
    const again = await hub.query<{ addMember: { role: string } }>(ADD, { org: ORG.wuhan, sub: 'wuhan-officer', role: 'supervisor' }, tokens.hubeiSupervisor);
    expect(again.data!.addMember.role).toBe('supervisor');
    const seen = await hub.query<{ organization: { members: Array<{ userSub: string; role: string }> } }>(MEMBERS, { id: ORG.wuhan }, tokens.wuhanOrganizer);
    expect(seen.data!.organization.members).toContainEqual({ userSub: 'wuhan-officer', role: 'supervisor' });
    expect(errorOf(await hub.query(ADD, { org: ORG.wuhan, sub: 'intruder', role: 'organizer' }, tokens.hunanSupervisor)).code).toBe('FORBIDDEN');
    expect(errorOf(await hub.query(MEMBERS, { id: ORG.wuhan }, tokens.user)).code).toBe('FORBIDDEN');
    expect(errorOf(await hub.query(ADD, { org: 'x', sub: 'a', role: 'organizer' }, tokens.admin))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'organizationId' });
    const [{ n }] = await hub.subgraphs.organizations.dataSource.query("SELECT count(*)::int AS n FROM memberships WHERE user_sub = 'intruder'");
    expect(n).toBe(0);
  });
});
