import { ORG, errorOf } from './support/domain';
import { postGraphQL, startHub, type TestHub } from './support/hub';
import { connect, settle } from './support/ws';

// A short trust period so that removals and outages can be seen within a test.
const TTL_MS = 300;
let hub: TestHub;
let tokens: Record<string, string>;
const READ = '{ campaigns { year } }';
const ADD = `mutation($org: ID!, $sub: String!, $role: MembershipRole!) { addMember(organizationId: $org, userSub: $sub, role: $role) { userSub role } }`;
const REMOVE = `mutation($org: ID!, $sub: String!) { removeMember(organizationId: $org, userSub: $sub) }`;

async function membershipRows(userSub: string): Promise<Array<{ organization_id: string; role: string }>> {
  return hub.subgraphs.organizations.dataSource.query('SELECT organization_id, role FROM memberships WHERE user_sub = $1 ORDER BY organization_id', [userSub]);
}

async function until(check: () => Promise<boolean>, timeoutMs = 3_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`not within ${timeoutMs} ms`);
    await settle(50);
  }
}

beforeAll(async () => {
  hub = await startHub({ gateway: { memberships: { ttlMs: TTL_MS } } });
  tokens = {
    admin: await hub.token({ role: 'admin', sub: 'host' }),
    hubeiSupervisor: await hub.token({ role: 'supervisor', org: ORG.hubei }),
    wuhanOrganizer: await hub.token({ role: 'organizer', org: ORG.wuhan }),
  };
});
afterAll(async () => {
  await hub?.close();
});

describe('a token\'s organisation is checked against the memberships', () => {
  it('refuses an organizer token whose user does not act for the organisation, and accepts it once a manager grants it', async () => {
    const claim = await hub.rawToken({ role: 'organizer', org: ORG.physics, sub: 'stranger' });
    const refused = await hub.query(READ, undefined, claim);
    expect(refused.status).toBe(403);
    expect(errorOf(refused)).toMatchObject({ code: 'FORBIDDEN' });
    expect(errorOf(refused).message).toMatch(/stranger does not act for organisation .* as organizer.*addMember/);
    expect(refused.data).toBeUndefined();

    expect((await hub.query(ADD, { org: ORG.physics, sub: 'stranger', role: 'organizer' }, tokens.admin)).errors).toBeUndefined();
    await settle(1_000); // a refused claim is read again at most once a second per user
    const accepted = await hub.query<{ campaigns: Array<{ year: number }> }>(READ, undefined, claim);
    expect(accepted.errors).toBeUndefined();
    expect(accepted.data!.campaigns.length).toBeGreaterThan(0);
  });

  it('needs a supervisor membership for a supervisor token; an organizer membership is not enough', async () => {
    expect((await hub.query(ADD, { org: ORG.hubei, sub: 'hubei-clerk', role: 'organizer' }, tokens.hubeiSupervisor)).errors).toBeUndefined();
    const asOrganizer = await hub.rawToken({ role: 'organizer', org: ORG.hubei, sub: 'hubei-clerk' });
    const asSupervisor = await hub.rawToken({ role: 'supervisor', org: ORG.hubei, sub: 'hubei-clerk' });
    expect((await hub.query(READ, undefined, asOrganizer)).errors).toBeUndefined();
    const refused = await hub.query(READ, undefined, asSupervisor);
    expect(errorOf(refused).code).toBe('FORBIDDEN');
    expect(errorOf(refused).message).toContain('the membership is organizer');
  });

  it('needs organizer and supervisor tokens to name their user', async () => {
    const anonymousClaim = await hub.rawToken({ role: 'organizer', org: ORG.wuhan });
    const result = await hub.query(READ, undefined, anonymousClaim);
    expect(result.status).toBe(401);
    expect(errorOf(result).code).toBe('UNAUTHENTICATED');
    expect(errorOf(result).message).toContain('claim sub');
  });

  it('closes a WebSocket whose token claims an organisation its user does not act for with 4403', async () => {
    const socket = connect(hub.url, await hub.rawToken({ role: 'supervisor', org: ORG.hubei, sub: 'impostor' }));
    const subscription = socket.subscribe('subscription { activityRegistered { id } }');
    expect((await socket.closed).code).toBe(4403);
    await subscription.ended();
    await socket.dispose();
    const member = connect(hub.url, tokens.hubeiSupervisor);
    const answer = member.subscribe<{ campaigns: unknown[] }>(READ);
    expect((await answer.next()).data!.campaigns.length).toBeGreaterThan(0);
    await member.dispose();
  });
});

describe('who grants and removes memberships', () => {
  it('lets only a supervisor or the host grant the supervisor role, and only to organisations that supervise', async () => {
    const byOrganizer = await hub.query(ADD, { org: ORG.wuhan, sub: 'climber', role: 'supervisor' }, tokens.wuhanOrganizer);
    expect(errorOf(byOrganizer).code).toBe('FORBIDDEN');
    const toMuseum = await hub.query(ADD, { org: ORG.hubeiMuseum, sub: 'curator', role: 'supervisor' }, tokens.hubeiSupervisor);
    expect(errorOf(toMuseum)).toMatchObject({ code: 'BAD_USER_INPUT', field: 'role' });
    expect(await membershipRows('climber')).toEqual([]);
    expect(await membershipRows('curator')).toEqual([]);
    const bySupervisor = await hub.query<{ addMember: { role: string } }>(ADD, { org: ORG.wuhan, sub: 'climber', role: 'supervisor' }, tokens.hubeiSupervisor);
    expect(bySupervisor.data!.addMember.role).toBe('supervisor');
  });

  it('takes the right away with removeMember, at the latest when the gateway\'s trust period ends', async () => {
    expect((await hub.query(ADD, { org: ORG.wuhan, sub: 'leaver', role: 'organizer' }, tokens.wuhanOrganizer)).errors).toBeUndefined();
    const leaver = await hub.rawToken({ role: 'organizer', org: ORG.wuhan, sub: 'leaver' });
    expect((await hub.query(READ, undefined, leaver)).errors).toBeUndefined();

    expect(errorOf(await hub.query(REMOVE, { org: ORG.wuhan, sub: 'nobody' }, tokens.wuhanOrganizer))).toMatchObject({ code: 'NOT_FOUND', field: 'userSub' });
    expect(errorOf(await hub.query(REMOVE, { org: ORG.wuhan, sub: 'climber' }, tokens.wuhanOrganizer)).code).toBe('FORBIDDEN');
    expect(errorOf(await hub.query(REMOVE, { org: ORG.wuhan, sub: 'leaver' }, await hub.token({ role: 'supervisor', org: ORG.hunan }))).code).toBe('FORBIDDEN');
    expect(await membershipRows('leaver')).toHaveLength(1);

    const removed = await hub.query<{ removeMember: boolean }>(REMOVE, { org: ORG.wuhan, sub: 'leaver' }, tokens.wuhanOrganizer);
    expect(removed.data!.removeMember).toBe(true);
    expect(await membershipRows('leaver')).toEqual([]);
    await until(async () => errorOf(await hub.query(READ, undefined, leaver)).code === 'FORBIDDEN', TTL_MS + 2_000);
  });

  it('takes the right away at once at every gateway: the removal\'s event reaches them after it commits', async () => {
    // A gateway that would otherwise trust what it read for a minute.
    const other = await hub.addGateway({ memberships: { ttlMs: 60_000 } });
    const READ_AT = (token: string) => postGraphQL(other.url, { query: READ }, { authorization: `Bearer ${token}` });
    expect((await hub.query(ADD, { org: ORG.wuhan, sub: 'mover', role: 'organizer' }, tokens.wuhanOrganizer)).errors).toBeUndefined();
    const mover = await hub.rawToken({ role: 'organizer', org: ORG.wuhan, sub: 'mover' });
    expect((await READ_AT(mover)).errors).toBeUndefined();
    await until(async () => hub.gateway.subscriptions.upstream.state().some((state) => state.subgraph === 'organizations' && state.connected));

    expect((await hub.query(REMOVE, { org: ORG.wuhan, sub: 'mover' }, tokens.wuhanOrganizer)).data).toEqual({ removeMember: true });
    await until(async () => errorOf(await READ_AT(mover)).code === 'FORBIDDEN', 5_000);
  });

  it('shows users the organisations they act for', async () => {
    const token = await hub.rawToken({ role: 'public', sub: 'climber' });
    const result = await hub.query<{ myMemberships: Array<{ role: string; organization: { name: string } }> }>(
      '{ myMemberships { role organization { name } } }', undefined, token);
    expect(result.data!.myMemberships).toEqual([{ role: 'supervisor', organization: { name: '武汉市科学技术协会' } }]);
    expect(errorOf(await hub.query('{ myMemberships { role } }')).code).toBe('UNAUTHENTICATED');
    expect(errorOf(await hub.query('{ userMemberships(userSub: "climber") { role } }', undefined, token)).code).toBe('FORBIDDEN');
    const byHost = await hub.query<{ userMemberships: Array<{ organizationId: string }> }>('{ userMemberships(userSub: "climber") { organizationId } }', undefined, tokens.admin);
    expect(byHost.data!.userMemberships).toEqual([{ organizationId: ORG.wuhan }]);
  });
});

describe('when the organizations subgraph is down', () => {
  it('keeps the memberships it knew and refuses claims it cannot check, until the subgraph is back', async () => {
    expect((await hub.query(ADD, { org: ORG.hubei, sub: 'known', role: 'organizer' }, tokens.admin)).errors).toBeUndefined();
    expect((await hub.query(ADD, { org: ORG.hubei, sub: 'unknown', role: 'organizer' }, tokens.admin)).errors).toBeUndefined();
    const known = await hub.rawToken({ role: 'organizer', org: ORG.hubei, sub: 'known' });
    const unknown = await hub.rawToken({ role: 'organizer', org: ORG.hubei, sub: 'unknown' });
    expect((await hub.query(READ, undefined, known)).errors).toBeUndefined();
    // A change of known's memberships after that read: its event expires what was read, which must
    // still stand as the last known answer when the next read fails.
    expect((await hub.query(ADD, { org: ORG.hunan, sub: 'known', role: 'organizer' }, tokens.admin)).errors).toBeUndefined();
    await settle(300);

    await hub.subgraphs.organizations.close();
    try {
      await settle(TTL_MS + 100);
      const stale = await hub.query<{ campaigns: unknown[] }>(READ, undefined, known);
      expect(stale.errors).toBeUndefined();
      const refused = await hub.query(READ, undefined, unknown);
      expect(refused.status).toBe(503);
      expect(errorOf(refused).code).toBe('DOWNSTREAM_SERVICE_ERROR');
    } finally {
      await hub.restartSubgraph('organizations');
    }
    expect((await hub.query(READ, undefined, unknown)).errors).toBeUndefined();
  });
});
