import { Client } from 'pg';
import { IDENTITY_HEADER, signIdentity, type SubgraphApp } from '@kepuri/platform';
import { recountActivityStats } from '../subgraphs/activities/src/stats/activity-stats.recount';
import { createRng } from '@kepuri/seed';
import { ORG, currentYearWindow, setCampaignCalendar } from './support/domain';
import { TEST_INTERNAL_SECRET, postGraphQL, startHub, type GraphQLResponse, type TestHub } from './support/hub';
import { compareWithRecount } from './support/rollups';

/**
 * Random writes through the gateway, then every maintained rollup row (and each activity's
 * check-in count) must equal a recount from the raw rows by independent SQL, once the rollup
 * appliers have drained. Sequentially; then the same kinds of writes at once, from two instances
 * of the activities subgraph whose appliers run together and are killed in the middle of batches.
 * A failure prints the rows that differ.
 */
let hub: TestHub;
const { year, startsAt, endsAt } = currentYearWindow();

beforeAll(async () => {
  hub = await startHub({ rollups: { intervalMs: 20 } });
  await setCampaignCalendar(hub, year, { registrationOpens: -10, registrationCloses: 10, infoCompletion: 20, summary: 30, recommendation: 40 });
});
afterAll(async () => {
  await hub?.close();
});

const regions = ['420000', '420100', '420111', '110108', '440305', '660000', '330100'];
const organizers = [ORG.hubei, ORG.wuhan, ORG.hubeiMuseum, ORG.physics, ORG.hunan];

/**
 * One random write of activities: register (30 %, or while fewer than three live), check in (40 %,
 * by one of `users`, through `checkIn`), update, complete or withdraw one of `live`. Refusals that
 * the rules allow (a withdrawn or completed activity) are expected; anything else fails.
 */
function randomWrite(rng: () => number, admin: string, live: string[], checkIn: (activityId: string) => Promise<GraphQLResponse<unknown>>): () => Promise<void> {
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)];
  const refusedOnlyBy = (code: string) => (result: GraphQLResponse<unknown>) => {
    if (result.errors) expect(result.errors[0].extensions?.code).toBe(code);
  };
  const roll = rng();
  if (roll < 0.3 || live.length < 3) {
    const mode = pick(['ONLINE', 'OFFLINE', 'HYBRID'] as const);
    const online = mode === 'ONLINE' && rng() < 0.5;
    const input = {
      campaign: year, organizerId: pick(organizers), title: `性质测试活动 ${Math.floor(rng() * 1e6)}`, regionCode: pick(regions),
      category: online ? 'ONLINE' : 'JOINT_ACTION', jointAction: online ? null : pick(['RURAL', 'HEALTH', 'VENUE', 'CAMPUS']),
      onlineKind: online ? 'CHECK_IN' : null, contentAreas: rng() < 0.5 ? ['SCIENTIFIC_SPIRIT'] : ['HEALTH_AND_EPIDEMIC', 'TECH_VOLUNTEERING'],
      mode, venueKind: mode === 'ONLINE' ? 'ONLINE' : 'COMMUNITY', onlineUrl: mode === 'OFFLINE' ? null : 'https://x.example.cn/live',
      address: mode === 'ONLINE' ? null : '测试地址', startsAt, endsAt, expectedParticipants: Math.floor(rng() * 1000),
    };
    return async () => {
      const result = await hub.query<{ registerActivity: { id: string } }>(
        `mutation($input: RegisterActivityInput!) { registerActivity(input: $input) { id } }`, { input }, admin);
      expect(result.errors).toBeUndefined();
      live.push(result.data!.registerActivity.id);
    };
  }
  const id = pick(live);
  if (roll < 0.7) return async () => refusedOnlyBy('CONFLICT')(await checkIn(id)); // withdrawn meanwhile
  if (roll < 0.8) {
    const input = { regionCode: pick(regions), expectedParticipants: Math.floor(rng() * 1000) };
    return async () => refusedOnlyBy('CONFLICT')(await hub.query(
      `mutation($id: ID!, $input: UpdateActivityInput!) { updateActivity(id: $id, input: $input) { id } }`, { id, input }, admin));
  }
  if (roll < 0.92) {
    const input = { actualParticipants: Math.floor(rng() * 800), onlineViews: Math.floor(rng() * 5000), newsLinks: ['https://n.example.cn/1'] };
    return async () => refusedOnlyBy('CONFLICT')(await hub.query(
      `mutation($id: ID!, $input: CompleteActivityInfoInput!) { completeActivityInfo(id: $id, input: $input) { id } }`, { id, input }, admin));
  }
  return async () => refusedOnlyBy('CONFLICT')(await hub.query(`mutation($id: ID!) { withdrawActivity(id: $id) { id } }`, { id }, admin));
}

/** Every rollup of activities and each activity's count against the recount, once the appliers have drained. */
async function expectEqualToRecount(): Promise<void> {
  await hub.settle();
  const db = hub.subgraphs.activities.dataSource;
  const [{ rows }] = await db.query('SELECT count(*)::int AS rows FROM activity_stats');
  expect(rows).toBeGreaterThan(100);
  const stats = await compareWithRecount(db, [
    { live: 'activity_stats', scratch: 'recount_stats', numbers: ['activities', 'expected_participants', 'actual_participants', 'participants', 'check_ins', 'online_views'] },
    { live: 'activity_daily', scratch: 'recount_daily', numbers: ['running', 'check_ins'] },
    { live: 'activity_check_in_counts', scratch: 'recount_counts', numbers: [] },
  ], (manager) => recountActivityStats(manager, { stats: 'recount_stats', daily: 'recount_daily', counts: 'recount_counts' }));
  expect(stats).toEqual({
    activity_stats: { missing: [], extra: [] }, activity_daily: { missing: [], extra: [] }, activity_check_in_counts: { missing: [], extra: [] },
  });
}

describe('dashboard rollups stay equal to a recount under random writes', () => {
  it('activities: register, update, complete, withdraw, check in, one after another', async () => {
    const rng = createRng(20200919);
    const admin = await hub.token({ role: 'admin' });
    const users = await Promise.all(Array.from({ length: 6 }, (_, index) => hub.token({ role: 'public', sub: `property-user-${index}` })));
    const live: string[] = [];
    const checkIn = async (id: string) => hub.query(`mutation($id: ID!) { checkIn(activityId: $id) { id } }`, { id }, users[Math.floor(rng() * users.length)]);
    for (let step = 0; step < 160; step += 1) await randomWrite(rng, admin, live, checkIn)();
    await expectEqualToRecount();
  });

  it('activities: the same writes at once, from two instances, while appliers are killed in the middle of their batches', async () => {
    const replica: SubgraphApp<unknown> & { url: string } = await hub.addSubgraphInstance('activities');
    const admin = await hub.token({ role: 'admin' });
    const chaos = new Client({ connectionString: (hub.subgraphs.activities.dataSource.options as { url: string }).url });
    await chaos.connect();
    let kills = 0;
    let writing = true;
    // Kills an applier's connection whenever one is inside a batch, now and then.
    const killer = (async () => {
      const rng = createRng(919);
      while (writing) {
        const { rows } = await chaos.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE application_name = 'kepuri-activities-rollups' AND datname = current_database() AND xact_start IS NOT NULL`);
        for (const { pid } of rows) {
          if (rng() < 0.5 && (await chaos.query('SELECT pg_terminate_backend($1) AS done', [pid])).rows[0].done) kills += 1;
        }
        await new Promise((resolve) => setTimeout(resolve, 5 + rng() * 20));
      }
    })();
    try {
      for (const seed of [1919, 2020, 2121]) {
        const rng = createRng(seed);
        const live: string[] = [];
        let users = 0;
        // Check-ins through the gateway (the first instance) or straight to the second, as the gateway calls it.
        const checkIn = async (id: string) => {
          const identity = { role: 'public' as const, sub: `interleaved-${seed}-${(users += 1)}` };
          const query = { query: `mutation($id: ID!) { checkIn(activityId: $id) { id } }`, variables: { id } };
          return rng() < 0.5
            ? hub.query(query.query, query.variables, await hub.token(identity))
            : postGraphQL(replica.url, query, { [IDENTITY_HEADER]: await signIdentity(identity, TEST_INTERNAL_SECRET) });
        };
        for (let step = 0; step < 3; step += 1) await randomWrite(rng, admin, live, checkIn)();
        // Groups of 1 to 16 writes at once: any of them may land in any batch, in any order.
        for (let written = 0; written < 180;) {
          const group = Array.from({ length: 1 + Math.floor(rng() * 16) }, () => randomWrite(rng, admin, live, checkIn));
          await Promise.all(group.map((write) => write()));
          written += group.length;
        }
      }
    } finally {
      writing = false;
      await killer;
      await chaos.end();
    }
    expect(kills).toBeGreaterThan(0);
    await expectEqualToRecount();
  });
});
