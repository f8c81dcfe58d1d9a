import { addDays, chinaDate, nameUuid } from '@kepuri/platform';
import { ORG, currentYearWindow, errorOf } from './support/domain';
import { startHub, type TestHub, SWEEP_LIMITS } from './support/hub';

/** Volunteering writes through the gateway: registerVolunteer, createVolunteerTeam, recordService and their rules. */

let hub: TestHub;
let tokens: Record<string, string>;
const { year, startsAt, endsAt } = currentYearWindow();
const MISSING = '00000000-0000-4000-8000-000000000000';
const TEAM = {
  hubeiCorps: nameUuid('team:湖北省科技志愿服务总队'),
  wuhanDetachment: nameUuid('team:武汉市科技志愿服务支队'),
  museumDetachment: nameUuid('team:湖北科学技术馆科技志愿服务支队'),
  youthSquad: nameUuid('team:洪山区青少年科普分队'),
  guangdongCorps: nameUuid('team:广东省科技志愿服务总队'),
};

const REGISTER_VOLUNTEER = `mutation($input: RegisterVolunteerInput!) {
  registerVolunteer(input: $input) { id name skills region { code name } organization { id name } team { id name level } }
}`;
const CREATE_TEAM = `mutation($input: CreateVolunteerTeamInput!) {
  createVolunteerTeam(input: $input) { id name level region { code } organization { id name } parent { id name level } children { id } }
}`;
const RECORD = `mutation($input: RecordServiceInput!) {
  recordService(input: $input) { id serviceDate hours serviceType volunteer { id } activity { id volunteerCount serviceHours } }
}`;

/** Everything the volunteering subgraph stores (rollups and their queues included, earlier writes applied), to prove a refused write changed nothing. */
async function snapshot() {
  await hub.settle();
  const db = hub.subgraphs.volunteering.dataSource;
  const [volunteers, teams, records, totals, stats, active, daily, queued, journal] = await Promise.all([
    db.query('SELECT * FROM volunteers ORDER BY id'),
    db.query('SELECT * FROM volunteer_teams ORDER BY id'),
    db.query('SELECT * FROM service_records ORDER BY id'),
    db.query('SELECT * FROM activity_service_totals ORDER BY activity_id'),
    db.query('SELECT * FROM volunteer_stats ORDER BY scope, campaign_year, dimension, key'),
    db.query('SELECT * FROM volunteer_active ORDER BY scope, campaign_year, volunteer_id'),
    db.query('SELECT * FROM volunteer_daily ORDER BY scope, campaign_year, day'),
    db.query('SELECT * FROM service_records_unapplied ORDER BY seq'),
    db.query('SELECT * FROM volunteer_stats_journal ORDER BY seq'),
  ]);
  return { volunteers, teams, records, totals, stats, active, daily, queued, journal };
}

/** An activity's volunteers and hours as a client reads them once the rollup applier has folded every record so far. */
async function totalsOf(id: string): Promise<{ volunteerCount: number; serviceHours: number }> {
  await hub.settle();
  const result = await hub.query<{ activity: { volunteerCount: number; serviceHours: number } }>(
    `query($id: ID!) { activity(id: $id) { volunteerCount serviceHours } }`, { id });
  return result.data!.activity;
}

/** A refused write: the expected code (and field), and nothing stored changed. */
async function expectRefused(mutation: string, input: Record<string, unknown>, token: string | undefined, code: string, field?: string) {
  const before = await snapshot();
  const result = await hub.query(mutation, { input }, token);
  expect({ input, ...errorOf(result), message: undefined }).toEqual({ input, code, field, message: undefined });
  expect(await snapshot()).toEqual(before);
  return result;
}

const volunteerInput = (change: Record<string, unknown> = {}) => ({
  name: '李科普', regionCode: '420100', organizationId: ORG.hubei, skills: ['科普讲解', '天文观测'], ...change,
});

async function registerVolunteer(change: Record<string, unknown> = {}, token = tokens.hubei) {
  const result = await hub.query<{ registerVolunteer: { id: string } }>(REGISTER_VOLUNTEER, { input: volunteerInput(change) }, token);
  expect(result.errors).toBeUndefined();
  return result.data!.registerVolunteer.id;
}

/** An activity of the current (demo) campaign registered through the activities subgraph. */
async function registerActivity(organizerId: string, token: string, options: { draft?: boolean } = {}) {
  const result = await hub.query<{ registerActivity: { id: string } }>(
    `mutation($input: RegisterActivityInput!) { registerActivity(input: $input) { id } }`,
    {
      input: {
        campaign: year, title: '洪山区科技志愿服务进社区', regionCode: '420111', category: 'JOINT_ACTION', jointAction: 'RURAL',
        contentAreas: ['TECH_VOLUNTEERING'], mode: 'OFFLINE', venueKind: 'COMMUNITY', address: '武汉市洪山区某社区',
        startsAt, endsAt, expectedParticipants: 200, organizerId, draft: options.draft ?? false,
      },
    },
    token,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.registerActivity.id;
}

const recordInput = (volunteerId: string, activityId: string, change: Record<string, unknown> = {}) => ({
  volunteerId, activityId, serviceDate: chinaDate(startsAt), hours: 2.5, serviceType: 'PUBLICITY', ...change,
});

beforeAll(async () => {
  hub = await startHub({ gateway: { limits: SWEEP_LIMITS } });
  tokens = {
    admin: await hub.token({ role: 'admin' }),
    hubei: await hub.token({ role: 'organizer', org: ORG.hubei, sub: 'hubei-officer' }),
    hubeiSupervisor: await hub.token({ role: 'supervisor', org: ORG.hubei }),
    hunanSupervisor: await hub.token({ role: 'supervisor', org: ORG.hunan }),
    wuhan: await hub.token({ role: 'organizer', org: ORG.wuhan }),
    museum: await hub.token({ role: 'organizer', org: ORG.hubeiMuseum }),
    physics: await hub.token({ role: 'organizer', org: ORG.physics }),
    user: await hub.token({ role: 'public', sub: 'user-1' }),
  };
});
afterAll(async () => {
  await hub?.close();
});

describe('registerVolunteer', () => {
  it('registers a volunteer with the organisation\'s path, region and team', async () => {
    const result = await hub.query<{ registerVolunteer: Record<string, unknown> & { id: string } }>(
      REGISTER_VOLUNTEER, { input: volunteerInput({ name: '  王志愿 ', teamId: TEAM.hubeiCorps }) }, tokens.hubei);
    expect(result.errors).toBeUndefined();
    expect(result.data!.registerVolunteer).toMatchObject({
      name: '王志愿', skills: ['科普讲解', '天文观测'], region: { code: '420100', name: '武汉市' },
      organization: { id: ORG.hubei, name: '湖北省科学技术协会' }, team: { id: TEAM.hubeiCorps, name: '湖北省科技志愿服务总队', level: 'CORPS' },
    });
    const [stored] = await hub.subgraphs.volunteering.dataSource.query('SELECT * FROM volunteers WHERE id = $1', [result.data!.registerVolunteer.id]);
    expect(stored).toMatchObject({ organization_path: [ORG.host, ORG.hubei], team_id: TEAM.hubeiCorps, created_by: 'hubei-officer' });
  });

  it('lets a supervisor register for an organisation below it, into a team of that organisation or below', async () => {
    const result = await hub.query<{ registerVolunteer: { id: string; team: { id: string } } }>(
      REGISTER_VOLUNTEER, { input: volunteerInput({ organizationId: ORG.wuhan, teamId: TEAM.youthSquad }) }, tokens.hubeiSupervisor);
    expect(result.errors).toBeUndefined();
    expect(result.data!.registerVolunteer.team.id).toBe(TEAM.youthSquad);
    const [stored] = await hub.subgraphs.volunteering.dataSource.query('SELECT organization_path FROM volunteers WHERE id = $1', [result.data!.registerVolunteer.id]);
    expect(stored.organization_path).toEqual([ORG.host, ORG.hubei, ORG.wuhan]);
    // A team below the volunteer's organisation is inside its subtree.
    expect((await hub.query(REGISTER_VOLUNTEER, { input: volunteerInput({ teamId: TEAM.museumDetachment }) }, tokens.hubei)).errors).toBeUndefined();
  });

  it('refuses callers who may not manage the organisation', async () => {
    await expectRefused(REGISTER_VOLUNTEER, volunteerInput(), tokens.wuhan, 'FORBIDDEN');
    await expectRefused(REGISTER_VOLUNTEER, volunteerInput({ organizationId: ORG.wuhan }), tokens.hunanSupervisor, 'FORBIDDEN');
    await expectRefused(REGISTER_VOLUNTEER, volunteerInput(), tokens.physics, 'FORBIDDEN');
    await expectRefused(REGISTER_VOLUNTEER, volunteerInput(), tokens.user, 'FORBIDDEN');
    await expectRefused(REGISTER_VOLUNTEER, volunteerInput(), undefined, 'UNAUTHENTICATED');
  });

  it('refuses each broken rule, naming the field, and changes nothing', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ name: '' }, 'BAD_USER_INPUT', 'name'],
      [{ name: '   ' }, 'BAD_USER_INPUT', 'name'],
      [{ name: '名'.repeat(101) }, 'BAD_USER_INPUT', 'name'],
      [{ regionCode: '42' }, 'BAD_USER_INPUT', 'regionCode'],
      [{ regionCode: '429999' }, 'BAD_USER_INPUT', 'regionCode'],
      [{ organizationId: 'hubei' }, 'BAD_USER_INPUT', 'organizationId'],
      [{ organizationId: MISSING }, 'NOT_FOUND', 'organizationId'],
      [{ skills: Array.from({ length: 11 }, (_, i) => `专长${i}`) }, 'BAD_USER_INPUT', 'skills'],
      [{ skills: ['长'.repeat(51)] }, 'BAD_USER_INPUT', 'skills'],
      [{ skills: ['科普讲解', '科普讲解'] }, 'BAD_USER_INPUT', 'skills'],
      [{ skills: [''] }, 'BAD_USER_INPUT', 'skills'],
      [{ teamId: 'team' }, 'BAD_USER_INPUT', 'teamId'],
      [{ teamId: MISSING }, 'NOT_FOUND', 'teamId'],
      // The team must belong to the volunteer's organisation or one below it: not another province's, not one above.
      [{ teamId: TEAM.guangdongCorps }, 'BAD_USER_INPUT', 'teamId'],
      [{ organizationId: ORG.wuhan, teamId: TEAM.hubeiCorps }, 'BAD_USER_INPUT', 'teamId'],
    ];
    for (const [change, code, field] of cases) await expectRefused(REGISTER_VOLUNTEER, volunteerInput(change), tokens.hubeiSupervisor, code, field);
    // Ten skills of fifty characters are the most allowed.
    const most = Array.from({ length: 10 }, (_, i) => `${i}`.padEnd(50, '技'));
    expect((await hub.query(REGISTER_VOLUNTEER, { input: volunteerInput({ skills: most }) }, tokens.hubei)).errors).toBeUndefined();
  });
});

describe('createVolunteerTeam', () => {
  const teamInput = (change: Record<string, unknown> = {}) => ({
    name: '洪山区科技志愿服务第二大队', level: 'BRIGADE', organizationId: ORG.wuhan, parentId: TEAM.wuhanDetachment, ...change,
  });

  it('creates teams one level below their parent, the region defaulting to the organisation\'s', async () => {
    const brigade = await hub.query<{ createVolunteerTeam: { id: string } & Record<string, unknown> }>(CREATE_TEAM, { input: teamInput() }, tokens.wuhan);
    expect(brigade.errors).toBeUndefined();
    expect(brigade.data!.createVolunteerTeam).toMatchObject({
      name: '洪山区科技志愿服务第二大队', level: 'BRIGADE', region: { code: '420100' }, organization: { id: ORG.wuhan, name: '武汉市科学技术协会' },
      parent: { id: TEAM.wuhanDetachment, level: 'DETACHMENT' }, children: [],
    });
    const squad = await hub.query<{ createVolunteerTeam: { id: string; parent: { id: string } } }>(CREATE_TEAM, {
      input: { name: '洪山区农技分队', level: 'SQUAD', organizationId: ORG.wuhan, parentId: brigade.data!.createVolunteerTeam.id, regionCode: '420111' },
    }, tokens.hubeiSupervisor);
    expect(squad.errors).toBeUndefined();
    const corps = await hub.query<{ createVolunteerTeam: { parent: null; region: { code: string } } }>(CREATE_TEAM, {
      input: { name: '湖南省科技志愿服务总队', level: 'CORPS', organizationId: ORG.hunan },
    }, tokens.admin);
    expect(corps.data!.createVolunteerTeam).toMatchObject({ parent: null, region: { code: '430000' } });
    const tree = await hub.query<{ volunteerTeam: { children: Array<{ name: string; children: Array<{ name: string }> }> } }>(
      `query($id: ID!) { volunteerTeam(id: $id) { children { name children { name } } } }`, { id: TEAM.wuhanDetachment });
    expect(tree.data!.volunteerTeam.children).toContainEqual({ name: '洪山区科技志愿服务第二大队', children: [{ name: '洪山区农技分队' }] });
    const [stored] = await hub.subgraphs.volunteering.dataSource.query('SELECT organization_path FROM volunteer_teams WHERE id = $1', [squad.data!.createVolunteerTeam.id]);
    expect(stored.organization_path).toEqual([ORG.host, ORG.hubei, ORG.wuhan]);
  });

  it('keeps the 总队 → 支队 → 大队 → 分队 levels and the organisations\' hierarchy', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ level: 'CORPS', parentId: TEAM.hubeiCorps, organizationId: ORG.hubei }, 'BAD_USER_INPUT', 'parentId'],
      [{ level: 'DETACHMENT', parentId: undefined }, 'BAD_USER_INPUT', 'parentId'],
      [{ level: 'SQUAD', parentId: TEAM.wuhanDetachment }, 'BAD_USER_INPUT', 'level'],
      [{ level: 'DETACHMENT', parentId: TEAM.wuhanDetachment }, 'BAD_USER_INPUT', 'level'],
      [{ level: 'DETACHMENT', parentId: TEAM.guangdongCorps }, 'BAD_USER_INPUT', 'parentId'],
      // The parent belongs to this organisation or one above it, never to one below it.
      [{ organizationId: ORG.hubei, parentId: TEAM.museumDetachment }, 'BAD_USER_INPUT', 'parentId'],
      [{ parentId: MISSING }, 'NOT_FOUND', 'parentId'],
      [{ parentId: 'parent' }, 'BAD_USER_INPUT', 'parentId'],
      [{ organizationId: MISSING }, 'NOT_FOUND', 'organizationId'],
      [{ level: 'TEAM' }, 'BAD_USER_INPUT', undefined as unknown as string],
      [{ name: '队' }, 'BAD_USER_INPUT', 'name'],
      [{ regionCode: '999999' }, 'BAD_USER_INPUT', 'regionCode'],
      [{ regionCode: '4201' }, 'BAD_USER_INPUT', 'regionCode'],
      [{ name: '洪山区科技志愿服务大队' }, 'CONFLICT', 'name'],
    ];
    for (const [change, code, field] of cases) await expectRefused(CREATE_TEAM, teamInput(change), tokens.admin, code, field);
  });

  it('refuses callers who may not manage the organisation', async () => {
    await expectRefused(CREATE_TEAM, teamInput({ name: '越权大队' }), tokens.museum, 'FORBIDDEN');
    await expectRefused(CREATE_TEAM, teamInput({ name: '越权大队' }), tokens.hunanSupervisor, 'FORBIDDEN');
    await expectRefused(CREATE_TEAM, teamInput({ name: '越权大队' }), tokens.user, 'FORBIDDEN');
    await expectRefused(CREATE_TEAM, teamInput({ name: '越权大队' }), undefined, 'UNAUTHENTICATED');
    // An organizer manages its own organisation only, not those below it.
    await expectRefused(CREATE_TEAM, teamInput({ name: '越权大队' }), tokens.hubei, 'FORBIDDEN');
  });
});

describe('recordService', () => {
  let volunteerId: string;
  let activityId: string;
  beforeAll(async () => {
    volunteerId = await registerVolunteer({ name: '赵服务' });
    activityId = await registerActivity(ORG.wuhan, tokens.wuhan);
  });

  it('records hours with the organiser\'s path, region and campaign, and keeps the activity\'s totals', async () => {
    const result = await hub.query<{ recordService: { hours: number; serviceDate: string; activity: { volunteerCount: number; serviceHours: number } } }>(
      RECORD, { input: recordInput(volunteerId, activityId) }, tokens.wuhan);
    expect(result.errors).toBeUndefined();
    expect(result.data!.recordService).toMatchObject({ hours: 2.5, serviceDate: chinaDate(startsAt), activity: { id: activityId } });
    expect(await totalsOf(activityId)).toEqual({ volunteerCount: 1, serviceHours: 2.5 });
    const [stored] = await hub.subgraphs.volunteering.dataSource.query(
      'SELECT organizer_path, region_code, campaign_year FROM service_records WHERE volunteer_id = $1 AND activity_id = $2', [volunteerId, activityId]);
    expect(stored).toEqual({ organizer_path: [ORG.host, ORG.hubei, ORG.wuhan], region_code: '420111', campaign_year: year });

    // A second volunteer, recorded by the manager of the volunteer's organisation.
    const second = await registerVolunteer({ name: '钱服务' });
    expect((await hub.query(RECORD, { input: recordInput(second, activityId, { hours: 4 }) }, tokens.hubei)).errors).toBeUndefined();
    expect(await totalsOf(activityId)).toEqual({ volunteerCount: 2, serviceHours: 6.5 });
  });

  it('lets the managers of the organiser or of the volunteer record, and no one else', async () => {
    const activity = await registerActivity(ORG.wuhan, tokens.wuhan);
    const volunteer = await registerVolunteer({ name: '孙权限' });
    for (const token of [tokens.museum, tokens.hunanSupervisor, tokens.physics, tokens.user]) {
      await expectRefused(RECORD, recordInput(volunteer, activity), token, 'FORBIDDEN');
    }
    await expectRefused(RECORD, recordInput(volunteer, activity), undefined, 'UNAUTHENTICATED');
    // The museum manages neither a Hubei-association volunteer nor a Wuhan activity; its own volunteer is another matter.
    const museumVolunteer = await registerVolunteer({ name: '馆志愿', organizationId: ORG.hubeiMuseum }, tokens.museum);
    expect((await hub.query(RECORD, { input: recordInput(museumVolunteer, activity) }, tokens.museum)).errors).toBeUndefined();
    expect((await hub.query(RECORD, { input: recordInput(volunteer, activity) }, tokens.hubeiSupervisor)).errors).toBeUndefined();
  });

  it('needs a known volunteer and activity, REGISTERED or COMPLETED', async () => {
    await expectRefused(RECORD, recordInput(MISSING, activityId), tokens.admin, 'NOT_FOUND', 'volunteerId');
    await expectRefused(RECORD, recordInput(volunteerId, MISSING), tokens.admin, 'NOT_FOUND', 'activityId');
    await expectRefused(RECORD, recordInput('someone', activityId), tokens.admin, 'BAD_USER_INPUT', 'volunteerId');
    await expectRefused(RECORD, recordInput(volunteerId, 'something'), tokens.admin, 'BAD_USER_INPUT', 'activityId');

    const withdrawn = await registerActivity(ORG.wuhan, tokens.wuhan);
    const done = await hub.query(`mutation($id: ID!) { withdrawActivity(id: $id, reason: "天气原因") { status } }`, { id: withdrawn }, tokens.wuhan);
    expect(done.errors).toBeUndefined();
    const refused = await expectRefused(RECORD, recordInput(volunteerId, withdrawn), tokens.wuhan, 'CONFLICT', 'activityId');
    expect(refused.errors![0].message).toContain('WITHDRAWN');
    expect(refused.errors![0].extensions!.status).toBe('WITHDRAWN');

    // A draft is hidden from everyone but its managers, the hub's own lookup included: refused either way.
    const draft = await registerActivity(ORG.wuhan, tokens.wuhan, { draft: true });
    const before = await snapshot();
    const result = await hub.query(RECORD, { input: recordInput(volunteerId, draft) }, tokens.wuhan);
    expect(['CONFLICT', 'NOT_FOUND']).toContain(errorOf(result).code);
    expect(await snapshot()).toEqual(before);

    // 2020 is history, but its COMPLETED activities still take their service records.
    const [past] = await hub.subgraphs.activities.dataSource.query(
      `SELECT id, starts_at FROM activities WHERE campaign_year = 2020 AND status = 'COMPLETED' ORDER BY id LIMIT 1`);
    const late = await hub.query(RECORD, { input: recordInput(volunteerId, past.id, { serviceDate: chinaDate(past.starts_at) }) }, tokens.admin);
    expect(late.errors).toBeUndefined();
  });

  it('takes only the activity\'s days (China time), once per volunteer, activity and day', async () => {
    const activity = await registerActivity(ORG.wuhan, tokens.wuhan);
    const volunteer = await registerVolunteer({ name: '周日期' });
    await expectRefused(RECORD, recordInput(volunteer, activity, { serviceDate: addDays(chinaDate(startsAt), -1) }), tokens.wuhan, 'BAD_USER_INPUT', 'serviceDate');
    await expectRefused(RECORD, recordInput(volunteer, activity, { serviceDate: addDays(chinaDate(endsAt), 1) }), tokens.wuhan, 'BAD_USER_INPUT', 'serviceDate');
    await expectRefused(RECORD, recordInput(volunteer, activity, { serviceDate: `${year}-02-30` }), tokens.wuhan, 'BAD_USER_INPUT', 'serviceDate');
    await expectRefused(RECORD, recordInput(volunteer, activity, { serviceDate: 'today' }), tokens.wuhan, 'BAD_USER_INPUT', 'serviceDate');
    await expectRefused(RECORD, recordInput(volunteer, activity, { serviceDate: new Date(startsAt).toISOString() }), tokens.wuhan, 'BAD_USER_INPUT', 'serviceDate');
    expect((await hub.query(RECORD, { input: recordInput(volunteer, activity) }, tokens.wuhan)).errors).toBeUndefined();
    const again = await expectRefused(RECORD, recordInput(volunteer, activity, { hours: 1 }), tokens.wuhan, 'CONFLICT', 'serviceDate');
    expect(again.errors![0].message).toContain(chinaDate(startsAt));
  });

  it('counts hours in half hours, more than 0 and at most 24 a day across activities', async () => {
    const [first, second] = [await registerActivity(ORG.wuhan, tokens.wuhan), await registerActivity(ORG.wuhan, tokens.wuhan)];
    const volunteer = await registerVolunteer({ name: '吴时长' });
    for (const hours of [0, -1, 0.3, 24.5, 25]) {
      await expectRefused(RECORD, recordInput(volunteer, first, { hours }), tokens.wuhan, 'BAD_USER_INPUT', 'hours');
    }
    expect((await hub.query(RECORD, { input: recordInput(volunteer, first, { hours: 20 }) }, tokens.wuhan)).errors).toBeUndefined();
    const over = await expectRefused(RECORD, recordInput(volunteer, second, { hours: 4.5 }), tokens.wuhan, 'BAD_USER_INPUT', 'hours');
    expect(over.errors![0].message).toContain('20');
    expect((await hub.query(RECORD, { input: recordInput(volunteer, second, { hours: 4 }) }, tokens.wuhan)).errors).toBeUndefined();
    await expectRefused(RECORD, recordInput(volunteer, second, { hours: 0.5, serviceDate: chinaDate(startsAt) }), tokens.wuhan, 'CONFLICT', 'serviceDate');
  });

  it('keeps the rules when records for one volunteer arrive at once', async () => {
    const activities = await Promise.all([1, 2, 3].map(() => registerActivity(ORG.wuhan, tokens.wuhan)));
    const volunteer = await registerVolunteer({ name: '冯并发' });
    // Three 10-hour records on one day: the third would pass 24 hours, whichever comes last.
    const results = await Promise.all(activities.map((activity) => hub.query(RECORD, { input: recordInput(volunteer, activity, { hours: 10 }) }, tokens.admin)));
    expect(results.map((result) => errorOf(result).code ?? 'OK').sort()).toEqual(['BAD_USER_INPUT', 'OK', 'OK']);
    // The same record three times at once: one is stored, the others conflict, and the activity counts one volunteer.
    const other = await registerVolunteer({ name: '陈并发' });
    const repeats = await Promise.all([1, 2, 3].map(() => hub.query(RECORD, { input: recordInput(other, activities[0], { hours: 1 }) }, tokens.admin)));
    expect(repeats.map((result) => errorOf(result).code ?? 'OK').sort()).toEqual(['CONFLICT', 'CONFLICT', 'OK']);
    const [{ n }] = await hub.subgraphs.volunteering.dataSource.query(
      'SELECT count(*)::int AS n FROM service_records WHERE volunteer_id = ANY($1::uuid[])', [[volunteer, other]]);
    expect(n).toBe(3);
    const totals = await totalsOf(activities[0]);
    const [{ v }] = await hub.subgraphs.volunteering.dataSource.query(
      'SELECT count(DISTINCT volunteer_id)::int AS v FROM service_records WHERE activity_id = $1', [activities[0]]);
    expect(totals.volunteerCount).toBe(v);
  });

  it('counts a volunteer once per activity across days, and agrees with the raw records', async () => {
    // A seeded 2020 online activity runs through the concentrated period: seven days.
    const [activity] = await hub.subgraphs.activities.dataSource.query(
      `SELECT id, starts_at, ends_at FROM activities WHERE campaign_year = 2020 AND status = 'COMPLETED' AND ends_at - starts_at > interval '3 days' ORDER BY id LIMIT 1`);
    const volunteer = await registerVolunteer({ name: '郑多日' });
    const before = await totalsOf(activity.id);
    for (const day of [0, 1, 2]) {
      const serviceDate = addDays(chinaDate(activity.starts_at), day);
      expect((await hub.query(RECORD, { input: recordInput(volunteer, activity.id, { serviceDate, hours: 3 }) }, tokens.admin)).errors).toBeUndefined();
    }
    expect(await totalsOf(activity.id)).toEqual({ volunteerCount: before.volunteerCount + 1, serviceHours: before.serviceHours + 9 });
    // The kept totals equal an aggregation of every record, for every activity.
    const mismatches = await hub.subgraphs.volunteering.dataSource.query(`
      SELECT coalesce(r.activity_id, t.activity_id) AS activity_id FROM
        (SELECT activity_id, count(DISTINCT volunteer_id)::int AS v, sum(hours) AS h FROM service_records GROUP BY activity_id) r
        FULL JOIN activity_service_totals t ON t.activity_id = r.activity_id
       WHERE r.v IS DISTINCT FROM t.volunteer_count OR r.h IS DISTINCT FROM t.service_hours`);
    expect(mismatches).toEqual([]);
  });
});
