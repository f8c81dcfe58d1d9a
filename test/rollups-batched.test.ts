import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { Client } from 'pg';
import { IDENTITY_HEADER, chinaDate, signIdentity, type Identity, type SubgraphApp } from '@kepuri/platform';
import { recountActivityStats } from '../subgraphs/activities/src/stats/activity-stats.recount';
import { ORG, currentYearWindow, setCampaignCalendar } from './support/domain';
import { TEST_INTERNAL_SECRET, postGraphQL, startHub, type TestHub } from './support/hub';
import { backendBlockedBy, compareWithRecount } from './support/rollups';

/**
 * Rollups applied in batches: the public writes never wait on a row they share; two replicas of
 * the activities subgraph check in and apply together, every check-in counted once; an applier
 * killed in the middle of a batch (its connection terminated, or its process killed) loses nothing
 * and counts nothing twice.
 */
let hub: TestHub;
/** The second instance of activities, once the scale-out test has started it. */
let replica: (SubgraphApp<unknown> & { url: string }) | undefined;
let admin: string;
let users = 0;
const { year, startsAt, endsAt } = currentYearWindow();
const APPLIER = 'kepuri-activities-rollups';
const CHECK_IN = 'mutation($id: ID!) { checkIn(activityId: $id) { id } }';

beforeAll(async () => {
  hub = await startHub({ rollups: { intervalMs: 20 } });
  admin = await hub.token({ role: 'admin', sub: 'host' });
  await setCampaignCalendar(hub, year, { registrationOpens: -10, registrationCloses: 10, infoCompletion: 20, summary: 30, recommendation: 40 });
});
afterAll(async () => {
  await hub?.close();
});

const urlOf = (app: SubgraphApp<unknown>) => (app.dataSource.options as { url: string }).url;

async function connectTo(app: SubgraphApp<unknown>): Promise<Client> {
  const client = new Client({ connectionString: urlOf(app) });
  await client.connect();
  return client;
}

async function registerActivity(title: string): Promise<string> {
  const result = await hub.query<{ registerActivity: { id: string } }>(
    `mutation($input: RegisterActivityInput!) { registerActivity(input: $input) { id } }`,
    { input: {
      campaign: year, organizerId: ORG.wuhan, title, regionCode: '420111', category: 'JOINT_ACTION', jointAction: 'VENUE',
      contentAreas: ['SCIENTIFIC_SPIRIT'], mode: 'OFFLINE', venueKind: 'SCIENCE_MUSEUM', address: '武汉市洪山区', startsAt, endsAt, expectedParticipants: 500,
    } }, admin);
  expect(result.errors).toBeUndefined();
  return result.data!.registerActivity.id;
}

/** A check-in by a new public user, through the gateway or straight to one instance of the activities subgraph (as the gateway calls it). */
async function checkIn(activityId: string, instance?: SubgraphApp<unknown> & { url: string }): Promise<string> {
  users += 1;
  const identity: Identity = { role: 'public', sub: `batched-user-${users}` };
  const result = instance
    ? await postGraphQL<{ checkIn: { id: string } }>(instance.url, { query: CHECK_IN, variables: { id: activityId } },
      { [IDENTITY_HEADER]: await signIdentity(identity, TEST_INTERNAL_SECRET) })
    : await hub.query<{ checkIn: { id: string } }>(CHECK_IN, { id: activityId }, await hub.token(identity));
  expect(result.errors).toBeUndefined();
  return result.data!.checkIn.id;
}

/** Every maintained figure of activities against a recount of the raw rows (after the appliers drained). */
async function expectRollupsExact(): Promise<void> {
  await hub.settle();
  const db = hub.subgraphs.activities.dataSource;
  const [{ queued }] = await db.query('SELECT count(*)::int AS queued FROM check_ins_unapplied');
  expect(queued).toBe(0);
  expect(await compareWithRecount(db, [
    { live: 'activity_stats', scratch: 'recount_stats', numbers: ['activities', 'expected_participants', 'actual_participants', 'participants', 'check_ins', 'online_views'] },
    { live: 'activity_daily', scratch: 'recount_daily', numbers: ['running', 'check_ins'] },
    { live: 'activity_check_in_counts', scratch: 'recount_counts', numbers: [] },
  ], (manager) => recountActivityStats(manager, { stats: 'recount_stats', daily: 'recount_daily', counts: 'recount_counts' }))).toEqual({
    activity_stats: { missing: [], extra: [] }, activity_daily: { missing: [], extra: [] }, activity_check_in_counts: { missing: [], extra: [] },
  });
}

/** The checkInCount a client reads. */
async function checkInCount(activityId: string): Promise<number> {
  const result = await hub.query<{ activity: { checkInCount: number } }>('query($id: ID!) { activity(id: $id) { checkInCount } }', { id: activityId });
  return result.data!.activity.checkInCount;
}

/** Resolves with the promise's value, or fails when it takes longer than `ms` (a write that waits on a lock). */
function within<T>(ms: number, promise: Promise<T>): Promise<T> {
  return Promise.race([promise, new Promise<T>((_, reject) => setTimeout(() => reject(new Error(`still waiting after ${ms} ms`)), ms))]);
}

describe('the public writes wait on no shared row', () => {
  it('check in, rate and record service while the activity row, the volunteer row and every rollup table are locked', async () => {
    const activityId = await registerActivity('锁表期间的打卡');
    const [volunteer] = await hub.subgraphs.volunteering.dataSource.query('SELECT id FROM volunteers ORDER BY id LIMIT 1');
    await hub.settle();
    const lockers = await Promise.all([hub.subgraphs.activities, hub.subgraphs.evaluations, hub.subgraphs.volunteering].map(connectTo));
    const [activities, evaluations, volunteering] = lockers;
    try {
      for (const locker of lockers) await locker.query('BEGIN');
      // What the write paths once updated or locked: the activity (FOR UPDATE, which the check-ins'
      // foreign key's KEY SHARE waited on too), the volunteer (FOR NO KEY UPDATE, as recordService
      // took it), the per-activity totals and every rollup.
      await activities.query('SELECT 1 FROM activities WHERE id = $1 FOR UPDATE', [activityId]);
      await activities.query('LOCK TABLE activity_stats, activity_daily, activity_check_in_counts IN EXCLUSIVE MODE');
      await evaluations.query('LOCK TABLE activity_ratings, evaluation_stats, evaluation_daily IN EXCLUSIVE MODE');
      await volunteering.query('SELECT 1 FROM volunteers WHERE id = $1 FOR NO KEY UPDATE', [volunteer.id]);
      await volunteering.query('LOCK TABLE activity_service_totals, volunteer_stats, volunteer_active, volunteer_daily IN EXCLUSIVE MODE');

      const citizen = await hub.token({ role: 'public', sub: 'locked-tables-citizen' });
      const checkedIn = await within(5_000, hub.query(CHECK_IN, { id: activityId }, citizen));
      expect(checkedIn.errors).toBeUndefined();
      const rated = await within(5_000, hub.query('mutation($id: ID!) { postFeedback(activityId: $id, rating: 5) { id } }', { id: activityId }, citizen));
      expect(rated.errors).toBeUndefined();
      const served = await within(5_000, hub.query(`mutation($input: RecordServiceInput!) { recordService(input: $input) { id } }`, {
        input: { volunteerId: volunteer.id, activityId, serviceDate: chinaDate(Date.now()), hours: 2, serviceType: 'PUBLICITY' },
      }, admin));
      expect(served.errors).toBeUndefined();
      // Stored and queued, not yet counted: the appliers wait for the locks.
      expect(await checkInCount(activityId)).toBe(0);
    } finally {
      for (const locker of lockers) await locker.end();
    }
    await hub.settle();
    const figures = await hub.query<{ activity: { checkInCount: number; feedbackCount: number; averageRating: number; volunteerCount: number; serviceHours: number } }>(
      'query($id: ID!) { activity(id: $id) { checkInCount feedbackCount averageRating volunteerCount serviceHours } }', { id: activityId });
    expect(figures.data!.activity).toEqual({ checkInCount: 1, feedbackCount: 1, averageRating: 5, volunteerCount: 1, serviceHours: 2 });
  });
});

describe('two replicas of the activities subgraph on one database', () => {
  it('check in through both at once; every check-in is counted once, the figures equal a recount', async () => {
    replica = await hub.addSubgraphInstance('activities');
    const second = replica;
    const first = hub.subgraphs.activities;
    const activities = await Promise.all([1, 2, 3, 4].map((n) => registerActivity(`两个实例的打卡 ${n}`)));
    await hub.settle();
    const applied = () => first.rollups!.totals.facts + second.rollups!.totals.facts;
    const before = applied();
    // 240 check-ins, half through the gateway (to the first instance), half straight to the second, 24 at a time.
    const ids: string[] = [];
    for (let wave = 0; wave < 10; wave += 1) {
      ids.push(...await Promise.all(Array.from({ length: 24 }, (_, n) => checkIn(activities[n % 4], n % 2 === 0 ? second : undefined))));
    }
    expect(new Set(ids).size).toBe(240);
    await expectRollupsExact();
    // No fact applied twice and none left out: the two appliers together folded exactly these.
    expect(applied() - before).toBe(240);
    for (const activityId of activities) expect(await checkInCount(activityId)).toBe(60);
  });
});

describe('an applier killed in the middle of a batch', () => {
  /**
   * Check-ins queued while `appliers` are stopped, then one batch that takes them all and waits
   * inside its transaction on a table lock `locker` holds; the pid of its backend.
   */
  async function batchStuckOnLock(locker: Client, activityId: string, count: number, appliers: Array<{ start(): void; stop(): Promise<void> }>): Promise<number> {
    for (const applier of appliers) await applier.stop();
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE activity_daily IN EXCLUSIVE MODE');
    for (let n = 0; n < count; n += 1) await checkIn(activityId);
    for (const applier of appliers) applier.start();
    const [{ pid: blocker }] = (await locker.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows;
    return backendBlockedBy(locker, blocker, APPLIER);
  }

  /** This process's appliers of activities (the second instance's too, once started). */
  const inProcess = () => [hub.subgraphs.activities, ...(replica ? [replica] : [])].map((app) => app.rollups!);

  it('loses nothing when its connection is terminated while the batch is open', async () => {
    const activityId = await registerActivity('连接被终止的批次');
    await hub.settle();
    const locker = await connectTo(hub.subgraphs.activities);
    const observer = await connectTo(hub.subgraphs.activities);
    try {
      const applier = await batchStuckOnLock(locker, activityId, 12, inProcess());
      // The batch has taken the check-ins (their queue rows are locked), counted them, and waits.
      const { rows: [{ taken }] } = await observer.query<{ taken: number }>(
        `SELECT count(*)::int AS taken FROM check_ins_unapplied WHERE activity_id = $1 AND seq NOT IN (SELECT seq FROM check_ins_unapplied FOR UPDATE SKIP LOCKED)`, [activityId]);
      expect(taken).toBe(12);
      expect((await observer.query('SELECT pg_terminate_backend($1) AS done', [applier])).rows[0].done).toBe(true);
      // The batch rolled back: every check-in still queued, none counted.
      const { rows: [{ queued }] } = await observer.query<{ queued: number }>('SELECT count(*)::int AS queued FROM check_ins_unapplied WHERE activity_id = $1', [activityId]);
      expect(queued).toBe(12);
      expect(await checkInCount(activityId)).toBe(0);
    } finally {
      await locker.end();
      await observer.end();
    }
    await expectRollupsExact();
    expect(await checkInCount(activityId)).toBe(12);
  });

  it('loses nothing when its process is killed while the batch is open, and another instance takes over', async () => {
    const activityId = await registerActivity('进程被杀的批次');
    await hub.settle();
    const url = urlOf(hub.subgraphs.activities);
    // Only the other process applies meanwhile.
    const appliers = inProcess();
    for (const applier of appliers) await applier.stop();
    const child: ChildProcess = fork(path.resolve(__dirname, '../subgraphs/activities/src/index.ts'), [], {
      cwd: path.resolve(__dirname, '..'),
      execArgv: ['-r', '@swc-node/register'],
      env: {
        ...process.env, NODE_ENV: 'test', ACTIVITIES_DATABASE_URL: url, ACTIVITIES_PORT: '0', SEED: 'false',
        HUB_INTERNAL_SECRET: TEST_INTERNAL_SECRET, GATEWAY_URL: hub.url, ROLLUP_INTERVAL_MS: '20',
      },
      stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
    });
    const locker = await connectTo(hub.subgraphs.activities);
    try {
      await new Promise<void>((resolve, reject) => {
        child.on('message', (message: { type?: string }) => message.type === 'ready' && resolve());
        child.once('exit', (code) => reject(new Error(`the second process exited (${code})`)));
      });
      const applier = await batchStuckOnLock(locker, activityId, 9, []);
      const [{ pid }] = (await locker.query<{ pid: number }>(
        `SELECT pid FROM pg_stat_activity WHERE pid = $1 AND application_name = $2`, [applier, APPLIER])).rows;
      expect(pid).toBe(applier);
      const exited = new Promise<NodeJS.Signals | null>((resolve) => child.once('exit', (_code, signal) => resolve(signal)));
      child.kill('SIGKILL');
      expect(await exited).toBe('SIGKILL');
      // Its batch is still open in PostgreSQL (the backend waits on the lock): nothing it took counts yet.
      const { rows: [{ queued }] } = await locker.query<{ queued: number }>('SELECT count(*)::int AS queued FROM check_ins_unapplied WHERE activity_id = $1', [activityId]);
      expect(queued).toBe(9);
      expect(await checkInCount(activityId)).toBe(0);
    } finally {
      // The dead process's backend wakes, cannot answer, and rolls its batch back.
      await locker.end();
      child.kill('SIGKILL');
    }
    for (const applier of appliers) applier.start();
    await expectRollupsExact();
    expect(await checkInCount(activityId)).toBe(9);
  });
});
