import { recountActivityStats } from '../subgraphs/activities/src/stats/activity-stats.recount';
import { createRng } from '@kepuri/seed';
import { ORG, currentYearWindow, setCampaignCalendar } from './support/domain';
import { startHub, type TestHub } from './support/hub';
import { compareWithRecount } from './support/rollups';

/**
 * Random writes through the gateway, then every maintained rollup row must equal a recount from
 * the raw rows by independent SQL. A failure prints the rows that differ.
 */
let hub: TestHub;
const { year, startsAt, endsAt } = currentYearWindow();

beforeAll(async () => {
  hub = await startHub();
  await setCampaignCalendar(hub, year, { registrationOpens: -10, registrationCloses: 10, infoCompletion: 20, summary: 30, recommendation: 40 });
});
afterAll(async () => {
  await hub?.close();
});

describe('dashboard rollups stay equal to a recount under random writes', () => {
  it('activities: register, update, complete, withdraw, check in', async () => {
    const rng = createRng(20200919);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)];
    const admin = await hub.token({ role: 'admin' });
    const users = await Promise.all(Array.from({ length: 6 }, (_, index) => hub.token({ role: 'public', sub: `property-user-${index}` })));
    const regions = ['420000', '420100', '420111', '110108', '440305', '660000', '330100'];
    const organizers = [ORG.hubei, ORG.wuhan, ORG.hubeiMuseum, ORG.physics, ORG.hunan];
    const live: string[] = [];
    let writes = 0;
    for (let step = 0; step < 160; step += 1) {
      const roll = rng();
      if (roll < 0.3 || live.length < 3) {
        const mode = pick(['ONLINE', 'OFFLINE', 'HYBRID'] as const);
        const online = mode === 'ONLINE' && rng() < 0.5;
        const result = await hub.query<{ registerActivity: { id: string } }>(
          `mutation($input: RegisterActivityInput!) { registerActivity(input: $input) { id } }`,
          { input: {
            campaign: year, organizerId: pick(organizers), title: `性质测试活动 ${step}`, regionCode: pick(regions),
            category: online ? 'ONLINE' : 'JOINT_ACTION', jointAction: online ? null : pick(['RURAL', 'HEALTH', 'VENUE', 'CAMPUS']),
            onlineKind: online ? 'CHECK_IN' : null, contentAreas: rng() < 0.5 ? ['SCIENTIFIC_SPIRIT'] : ['HEALTH_AND_EPIDEMIC', 'TECH_VOLUNTEERING'],
            mode, venueKind: mode === 'ONLINE' ? 'ONLINE' : 'COMMUNITY', onlineUrl: mode === 'OFFLINE' ? null : 'https://x.example.cn/live',
            address: mode === 'ONLINE' ? null : '测试地址', startsAt, endsAt, expectedParticipants: Math.floor(rng() * 1000),
          } }, admin);
        expect(result.errors).toBeUndefined();
        live.push(result.data!.registerActivity.id);
      } else if (roll < 0.7) {
        const result = await hub.query(`mutation($id: ID!) { checkIn(activityId: $id) { id } }`, { id: pick(live) }, pick(users));
        if (result.errors) expect(result.errors[0].extensions?.code).toBe('CONFLICT'); // withdrawn meanwhile
      } else if (roll < 0.8) {
        const result = await hub.query(`mutation($id: ID!, $input: UpdateActivityInput!) { updateActivity(id: $id, input: $input) { id } }`,
          { id: pick(live), input: { regionCode: pick(regions), expectedParticipants: Math.floor(rng() * 1000) } }, admin);
        if (result.errors) expect(result.errors[0].extensions?.code).toBe('CONFLICT');
      } else if (roll < 0.92) {
        const result = await hub.query(`mutation($id: ID!, $input: CompleteActivityInfoInput!) { completeActivityInfo(id: $id, input: $input) { id } }`,
          { id: pick(live), input: { actualParticipants: Math.floor(rng() * 800), onlineViews: Math.floor(rng() * 5000), newsLinks: ['https://n.example.cn/1'] } }, admin);
        if (result.errors) expect(result.errors[0].extensions?.code).toBe('CONFLICT');
      } else {
        const result = await hub.query(`mutation($id: ID!) { withdrawActivity(id: $id) { id } }`, { id: pick(live) }, admin);
        if (result.errors) expect(result.errors[0].extensions?.code).toBe('CONFLICT');
      }
      writes += 1;
    }
    expect(writes).toBe(160);
    await hub.settle();
    const [{ rows }] = await hub.subgraphs.activities.dataSource.query('SELECT count(*)::int AS rows FROM activity_stats');
    expect(rows).toBeGreaterThan(100);
    const stats = await compareWithRecount(hub.subgraphs.activities.dataSource, [
      { live: 'activity_stats', scratch: 'recount_stats', numbers: ['activities', 'expected_participants', 'actual_participants', 'participants', 'check_ins', 'online_views'] },
      { live: 'activity_daily', scratch: 'recount_daily', numbers: ['running', 'check_ins'] },
      { live: 'activity_check_in_counts', scratch: 'recount_counts', numbers: [] },
    ], (manager) => recountActivityStats(manager, { stats: 'recount_stats', daily: 'recount_daily', counts: 'recount_counts' }));
    expect(stats).toEqual({
      activity_stats: { missing: [], extra: [] }, activity_daily: { missing: [], extra: [] }, activity_check_in_counts: { missing: [], extra: [] },
    });
  });
});
