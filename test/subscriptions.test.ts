import { SignJWT } from 'jose';
import { regionScope } from '@kepuri/domain';
import { ORG, currentYearWindow, setCampaignCalendar } from './support/domain';
import { TEST_JWT_SECRET, postGraphQL, startHub, type TestHub } from './support/hub';
import { connect, settle, type TestWsClient } from './support/ws';

/**
 * Subscriptions through the gateway with the real graphql-ws client: events after commit, fields
 * from several subgraphs, shared resolution, per-event authorization, auth, validation and limits.
 */
let hub: TestHub;
let tokens: Record<string, string>;
const { year, startsAt, endsAt } = currentYearWindow();
const clients: TestWsClient[] = [];
let users = 0;

function client(token?: string): TestWsClient {
  const opened = connect(hub.url, token);
  clients.push(opened);
  return opened;
}

async function registerActivity(change: Record<string, unknown> = {}, token = tokens.hubei): Promise<string> {
  const result = await hub.query<{ registerActivity: { id: string } }>(
    `mutation($input: RegisterActivityInput!) { registerActivity(input: $input) { id } }`,
    {
      input: {
        campaign: year, title: '武汉节水科普进社区', regionCode: '420100', category: 'JOINT_ACTION', jointAction: 'WATER_SAVING',
        contentAreas: ['SCIENTIFIC_SPIRIT'], mode: 'OFFLINE', venueKind: 'COMMUNITY', address: '武汉市洪山区某社区', startsAt, endsAt,
        expectedParticipants: 300, ...change,
      },
    },
    token,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.registerActivity.id;
}

/** A check-in by a new user (one check-in per user and day). */
async function checkIn(activityId: string): Promise<void> {
  users += 1;
  const result = await hub.query(`mutation($id: ID!) { checkIn(activityId: $id) { id } }`, { id: activityId }, await hub.token({ role: 'public', sub: `sub-user-${users}` }));
  expect(result.errors).toBeUndefined();
}

async function metric(name: string): Promise<number> {
  const values = (await hub.gateway.metrics.getSingleMetric(name)!.get()).values;
  return values.reduce((sum, value) => sum + value.value, 0);
}

beforeAll(async () => {
  hub = await startHub({ gateway: { subscriptions: { maxPerSocket: 5 }, limits: { maxDepth: 6, maxCost: 500 } } });
  tokens = {
    admin: await hub.token({ role: 'admin' }),
    hubei: await hub.token({ role: 'organizer', org: ORG.hubei, sub: 'hubei-officer' }),
    hunan: await hub.token({ role: 'organizer', org: ORG.hunan, sub: 'hunan-officer' }),
    rater: await hub.token({ role: 'public', sub: 'rater-1' }),
  };
  await setCampaignCalendar(hub, year, { registrationOpens: -10, registrationCloses: 10, infoCompletion: 20, summary: 30, recommendation: 40 });
});
afterAll(async () => {
  await Promise.all(clients.map((opened) => opened.dispose().catch(() => undefined)));
  await hub?.close();
});

describe('checkInRecorded through the gateway', () => {
  const SELECTION = `subscription($id: ID) {
    checkInRecorded(activityId: $id) { checkInCount day activity { id title organizer { name } averageRating volunteerCount } }
  }`;

  it('delivers a committed check-in with fields from activities, organizations, evaluations and volunteering', async () => {
    const activityId = await registerActivity();
    const rated = await hub.query(`mutation($id: ID!) { postFeedback(activityId: $id, rating: 4) { id } }`, { id: activityId }, tokens.rater);
    expect(rated.errors).toBeUndefined();
    const socket = client();
    const subscription = socket.subscribe(SELECTION, { id: activityId });
    await settle(300); // the upstream subscription is opened on the first subscriber
    await checkIn(activityId);
    const event = await subscription.next();
    expect(event.errors).toBeUndefined();
    expect(event.data).toEqual({
      checkInRecorded: {
        checkInCount: 1,
        day: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/),
        activity: { id: activityId, title: '武汉节水科普进社区', organizer: { name: '湖北省科学技术协会' }, averageRating: 4, volunteerCount: 0 },
      },
    });
    await checkIn(activityId);
    expect((await subscription.next()).data).toMatchObject({ checkInRecorded: { checkInCount: 2 } });
    subscription.unsubscribe();
  });

  it('shares one upstream subscription per topic and one resolution per event among subscribers with the same selection', async () => {
    const activityId = await registerActivity();
    const before = hub.gateway.subscriptions.broker.stats();
    const sockets = [client(), client(), client()];
    const same = sockets.map((socket) => socket.subscribe(SELECTION, { id: activityId }));
    const other = sockets[0].subscribe(`subscription($id: ID) { checkInRecorded(activityId: $id) { checkInCount } }`, { id: activityId });
    const third = sockets[1].subscribe(`subscription($id: ID) { checkInRecorded(activityId: $id) { activity { title region { name } } } }`, { id: activityId });
    await settle(300);
    const after = hub.gateway.subscriptions.broker.stats();
    expect(after.topics - before.topics).toBe(1);
    expect(after.upstreams - before.upstreams).toBe(1);
    expect(after.groups - before.groups).toBe(3);
    expect(after.subscribers - before.subscribers).toBe(5);

    const resolutions = await metric('hub_subscription_resolutions_total');
    const operations = await metric('hub_graphql_requests_total');
    await checkIn(activityId);
    const results = await Promise.all(same.map((subscription) => subscription.next()));
    expect(new Set(results.map((result) => JSON.stringify(result))).size).toBe(1);
    expect(results[0].data).toMatchObject({ checkInRecorded: { checkInCount: 1, activity: { id: activityId } } });
    expect((await other.next()).data).toEqual({ checkInRecorded: { checkInCount: 1 } });
    expect((await third.next()).data).toEqual({ checkInRecorded: { activity: { title: '武汉节水科普进社区', region: { name: '武汉市' } } } });
    expect(await metric('hub_subscription_resolutions_total') - resolutions).toBe(3); // three distinct selections, one event
    // The check-in itself, and one query through the gateway for both groups that look the activity up.
    expect(await metric('hub_graphql_requests_total') - operations).toBe(2);

    for (const subscription of [...same, other, third]) subscription.unsubscribe();
    await settle(200);
    expect(hub.gateway.subscriptions.broker.stats()).toEqual(before);
  });

  it('keeps the client\'s aliases, variables and fragments below the entity', async () => {
    const activityId = await registerActivity({ title: '变量测试活动' });
    const subscription = client().subscribe(`
      subscription Watch($id: ID, $year: Int, $withRegion: Boolean!) {
        event: checkInRecorded(activityId: $id) {
          count: checkInCount
          activity { name: title ...Where organizer { ours: activityStats(campaign: $year) { activityCount } all: activityStats { activityCount } } }
        }
      }
      fragment Where on Activity { region @include(if: $withRegion) { name } campaign { year } }`, { id: activityId, year, withRegion: true });
    await settle(300);
    await checkIn(activityId);
    const event = await subscription.next();
    expect(event.errors).toBeUndefined();
    const data = event.data as { event: { count: number; activity: { name: string; region: { name: string }; campaign: { year: number };
      organizer: { ours: { activityCount: number }; all: { activityCount: number } } } } };
    expect(data.event).toMatchObject({ count: 1, activity: { name: '变量测试活动', region: { name: '武汉市' }, campaign: { year } } });
    expect(data.event.activity.organizer.ours.activityCount).toBeGreaterThan(0);
    expect(data.event.activity.organizer.all.activityCount).toBeGreaterThanOrEqual(data.event.activity.organizer.ours.activityCount);
    subscription.unsubscribe();
  });

  it('emits nothing for a write that rolls back, even after its NOTIFY ran', async () => {
    const activityId = await registerActivity();
    // A deferred constraint fails one user's check-in at COMMIT, after the service has inserted it
    // and queued it for the rollup applier: the whole transaction rolls back, the queue row with it.
    await hub.subgraphs.activities.dataSource.query(`
      CREATE OR REPLACE FUNCTION test_refuse_check_in() RETURNS trigger AS $$
      BEGIN
        IF NEW.user_sub = 'rolled-back' THEN RAISE EXCEPTION 'refused at commit'; END IF;
        RETURN NEW;
      END $$ LANGUAGE plpgsql;
      CREATE CONSTRAINT TRIGGER test_refuse_check_in AFTER INSERT ON check_ins DEFERRABLE INITIALLY DEFERRED
        FOR EACH ROW EXECUTE FUNCTION test_refuse_check_in();`);
    const subscription = client().subscribe(SELECTION, { id: activityId });
    await settle(300);
    const refused = await hub.query(`mutation($id: ID!) { checkIn(activityId: $id) { id } }`, { id: activityId },
      await hub.token({ role: 'public', sub: 'rolled-back' }));
    expect(refused.errors).toHaveLength(1);
    const [{ n }] = await hub.subgraphs.activities.dataSource.query('SELECT count(*)::int AS n FROM check_ins WHERE activity_id = $1', [activityId]);
    expect(n).toBe(0);
    await checkIn(activityId);
    // The first event is the committed check-in, counted once.
    expect((await subscription.next()).data).toMatchObject({ checkInRecorded: { checkInCount: 1 } });
    await settle(300);
    expect(subscription.results).toHaveLength(1);
    await hub.subgraphs.activities.dataSource.query('DROP TRIGGER test_refuse_check_in ON check_ins');
  });
});

describe('activityRegistered and per-event authorization', () => {
  const SELECTION = `subscription { activityRegistered(regionCode: "420000") { title status region { code } organizer { name } } }`;

  it('shows a draft only to who may manage it, and filters by region', async () => {
    const anonymous = client().subscribe(SELECTION);
    const organizer = client(tokens.hubei).subscribe(SELECTION);
    await settle(300);
    await registerActivity({ title: '湖北草稿活动', draft: true });
    await registerActivity({ title: '湖南科普活动', regionCode: '430100', address: '长沙市某社区' }, tokens.hunan);
    await registerActivity({ title: '湖北正式活动' });
    expect((await organizer.next()).data).toEqual({
      activityRegistered: { title: '湖北草稿活动', status: 'DRAFT', region: { code: '420100' }, organizer: { name: '湖北省科学技术协会' } },
    });
    expect((await organizer.next()).data).toMatchObject({ activityRegistered: { title: '湖北正式活动', status: 'REGISTERED' } });
    // The public never sees the draft: its first event is the registered one.
    expect((await anonymous.next()).data).toMatchObject({ activityRegistered: { title: '湖北正式活动', status: 'REGISTERED' } });
    await settle(200);
    expect(anonymous.results).toHaveLength(1);
    expect(organizer.results).toHaveLength(2);
  });
});

describe('statsChanged', () => {
  it('merges the three stats subgraphs and sends at most one event per region per second, with the latest figures', async () => {
    const activityId = await registerActivity();
    const subscription = client().subscribe(`subscription($year: Int!) {
      statsChanged(campaign: $year, regionCode: "420100") {
        code name activityStats(campaign: $year) { checkInCount } evaluationStats(campaign: $year) { feedbackCount }
      }
    }`, { year });
    await settle(300);
    // Four check-ins at once: one leading event, and the rest collapsed into the trailing one.
    await Promise.all(Array.from({ length: 4 }, () => checkIn(activityId)));
    await hub.settle();
    const [{ n }] = await hub.subgraphs.activities.dataSource.query(
      `SELECT check_ins::int AS n FROM activity_stats WHERE scope = $1 AND campaign_year = $2 AND dimension = 'all'`, [regionScope('420100'), year]);
    const checkIns = (result: { data?: unknown }) => (result.data as { statsChanged: { activityStats: { checkInCount: number } } }).statsChanged.activityStats.checkInCount;
    const arrivals: number[] = [];
    let last: Awaited<ReturnType<typeof subscription.next>>;
    do {
      last = await subscription.next(3_000);
      arrivals.push(Date.now());
      expect(last.data).toMatchObject({ statsChanged: { code: '420100', name: '武汉市' } });
      expect(checkIns(last)).toBeLessThanOrEqual(n);
    } while (checkIns(last) < n); // the trailing event shows every check-in of the window
    await settle(1_300);
    expect(subscription.results).toHaveLength(arrivals.length);
    // Four writes, yet never two events of the region within a second. Measured at the client, each
    // gap is the gateway's 1 s minus the difference of the two events' resolution times, which on a
    // loaded 2-core machine can reach a few hundred ms; unthrottled events would arrive milliseconds apart.
    expect(arrivals.length).toBeGreaterThanOrEqual(1);
    expect(arrivals.length).toBeLessThanOrEqual(3);
    for (let i = 1; i < arrivals.length; i += 1) expect(arrivals[i] - arrivals[i - 1]).toBeGreaterThanOrEqual(500);
    const second = last;

    // A write of another subgraph (evaluations) reaches the same subscription.
    await settle(1_000);
    const feedbackBefore = (second.data as { statsChanged: { evaluationStats: { feedbackCount: number } } }).statsChanged.evaluationStats.feedbackCount;
    const rated = await hub.query(`mutation($id: ID!) { postFeedback(activityId: $id, rating: 5) { id } }`, { id: activityId },
      await hub.token({ role: 'public', sub: 'stats-rater' }));
    expect(rated.errors).toBeUndefined();
    expect((await subscription.next(3_000)).data).toMatchObject({ statsChanged: { code: '420100', evaluationStats: { feedbackCount: feedbackBefore + 1 } } });
  });
});

describe('feedbackPosted', () => {
  it('delivers feedback with its activity resolved from the activities subgraph', async () => {
    const activityId = await registerActivity({ title: '反馈测试活动' });
    const subscription = client().subscribe(`subscription($id: ID) { feedbackPosted(activityId: $id) { rating comment activity { title checkInCount } } }`,
      { id: activityId });
    await settle(300);
    const posted = await hub.query(`mutation($id: ID!) { postFeedback(activityId: $id, rating: 3, comment: "还不错") { id } }`, { id: activityId },
      await hub.token({ role: 'public', sub: 'feedback-user' }));
    expect(posted.errors).toBeUndefined();
    expect((await subscription.next()).data).toEqual({
      feedbackPosted: { rating: 3, comment: '还不错', activity: { title: '反馈测试活动', checkInCount: 0 } },
    });
  });
});

describe('auth, validation and limits on the socket', () => {
  it('closes with 4401 on a forged or expired token in connection_init', async () => {
    const forged = client('not-a-token');
    forged.subscribe('subscription { checkInRecorded { checkInCount } }');
    expect((await forged.closed).code).toBe(4401);
    const past = Math.floor(Date.now() / 1000) - 3_600;
    const expired = client(await new SignJWT({ role: 'public', sub: 'late' }).setProtectedHeader({ alg: 'HS256' }).setIssuer('kepuri-hub')
      .setIssuedAt(past).setExpirationTime(past + 60).sign(new TextEncoder().encode(TEST_JWT_SECRET)));
    expired.subscribe('subscription { checkInRecorded { checkInCount } }');
    expect((await expired.closed).code).toBe(4401);
  });

  it('answers invalid operations and operations over the limits with the HTTP error codes', async () => {
    const socket = client();
    const unknown = socket.subscribe('subscription { checkInRecorded { nope } }');
    await unknown.ended();
    expect((unknown.error as Array<{ extensions: { code: string } }>)[0].extensions.code).toBe('GRAPHQL_VALIDATION_FAILED');
    const deep = 'subscription { feedbackPosted { activity { organizer { region { parent { parent { code } } } } } } }';
    const tooDeep = socket.subscribe(deep);
    await tooDeep.ended();
    expect((tooDeep.error as Array<{ extensions: { code: string } }>)[0].extensions.code).toBe('QUERY_TOO_COMPLEX');
    const http = await hub.query('{ activity(id: "x") { organizer { region { parent { parent { parent { code } } } } } } }');
    expect(http.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(http.status).toBe(400);
    const costly = await postGraphQL(hub.url, { query: '{ activities(first: 200) { edges { node { id title } } } }' });
    expect(costly.errors?.[0].extensions?.code).toBe('QUERY_TOO_COMPLEX');
  });

  it('runs queries over the socket like HTTP', async () => {
    const socket = client();
    const result = socket.subscribe<{ campaign: { year: number } }>('query($year: Int!) { campaign(year: $year) { year } }', { year });
    expect((await result.next()).data).toEqual({ campaign: { year } });
    await result.ended();
    expect(result.completed).toBe(true);
  });

  it('closes a socket that opens more subscriptions than allowed with 4429', async () => {
    const socket = client();
    const subscriptions = Array.from({ length: 6 }, () => socket.subscribe('subscription { checkInRecorded { checkInCount } }'));
    expect((await socket.closed).code).toBe(4429);
    await subscriptions[0].ended();
  });
});
