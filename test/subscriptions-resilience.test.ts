import { SignJWT } from 'jose';
import { IDENTITY_HEADER, signIdentity } from '@kepuri/platform';
import { ORG, currentYearWindow, setCampaignCalendar } from './support/domain';
import { TEST_INTERNAL_SECRET, TEST_JWT_SECRET, postGraphQL, startHub, type TestHub } from './support/hub';
import WebSocket from 'ws';
import { connect, settle, wsUrl, type TestWsClient } from './support/ws';

/**
 * Subscriptions when processes come and go: a subgraph restart under live subscribers, several
 * instances of a subgraph and of the gateway (each event once to each subscriber), and a token
 * that expires while its socket is open.
 */
let hub: TestHub;
let organizer: string;
const { year, startsAt, endsAt } = currentYearWindow();
const clients: TestWsClient[] = [];
let users = 0;

const SELECTION = `subscription($id: ID) {
  checkInRecorded(activityId: $id) { checkInCount activity { title organizer { name } averageRating volunteerCount } }
}`;

function client(url = hub.url, token?: string): TestWsClient {
  const opened = connect(url, token);
  clients.push(opened);
  return opened;
}

async function registerActivity(): Promise<string> {
  const result = await hub.query<{ registerActivity: { id: string } }>(
    `mutation($input: RegisterActivityInput!) { registerActivity(input: $input) { id } }`,
    {
      input: {
        campaign: year, title: '重启测试活动', regionCode: '420100', category: 'JOINT_ACTION', jointAction: 'WATER_SAVING',
        contentAreas: ['SCIENTIFIC_SPIRIT'], mode: 'OFFLINE', venueKind: 'COMMUNITY', address: '武汉市洪山区某社区', startsAt, endsAt,
        expectedParticipants: 300,
      },
    },
    organizer,
  );
  expect(result.errors).toBeUndefined();
  return result.data!.registerActivity.id;
}

async function checkIn(activityId: string): Promise<void> {
  users += 1;
  const result = await hub.query(`mutation($id: ID!) { checkIn(activityId: $id) { id } }`, { id: activityId },
    await hub.token({ role: 'public', sub: `resilience-user-${users}` }));
  expect(result.errors).toBeUndefined();
}

beforeAll(async () => {
  hub = await startHub({ gateway: { subscriptions: { maxRetryWaitMs: 300, keepAliveMs: 1_000 } } });
  organizer = await hub.token({ role: 'organizer', org: ORG.hubei, sub: 'hubei-officer' });
  await setCampaignCalendar(hub, year, { registrationOpens: -10, registrationCloses: 10, infoCompletion: 20, summary: 30, recommendation: 40 });
});
afterAll(async () => {
  await Promise.all(clients.map((opened) => opened.dispose().catch(() => undefined)));
  await hub?.close();
});

it('keeps subscriptions across a subgraph restart: a gap, no error, and later events delivered', async () => {
  const activityId = await registerActivity();
  const subscription = client().subscribe(SELECTION, { id: activityId });
  await settle(300);
  await checkIn(activityId);
  expect((await subscription.next()).data).toMatchObject({ checkInRecorded: { checkInCount: 1, activity: { title: '重启测试活动' } } });

  const { upstream } = hub.gateway.subscriptions;
  const connects = upstream.state().find((state) => state.subgraph === 'activities')!.connects;
  await hub.restartSubgraph('activities');
  const deadline = Date.now() + 10_000;
  while (upstream.state().find((state) => state.subgraph === 'activities')!.connects === connects && Date.now() < deadline) await settle(50);
  expect(upstream.state().find((state) => state.subgraph === 'activities')).toMatchObject({ connected: true, connects: connects + 1 });

  // The upstream subscription is sent again right after the reconnect; a check-in in the moment
  // before the subgraph has it would fall in the gap, so check in until one arrives.
  let event: Awaited<ReturnType<typeof subscription.next>> | null = null;
  for (let attempt = 0; attempt < 10 && !event; attempt += 1) {
    await checkIn(activityId);
    event = await subscription.next(500).catch(() => null);
  }
  expect(event?.data).toMatchObject({ checkInRecorded: { activity: { title: '重启测试活动', organizer: { name: '湖北省科学技术协会' } } } });
  expect(subscription.error).toBeUndefined();
  expect(subscription.completed).toBe(false);
});

it('delivers each event once to each subscriber with two instances of a subgraph and two gateways', async () => {
  const activityId = await registerActivity();
  const second = await hub.addSubgraphInstance('activities');
  const other = await hub.addGateway();
  const here = client().subscribe(SELECTION, { id: activityId });
  const there = client(other.url).subscribe(SELECTION, { id: activityId });
  await settle(400);

  // The write goes to the second instance (as a load balancer might send it); the gateways'
  // upstream subscriptions are on the first. PostgreSQL tells every listening instance.
  const written = await postGraphQL<{ checkIn: { id: string } }>(second.url, { query: `mutation($id: ID!) { checkIn(activityId: $id) { id } }`, variables: { id: activityId } },
    { [IDENTITY_HEADER]: await signIdentity({ role: 'public', sub: 'instance-user' }, TEST_INTERNAL_SECRET) });
  expect(written.errors).toBeUndefined();
  await checkIn(activityId);
  for (const subscription of [here, there]) {
    expect((await subscription.next()).data).toMatchObject({ checkInRecorded: { checkInCount: 1 } });
    expect((await subscription.next()).data).toMatchObject({ checkInRecorded: { checkInCount: 2 } });
  }
  await settle(400);
  expect(here.results).toHaveLength(2);
  expect(there.results).toHaveLength(2);
});

it('closes a socket with 4401 at the first event after its token expired', async () => {
  const activityId = await registerActivity();
  const expiresAt = Math.floor(Date.now() / 1000) + 2;
  const token = await new SignJWT({ role: 'public', sub: 'short-lived' }).setProtectedHeader({ alg: 'HS256' }).setIssuer('kepuri-hub')
    .setIssuedAt().setExpirationTime(expiresAt).sign(new TextEncoder().encode(TEST_JWT_SECRET));
  const socket = client(hub.url, token);
  const subscription = socket.subscribe(SELECTION, { id: activityId });
  await settle(300);
  await checkIn(activityId);
  expect((await subscription.next()).data).toMatchObject({ checkInRecorded: { checkInCount: 1 } });
  await settle(expiresAt * 1000 - Date.now() + 100);
  await checkIn(activityId);
  expect((await socket.closed).code).toBe(4401);
  expect(subscription.results).toHaveLength(1);
});

it('pings every socket and drops one that stops answering (keep-alive)', async () => {
  const open = (autoPong: boolean) => new Promise<{ socket: WebSocket; pings: number[]; closed: Promise<number> }>((resolve, reject) => {
    const socket = new WebSocket(wsUrl(hub.url), 'graphql-transport-ws', { autoPong });
    const pings: number[] = [];
    const closed = new Promise<number>((done) => socket.on('close', (code) => done(code)));
    socket.on('ping', () => pings.push(Date.now()));
    socket.on('error', reject);
    socket.on('open', () => socket.send(JSON.stringify({ type: 'connection_init' })));
    socket.on('message', (data) => {
      if (JSON.parse(String(data)).type === 'connection_ack') resolve({ socket, pings, closed });
    });
  });
  const [alive, dead] = await Promise.all([open(true), open(false)]);
  // The silent one is cut after one unanswered ping (1 s + 1 s); the answering one stays.
  expect(await dead.closed).toBe(1006);
  expect(dead.pings.length).toBeGreaterThanOrEqual(1);
  await settle(1_200);
  expect(alive.pings.length).toBeGreaterThanOrEqual(2);
  expect(alive.socket.readyState).toBe(WebSocket.OPEN);
  alive.socket.close();
});

it('answers a subscription the owning subgraph refuses with its error, and a subgraph socket without the gateway\'s signature with 4401', async () => {
  const refused = client().subscribe('subscription { activityRegistered(regionCode: "12") { id } }');
  await refused.ended();
  expect(refused.results[0]?.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
  expect(refused.completed).toBe(true);

  const direct = connect(hub.subgraphs.activities.url);
  clients.push(direct);
  direct.subscribe('subscription { checkInRecorded { checkInCount } }');
  expect((await direct.closed).code).toBe(4401);
});
