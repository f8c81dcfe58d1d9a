import { Client } from 'pg';
import { HOUR_MS, chinaYear } from '@kepuri/platform';
import { ORG, currentYearWindow, errorOf, setCampaignCalendar } from './support/domain';
import { startHub, type TestHub } from './support/hub';
import { backendBlockedBy } from './support/rollups';

let hub: TestHub;
let tokens: Record<string, string>;
const { year, startsAt, endsAt } = currentYearWindow();

const REGISTER = `mutation($input: RegisterActivityInput!) {
  registerActivity(input: $input) { id title label status category jointAction mode organizer { id name } region { code name } campaign { year } }
}`;
const baseInput = () => ({
  campaign: year,
  title: '武汉节水科普进社区',
  description: '节水知识讲座和节水技能培训',
  regionCode: '420100',
  category: 'JOINT_ACTION',
  jointAction: 'WATER_SAVING',
  contentAreas: ['SCIENTIFIC_SPIRIT'],
  mode: 'HYBRID',
  venueKind: 'COMMUNITY',
  onlineUrl: 'https://live.example.cn/water',
  address: '武汉市洪山区某社区',
  startsAt,
  endsAt,
  expectedParticipants: 300,
});

async function activityCount(): Promise<number> {
  const [row] = await hub.subgraphs.activities.dataSource.query('SELECT count(*)::int AS n, max(updated_at) AS m FROM activities');
  return row.n;
}
async function snapshot(id: string) {
  const [row] = await hub.subgraphs.activities.dataSource.query('SELECT * FROM activities WHERE id = $1', [id]);
  return row;
}
async function register(input: Record<string, unknown>, token: string | undefined = tokens.hubei) {
  return hub.query<{ registerActivity: { id: string; status: string; label: string; organizer: { id: string } } }>(REGISTER, { input }, token);
}
/** A refused registration changes nothing and says why. */
async function expectRefused(input: Record<string, unknown>, code: string, field?: string, token?: string) {
  const before = await activityCount();
  const result = await register(input, token);
  expect({ input: input.title, ...errorOf(result), message: undefined }).toEqual({ input: input.title, code, field, message: undefined });
  expect(await activityCount()).toBe(before);
  return result;
}

beforeAll(async () => {
  hub = await startHub();
  tokens = {
    admin: await hub.token({ role: 'admin' }),
    hubei: await hub.token({ role: 'organizer', org: ORG.hubei, sub: 'hubei-officer' }),
    hubeiSupervisor: await hub.token({ role: 'supervisor', org: ORG.hubei, sub: 'hubei-head' }),
    hunanSupervisor: await hub.token({ role: 'supervisor', org: ORG.hunan }),
    wuhan: await hub.token({ role: 'organizer', org: ORG.wuhan }),
    physics: await hub.token({ role: 'organizer', org: ORG.physics }),
    user1: await hub.token({ role: 'public', sub: 'user-1' }),
    user2: await hub.token({ role: 'public', sub: 'user-2' }),
  };
  // The seeded demo campaign is this year's; open its windows around now for every test here.
  await setCampaignCalendar(hub, year, { registrationOpens: -10, registrationCloses: 10, infoCompletion: 20, summary: 30, recommendation: 40 });
});
afterAll(async () => {
  await hub?.close();
});

describe('registerActivity', () => {
  it('registers inside the window, applies the campaign label and keeps the organiser', async () => {
    const result = await register(baseInput());
    expect(result.errors).toBeUndefined();
    expect(result.data!.registerActivity).toMatchObject({
      title: '武汉节水科普进社区', label: `${year}年全国科普日活动`, status: 'REGISTERED', category: 'JOINT_ACTION', jointAction: 'WATER_SAVING',
      organizer: { id: ORG.hubei, name: '湖北省科学技术协会' }, region: { code: '420100', name: '武汉市' }, campaign: { year },
    });
    const stored = await snapshot(result.data!.registerActivity.id);
    expect(stored.organizer_path).toEqual([ORG.host, ORG.hubei]);
    expect(stored.province_code).toBe('420000');
  });

  it('lets a supervisor register for an organisation below it, and no one else', async () => {
    const below = await register({ ...baseInput(), organizerId: ORG.wuhan }, tokens.hubeiSupervisor);
    expect(below.errors).toBeUndefined();
    expect(below.data!.registerActivity.organizer.id).toBe(ORG.wuhan);
    await expectRefused({ ...baseInput(), organizerId: ORG.wuhan }, 'FORBIDDEN', undefined, tokens.hunanSupervisor);
    await expectRefused({ ...baseInput(), organizerId: ORG.hubei }, 'FORBIDDEN', undefined, tokens.wuhan);
    await expectRefused(baseInput(), 'FORBIDDEN', undefined, tokens.user1);
    await expectRefused(baseInput(), 'UNAUTHENTICATED', undefined, '');
  });

  it('refuses each broken rule of the notice, naming the field, and changes nothing', async () => {
    const cases: Array<[Record<string, unknown>, string, string]> = [
      [{ jointAction: null }, 'BAD_USER_INPUT', 'jointAction'],
      [{ category: 'ONLINE', jointAction: 'WATER_SAVING', onlineKind: 'LIVESTREAM', mode: 'ONLINE', venueKind: 'ONLINE' }, 'BAD_USER_INPUT', 'jointAction'],
      [{ category: 'ONLINE', jointAction: null, mode: 'ONLINE', venueKind: 'ONLINE' }, 'BAD_USER_INPUT', 'onlineKind'],
      [{ onlineUrl: null }, 'BAD_USER_INPUT', 'onlineUrl'],
      [{ mode: 'OFFLINE', onlineUrl: null, address: null }, 'BAD_USER_INPUT', 'address'],
      [{ mode: 'ONLINE', venueKind: 'COMMUNITY' }, 'BAD_USER_INPUT', 'venueKind'],
      [{ onlineUrl: 'ftp://example.cn/x' }, 'BAD_USER_INPUT', 'onlineUrl'],
      [{ endsAt: startsAt, startsAt: endsAt }, 'BAD_USER_INPUT', 'endsAt'],
      [{ startsAt: `${year - 1}-06-01T02:00:00.000Z` }, 'BAD_USER_INPUT', 'startsAt'],
      [{ contentAreas: [] }, 'BAD_USER_INPUT', 'contentAreas'],
      [{ contentAreas: ['SCIENTIFIC_SPIRIT', 'SCIENTIFIC_SPIRIT'] }, 'BAD_USER_INPUT', 'contentAreas'],
      [{ title: '水' }, 'BAD_USER_INPUT', 'title'],
      [{ title: undefined }, 'BAD_USER_INPUT', 'title'],
      [{ expectedParticipants: -1 }, 'BAD_USER_INPUT', 'expectedParticipants'],
      [{ regionCode: '42' }, 'BAD_USER_INPUT', 'regionCode'],
      [{ regionCode: '429999' }, 'BAD_USER_INPUT', 'regionCode'],
      [{ organizerId: '00000000-0000-4000-8000-000000000000' }, 'NOT_FOUND', 'organizerId'],
      [{ campaign: 2199 }, 'NOT_FOUND', 'campaign'],
      [{ category: 'PROVINCIAL_MAIN_VENUE', jointAction: null }, 'CONFLICT', 'category'],
    ];
    for (const [change, code, field] of cases) {
      await expectRefused({ ...baseInput(), ...change, title: 'title' in change ? change.title : `${field} case` }, code, field);
    }
  });

  it('keeps the cloud launch the host\'s, one per campaign', async () => {
    const launch = { ...baseInput(), category: 'CLOUD_LAUNCH', jointAction: null, mode: 'ONLINE', venueKind: 'ONLINE', onlineKind: 'LIVESTREAM', address: null };
    await expectRefused(launch, 'FORBIDDEN', 'category');
    await expectRefused({ ...launch, organizerId: ORG.host }, 'CONFLICT', 'category', tokens.admin); // the seed has this year's launch
  });

  it('refuses registration after the window closes (2020) and before it opens', async () => {
    const late = await expectRefused({ ...baseInput(), campaign: 2020, startsAt: '2020-09-20T02:00:00Z', endsAt: '2020-09-20T06:00:00Z' }, 'DEADLINE_PASSED');
    expect(late.errors![0].extensions).toMatchObject({ deadline: 'registration deadline', date: '2020-09-25T16:00:00.000Z' });
    expect(late.errors![0].message).toContain('2020-09-26 00:00');
  });

  it('saves a draft and registers it later with submitActivity', async () => {
    const draft = await register({ ...baseInput(), draft: true });
    expect(draft.data!.registerActivity.status).toBe('DRAFT');
    const id = draft.data!.registerActivity.id;
    // Drafts are visible to those who may manage them only.
    const DRAFT_QUERY = `query($id: ID!) { activity(id: $id) { id } activities(filter: { status: DRAFT, organizerId: "${ORG.hubei}" }) { totalCount } }`;
    const seen = async (token?: string) => {
      const result = await hub.query<{ activity: { id: string } | null; activities: { totalCount: number } }>(DRAFT_QUERY, { id }, token);
      return [result.data!.activity?.id ?? null, result.data!.activities.totalCount];
    };
    expect(await seen()).toEqual([null, 0]);
    expect(await seen(tokens.physics)).toEqual([null, 0]);
    expect(await seen(tokens.hubei)).toEqual([id, 1]);
    expect(await seen(tokens.admin)).toEqual([id, 1]);
    const refused = await hub.query(`mutation($id: ID!) { submitActivity(id: $id) { status } }`, { id }, tokens.physics);
    expect(errorOf(refused).code).toBe('FORBIDDEN');
    const submitted = await hub.query<{ submitActivity: { status: string; registeredAt: string } }>(
      `mutation($id: ID!) { submitActivity(id: $id) { status registeredAt } }`, { id }, tokens.hubei);
    expect(submitted.data!.submitActivity.status).toBe('REGISTERED');
    const again = await hub.query(`mutation($id: ID!) { submitActivity(id: $id) { status } }`, { id }, tokens.hubei);
    expect(errorOf(again)).toMatchObject({ code: 'CONFLICT', field: 'status' });
  });
});

describe('updateActivity, completeActivityInfo, withdrawActivity', () => {
  const UPDATE = `mutation($id: ID!, $input: UpdateActivityInput!) { updateActivity(id: $id, input: $input) { title mode onlineUrl region { code } } }`;
  const COMPLETE = `mutation($id: ID!, $input: CompleteActivityInfoInput!) {
    completeActivityInfo(id: $id, input: $input) { status actualParticipants onlineViews imageUrls newsLinks infoCompletedAt } }`;
  const WITHDRAW = `mutation($id: ID!, $reason: String) { withdrawActivity(id: $id, reason: $reason) { status withdrawReason } }`;

  it('lets the organiser and a supervisor above it change it, under the same rules, and no one else', async () => {
    const { id } = (await register({ ...baseInput(), organizerId: ORG.wuhan }, tokens.wuhan)).data!.registerActivity;
    const ok = await hub.query<{ updateActivity: { title: string } }>(UPDATE, { id, input: { title: '武汉节水科普（更新）' } }, tokens.wuhan);
    expect(ok.data!.updateActivity.title).toBe('武汉节水科普（更新）');
    const bySupervisor = await hub.query(UPDATE, { id, input: { regionCode: '420111' } }, tokens.hubeiSupervisor);
    expect(bySupervisor.errors).toBeUndefined();
    const before = await snapshot(id);
    for (const token of [tokens.hunanSupervisor, tokens.physics, tokens.user1]) {
      expect(errorOf(await hub.query(UPDATE, { id, input: { title: '越权修改' } }, token)).code).toBe('FORBIDDEN');
    }
    expect(errorOf(await hub.query(UPDATE, { id, input: { mode: 'ONLINE' } }, tokens.wuhan))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'venueKind' });
    expect(errorOf(await hub.query(UPDATE, { id, input: { regionCode: '999999' } }, tokens.wuhan))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'regionCode' });
    expect(await snapshot(id)).toEqual(before);
    expect(errorOf(await hub.query(UPDATE, { id: '00000000-0000-4000-8000-000000000000', input: { title: '不存在' } }, tokens.admin)).code).toBe('NOT_FOUND');
  });

  it('takes results and media once the activity has started, then it is COMPLETED', async () => {
    const future = { ...baseInput(), startsAt: new Date(Date.now() + HOUR_MS).toISOString(), endsAt: new Date(Date.now() + 2 * HOUR_MS).toISOString() };
    // The activity must fall in the campaign's year (China time); near New Year it cannot.
    if (chinaYear(future.endsAt) === year) {
      const { id: upcoming } = (await register(future)).data!.registerActivity;
      expect(errorOf(await hub.query(COMPLETE, { id: upcoming, input: { actualParticipants: 5 } }, tokens.hubei)).code).toBe('CONFLICT');
    }
    const { id } = (await register(baseInput())).data!.registerActivity;
    expect(errorOf(await hub.query(COMPLETE, { id, input: { imageUrls: ['not a url'] } }, tokens.hubei))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'imageUrls' });
    const done = await hub.query<{ completeActivityInfo: Record<string, unknown> }>(COMPLETE, {
      id, input: { actualParticipants: 280, onlineViews: 12000, imageUrls: ['https://img.example.cn/1.jpg'], newsLinks: ['https://news.example.cn/a'] },
    }, tokens.hubei);
    expect(done.errors).toBeUndefined();
    expect(done.data!.completeActivityInfo).toMatchObject({ status: 'COMPLETED', actualParticipants: 280, onlineViews: 12000, newsLinks: ['https://news.example.cn/a'] });
    expect(errorOf(await hub.query(WITHDRAW, { id }, tokens.hubei))).toMatchObject({ code: 'CONFLICT', field: 'status' });
  });

  it('withdraws once; a withdrawn activity takes no changes and no check-ins', async () => {
    const { id } = (await register(baseInput())).data!.registerActivity;
    const withdrawn = await hub.query<{ withdrawActivity: { status: string; withdrawReason: string } }>(WITHDRAW, { id, reason: '天气原因' }, tokens.hubei);
    expect(withdrawn.data!.withdrawActivity).toEqual({ status: 'WITHDRAWN', withdrawReason: '天气原因' });
    expect(errorOf(await hub.query(WITHDRAW, { id }, tokens.hubei)).code).toBe('CONFLICT');
    expect(errorOf(await hub.query(UPDATE, { id, input: { title: '撤销后修改' } }, tokens.hubei)).code).toBe('CONFLICT');
    expect(errorOf(await hub.query(`mutation($id: ID!) { checkIn(activityId: $id) { id } }`, { id }, tokens.user1))).toMatchObject({ code: 'CONFLICT', message: 'checkIn: the activity is WITHDRAWN' });
    const [{ n }] = await hub.subgraphs.activities.dataSource.query('SELECT count(*)::int AS n FROM check_ins WHERE activity_id = $1', [id]);
    expect(n).toBe(0);
  });
});

describe('checkIn', () => {
  const CHECK_IN = `mutation($id: ID!) { checkIn(activityId: $id) { id day activity { id checkInCount } } }`;

  /**
   * Sends check-ins while the batches' commits are held (their queue rows wait on a lock the test
   * takes), so that those sent meanwhile gather: one statement writes each batch once it is let go.
   */
  async function whileBatchesHeld<T>(send: () => Promise<T>): Promise<T> {
    const locker = new Client({ connectionString: (hub.subgraphs.activities.dataSource.options as { url: string }).url });
    await locker.connect();
    try {
      await locker.query('BEGIN');
      await locker.query('LOCK TABLE check_ins_unapplied IN EXCLUSIVE MODE');
      const { rows: [{ pid }] } = await locker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid');
      const sent = send();
      await backendBlockedBy(locker, pid);
      // The rest of what was sent reaches the subgraph and gathers behind the held batches.
      await new Promise((resolve) => setTimeout(resolve, 500));
      await locker.query('ROLLBACK');
      return await sent;
    } finally {
      await locker.end();
    }
  }

  /** What is stored and queued for these activities: a refused check-in changes neither. */
  const written = async (activityIds: string[]) => (await hub.subgraphs.activities.dataSource.query(
    `SELECT (SELECT count(*)::int FROM check_ins WHERE activity_id = ANY($1::uuid[])) AS stored,
            (SELECT count(*)::int FROM check_ins_unapplied WHERE activity_id = ANY($1::uuid[])) AS queued`, [activityIds]))[0];

  it('is once per user, activity and day: a repeat returns the same check-in; the count follows when the batch applies them', async () => {
    const { id } = (await register(baseInput())).data!.registerActivity;
    const rollups = hub.subgraphs.activities.rollups!;
    // Between acknowledgement and application a client sees its check-in, not yet in the count.
    await rollups.stop();
    try {
      const first = await hub.query<{ checkIn: { id: string; day: string; activity: { checkInCount: number } } }>(CHECK_IN, { id }, tokens.user1);
      expect(first.errors).toBeUndefined();
      expect(first.data!.checkIn.activity.checkInCount).toBe(0);
      const repeat = await hub.query<typeof first.data>(CHECK_IN, { id }, tokens.user1);
      expect(repeat.data!.checkIn.id).toBe(first.data!.checkIn.id);
      const other = await hub.query<typeof first.data>(CHECK_IN, { id }, tokens.user2);
      expect(other.data!.checkIn.id).not.toBe(first.data!.checkIn.id);
      const [{ n }] = await hub.subgraphs.activities.dataSource.query('SELECT count(*)::int AS n FROM check_ins WHERE activity_id = $1', [id]);
      expect(n).toBe(2);
    } finally {
      rollups.start();
    }
    await hub.settle();
    const after = await hub.query<{ activity: { checkInCount: number } }>('query($id: ID!) { activity(id: $id) { checkInCount } }', { id });
    expect(after.data!.activity.checkInCount).toBe(2);
    const repeat = await hub.query<{ checkIn: { activity: { checkInCount: number } } }>(CHECK_IN, { id }, tokens.user1);
    expect(repeat.data!.checkIn.activity.checkInCount).toBe(2);
  });

  it('needs a signed-in user, a known activity and one of its days', async () => {
    const { id } = (await register(baseInput())).data!.registerActivity;
    expect(errorOf(await hub.query(CHECK_IN, { id })).code).toBe('UNAUTHENTICATED');
    // Checking in is for the public's own tokens only (docs/ARCHITECTURE.md, "Who may call each mutation").
    expect(errorOf(await hub.query(CHECK_IN, { id }, await hub.token({ role: 'admin' }))).code).toBe('FORBIDDEN');
    expect(errorOf(await hub.query(CHECK_IN, { id: '00000000-0000-4000-8000-000000000000' }, tokens.user1)).code).toBe('NOT_FOUND');
    expect(errorOf(await hub.query(CHECK_IN, { id: 'nope' }, tokens.user1))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'activityId' });
    const [past] = await hub.subgraphs.activities.dataSource.query(
      "SELECT id FROM activities WHERE campaign_year = 2020 AND status IN ('REGISTERED', 'COMPLETED') LIMIT 1");
    // Refused is refused in the database too: no check-in and nothing queued for the rollups.
    const before = await written([id, past.id]);
    const late = errorOf(await hub.query(CHECK_IN, { id: past.id }, tokens.user1));
    expect(late).toMatchObject({ code: 'BAD_USER_INPUT', field: 'activityId' });
    expect(late.message).toMatch(/check-in is open from 2020-\d\d-\d\d to 2020-\d\d-\d\d \(China time\)/);
    expect(await written([id, past.id])).toEqual(before);
    const [{ n }] = await hub.subgraphs.activities.dataSource.query('SELECT count(*)::int AS n FROM check_ins WHERE activity_id = $1', [id]);
    expect(n).toBe(0);
  });

  it('check-ins arriving together are written together, each answered as if it came alone', async () => {
    const db = hub.subgraphs.activities.dataSource;
    const { id } = (await register(baseInput())).data!.registerActivity;
    const { id: withdrawn } = (await register(baseInput())).data!.registerActivity;
    expect((await hub.query(`mutation($id: ID!) { withdrawActivity(id: $id) { status } }`, { id: withdrawn }, tokens.hubei)).errors).toBeUndefined();
    const [past] = await db.query("SELECT id FROM activities WHERE campaign_year = 2020 AND status IN ('REGISTERED', 'COMPLETED') LIMIT 1");
    const missing = '00000000-0000-4000-8000-00000000abcd';
    const before = await written([withdrawn, past.id, missing]);
    const token = (sub: string) => hub.token({ role: 'public', sub });
    const asks = [
      ...await Promise.all(Array.from({ length: 20 }, async (_, n) => ({ activity: id, token: await token(`together-${n}`), expect: 'new' }))),
      ...Array.from({ length: 5 }, () => ({ activity: id, token: tokens.user2, expect: 'same' })),
      ...Array.from({ length: 3 }, (_, n) => ({ activity: withdrawn, token: tokens[n === 0 ? 'user1' : 'user2'], expect: 'CONFLICT' })),
      ...Array.from({ length: 2 }, () => ({ activity: missing, token: tokens.user1, expect: 'NOT_FOUND' })),
      ...Array.from({ length: 2 }, () => ({ activity: past.id, token: tokens.user1, expect: 'BAD_USER_INPUT' })),
    ];
    const answers = await whileBatchesHeld(() => Promise.all(asks.map((ask) => hub.query<{ checkIn: { id: string } }>(CHECK_IN, { id: ask.activity }, ask.token))));
    const same = new Set<string>();
    for (const [n, ask] of asks.entries()) {
      const answer = answers[n];
      if (ask.expect === 'new' || ask.expect === 'same') {
        expect({ n, errors: answer.errors }).toEqual({ n, errors: undefined });
        if (ask.expect === 'same') same.add(answer.data!.checkIn.id);
      } else {
        expect({ n, code: errorOf(answer).code }).toEqual({ n, code: ask.expect });
      }
    }
    expect(errorOf(answers[asks.findIndex((ask) => ask.expect === 'CONFLICT')]).message).toBe('checkIn: the activity is WITHDRAWN');
    // The five check-ins of one user are one check-in.
    expect(same.size).toBe(1);
    // Refused is refused in the database too: nothing stored or queued for the withdrawn activity or the past one.
    expect(await written([withdrawn, past.id, missing])).toEqual(before);
    const [stored] = await db.query('SELECT count(*)::int AS n, count(DISTINCT created_at)::int AS commits FROM check_ins WHERE activity_id = $1', [id]);
    expect(stored.n).toBe(21);
    // Rows of one transaction share its timestamp: fewer commits than check-ins.
    expect(stored.commits).toBeLessThan(21);
    const ids = answers.filter((answer) => answer.data?.checkIn).map((answer) => answer.data!.checkIn.id);
    const [{ matched }] = await db.query('SELECT count(*)::int AS matched FROM check_ins WHERE id = ANY($1::uuid[]) AND activity_id = $2', [[...new Set(ids)], id]);
    expect(matched).toBe(21);
    await hub.settle();
    const after = await hub.query<{ activity: { checkInCount: number } }>('query($id: ID!) { activity(id: $id) { checkInCount } }', { id });
    expect(after.data!.activity.checkInCount).toBe(21);
  });

  it('a check-in PostgreSQL cannot store fails alone, not the others written with it', async () => {
    const db = hub.subgraphs.activities.dataSource;
    const { id } = (await register(baseInput())).data!.registerActivity;
    // A NUL character: a valid JSON string in a valid token, but not a value PostgreSQL's text takes.
    const subs = ['beside-1', 'beside-2', 'nul\u0000user', 'beside-3', 'beside-4'];
    const signed = await Promise.all(subs.map((sub) => hub.token({ role: 'public', sub })));
    const answers = await whileBatchesHeld(() => Promise.all(signed.map((token) => hub.query<{ checkIn: { id: string } }>(CHECK_IN, { id }, token))));
    expect(answers.map((answer) => (answer.errors ? 'refused' : 'stored'))).toEqual(['stored', 'stored', 'refused', 'stored', 'stored']);
    const [{ n }] = await db.query('SELECT count(*)::int AS n FROM check_ins WHERE activity_id = $1', [id]);
    expect(n).toBe(4);
  });
});

describe('a campaign\'s calendar, walked by moving its deadlines', () => {
  const UPDATE = `mutation($id: ID!, $input: UpdateActivityInput!) { updateActivity(id: $id, input: $input) { title } }`;
  const COMPLETE = `mutation($id: ID!) { completeActivityInfo(id: $id, input: { actualParticipants: 10 }) { status } }`;

  it('registration closes, then info completion closes', async () => {
    const { id } = (await register(baseInput())).data!.registerActivity;
    await setCampaignCalendar(hub, year, { registrationOpens: -10, registrationCloses: -1, infoCompletion: 20, summary: 30, recommendation: 40 });
    try {
      expect(errorOf(await register(baseInput())).code).toBe('DEADLINE_PASSED');
      expect(errorOf(await hub.query(UPDATE, { id, input: { title: '截止后修改' } }, tokens.hubei)).code).toBe('DEADLINE_PASSED');
      expect((await hub.query<{ completeActivityInfo: { status: string } }>(COMPLETE, { id }, tokens.hubei)).data!.completeActivityInfo.status).toBe('COMPLETED');
      await setCampaignCalendar(hub, year, { registrationOpens: -10, registrationCloses: -3, infoCompletion: -1, summary: 30, recommendation: 40 });
      const late = await hub.query(COMPLETE, { id }, tokens.hubei);
      expect(errorOf(late).code).toBe('DEADLINE_PASSED');
      expect(late.errors![0].extensions!.deadline).toBe('info-completion deadline');
      await setCampaignCalendar(hub, year, { registrationOpens: 1, registrationCloses: 10, infoCompletion: 20, summary: 30, recommendation: 40 });
      expect(errorOf(await register(baseInput()))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'campaign' });
    } finally {
      await setCampaignCalendar(hub, year, { registrationOpens: -10, registrationCloses: 10, infoCompletion: 20, summary: 30, recommendation: 40 });
    }
  });

  it('only the host publishes a campaign, and its deadlines keep their order', async () => {
    const input = { year: 2150, theme: '未来', concentratedStartsAt: '2150-09-19T00:00:00Z', concentratedEndsAt: '2150-09-26T00:00:00Z',
      registrationOpensAt: '2150-08-01T00:00:00Z', registrationClosesAt: '2150-09-26T00:00:00Z', infoCompletionDeadline: '2150-10-10T00:00:00Z',
      summaryDeadline: '2150-10-17T00:00:00Z', recommendationDeadline: '2150-10-24T00:00:00Z' };
    const SAVE = `mutation($input: SaveCampaignInput!) { saveCampaign(input: $input) { year label } }`;
    expect(errorOf(await hub.query(SAVE, { input }, tokens.hubeiSupervisor)).code).toBe('FORBIDDEN');
    expect(errorOf(await hub.query(SAVE, { input: { ...input, summaryDeadline: '2150-10-01T00:00:00Z' } }, tokens.admin)))
      .toMatchObject({ code: 'BAD_USER_INPUT', field: 'summaryDeadline' });
    expect((await hub.query<{ campaign: null }>('{ campaign(year: 2150) { year } }')).data!.campaign).toBeNull();
    const saved = await hub.query<{ saveCampaign: { label: string } }>(SAVE, { input }, tokens.admin);
    expect(saved.data!.saveCampaign.label).toBe('2150年全国科普日活动');
  });
});
