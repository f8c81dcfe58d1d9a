import type { DataSource } from 'typeorm';
import { recountEvaluationStats } from '../subgraphs/evaluations/src/stats/evaluation-stats.recount';
import { topRatedSql } from '../subgraphs/evaluations/src/stats/evaluation-stats.service';
import { createRng } from '@kepuri/seed';
import { DAY_MS } from '@kepuri/platform';
import { nationScope } from '@kepuri/domain';
import { ORG, currentYearWindow, setCampaignCalendar } from './support/domain';
import { dataOf, firstError } from './support/evaluations';
import { compareWithRecount, type RollupTable } from './support/rollups';
import { startHub, type TestHub, SWEEP_LIMITS } from './support/hub';

/**
 * The evaluations subgraph's dashboard statistics: random writes through the gateway keep every
 * rollup row equal to a from-scratch SQL recount; the national dashboard costs evaluations one
 * statement for every province; provinces include their cities and counties; the top-rated list
 * honours its minimum and its order, through an index.
 */
/** The clock every subgraph reads; null means the real time. */
let clock: Date | null = null;
let hub: TestHub;
let db: DataSource;
let admin: string;
const { year, startsAt, endsAt } = currentYearWindow();

const STATS = `feedbackCount averageRating ratingHistogram { rating feedbackCount } recommendedCount
  byRecommendationKind { kind recommendedCount } commendationCount byCommendationKind { kind commendationCount }`;

interface Stats {
  feedbackCount: number;
  averageRating: number | null;
  ratingHistogram: Array<{ rating: number; feedbackCount: number }>;
  recommendedCount: number;
  byRecommendationKind: Array<{ kind: string; recommendedCount: number }>;
  commendationCount: number;
  byCommendationKind: Array<{ kind: string; commendationCount: number }>;
}

interface Registered { id: string; organizerId: string; regionCode: string; completed: boolean }

const round2 = (value: number): number => Math.round(value * 100) / 100;

/** What a scope's EvaluationStats must say, from raw rows by direct SQL (`where` filters each table by its own columns). */
async function expectedStats(where: { feedback: string; recommendations: string; commendations: string }, params: unknown[]): Promise<Stats> {
  const [f] = await db.query(
    `SELECT count(*)::int AS n, coalesce(sum(rating), 0)::int AS total,
            ${[1, 2, 3, 4, 5].map((r) => `count(*) FILTER (WHERE rating = ${r})::int AS r${r}`).join(', ')}
       FROM feedback WHERE ${where.feedback}`, params);
  const kinds = async (table: string, condition: string) => Object.fromEntries(
    (await db.query(`SELECT kind, count(*)::int AS n FROM ${table} WHERE ${condition} GROUP BY kind`, params))
      .map((row: { kind: string; n: number }) => [row.kind, row.n]));
  const recommended = await kinds('recommendations', `withdrawn_at IS NULL AND ${where.recommendations}`);
  const commended = await kinds('commendations', where.commendations);
  const count = (of: Record<string, number>, kind: string) => of[kind] ?? 0;
  return {
    feedbackCount: f.n,
    averageRating: f.n > 0 ? round2(f.total / f.n) : null,
    ratingHistogram: [1, 2, 3, 4, 5].map((rating) => ({ rating, feedbackCount: f[`r${rating}`] })),
    recommendedCount: count(recommended, 'EXCELLENT_ORGANIZATION') + count(recommended, 'EXCELLENT_ACTIVITY'),
    byRecommendationKind: ['EXCELLENT_ORGANIZATION', 'EXCELLENT_ACTIVITY'].map((kind) => ({ kind, recommendedCount: count(recommended, kind) })),
    commendationCount: count(commended, 'ORGANIZATION') + count(commended, 'ACTIVITY'),
    byCommendationKind: ['ORGANIZATION', 'ACTIVITY'].map((kind) => ({ kind, commendationCount: count(commended, kind) })),
  };
}

/** Rows in a region with everything in it: its code's prefix (2 digits a province, 4 a city, all 6 a county). */
const inRegion = (code: string) => {
  const prefix = code.endsWith('0000') ? code.slice(0, 2) : code.endsWith('00') ? code.slice(0, 4) : code;
  return `region_code LIKE '${prefix}%'`;
};

const register = async (organizerId: string, regionCode: string, index: number): Promise<string> => {
  const result = await hub.query<{ registerActivity: { id: string } }>(
    `mutation($input: RegisterActivityInput!) { registerActivity(input: $input) { id } }`,
    { input: {
      campaign: year, organizerId, title: `评价统计测试活动 ${index}`, regionCode, category: 'JOINT_ACTION', jointAction: 'CAMPUS',
      contentAreas: ['SCIENTIFIC_SPIRIT'], mode: 'OFFLINE', venueKind: 'COMMUNITY', address: '测试地址', startsAt, endsAt, expectedParticipants: 100,
    } }, admin);
  return dataOf(result).registerActivity.id;
};

const complete = async (id: string) => {
  const result = await hub.query(`mutation($id: ID!) { completeActivityInfo(id: $id, input: { actualParticipants: 80, newsLinks: ["https://n.example.cn/1"] }) { id } }`,
    { id }, admin);
  dataOf(result);
};

let activities: Registered[];

beforeAll(async () => {
  hub = await startHub({ now: () => clock ?? new Date(), gateway: { limits: SWEEP_LIMITS } });
  db = hub.subgraphs.evaluations.dataSource;
  admin = await hub.token({ role: 'admin', sub: 'host' });
  await setCampaignCalendar(hub, year, { registrationOpens: -10, registrationCloses: 10, infoCompletion: 20, summary: 30, recommendation: 40 });
  // Twelve activities of this year's campaign across organisers (under Hubei, a national society,
  // Hunan) and regions (a province, its city and county, elsewhere); every other one completed.
  const organizers = [ORG.hubei, ORG.wuhan, ORG.hubeiMuseum, ORG.physics, ORG.hunan, ORG.wuhan];
  const regions = ['420000', '420100', '420111', '110108', '430100', '420111'];
  activities = [];
  for (let index = 0; index < 12; index += 1) {
    const organizerId = organizers[index % organizers.length];
    const regionCode = regions[(index + Math.floor(index / 6)) % regions.length];
    const id = await register(organizerId, regionCode, index);
    const completed = index % 2 === 0;
    if (completed) await complete(id);
    activities.push({ id, organizerId, regionCode, completed });
  }
});
afterEach(() => {
  clock = null;
});
afterAll(async () => {
  await hub?.close();
});

const ROLLUPS: RollupTable[] = [
  { live: 'evaluation_stats', scratch: 'recount_evaluation_stats', numbers: ['feedback_count', 'rating_sum', 'rating_1', 'rating_2', 'rating_3',
    'rating_4', 'rating_5', 'recommended_organizations', 'recommended_activities', 'commended_organizations', 'commended_activities'] },
  { live: 'evaluation_daily', scratch: 'recount_evaluation_daily', numbers: ['feedback_count', 'rating_sum'] },
  { live: 'activity_ratings', scratch: 'recount_activity_ratings', numbers: ['feedback_count', 'rating_sum'] },
];
const AGREE = { evaluation_stats: { missing: [], extra: [] }, evaluation_daily: { missing: [], extra: [] }, activity_ratings: { missing: [], extra: [] } };

describe('evaluation rollups stay equal to a recount under random writes', () => {
  it('postFeedback (new and edits, several users, several days), recommend, withdrawRecommendation, commend', async () => {
    const rng = createRng(20200919);
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rng() * items.length)];
    const users = await Promise.all(Array.from({ length: 6 }, (_, index) => hub.token({ role: 'public', sub: `eval-property-${index}` })));
    const supervisors = {
      [ORG.hubei]: await hub.token({ role: 'supervisor', org: ORG.hubei, sub: 'hubei-head' }),
      [ORG.physics]: await hub.token({ role: 'supervisor', org: ORG.physics, sub: 'physics-head' }),
      [ORG.hunan]: await hub.token({ role: 'supervisor', org: ORG.hunan, sub: 'hunan-head' }),
    };
    // Two completed activities of the 2020 campaign too: ratings of several campaigns.
    const past = dataOf(await hub.query<{ activities: { edges: Array<{ node: { id: string } }> } }>(
      `{ activities(first: 2, filter: { campaign: 2020, status: COMPLETED }) { edges { node { id } } } }`)).activities.edges.map((edge) => edge.node.id);
    const rateable = [...activities.map((activity) => activity.id), ...past];
    const underHubei = new Set([ORG.hubei, ORG.wuhan, ORG.hubeiMuseum]);
    // What each recommender may recommend: units strictly below it, completed activities organised at or below it.
    const candidates: Array<{ recommender: string; kind: string; targetId: string }> = [
      { recommender: ORG.hubei, kind: 'EXCELLENT_ORGANIZATION', targetId: ORG.wuhan },
      { recommender: ORG.hubei, kind: 'EXCELLENT_ORGANIZATION', targetId: ORG.hubeiMuseum },
      ...activities.filter((activity) => activity.completed).map((activity) => ({
        recommender: underHubei.has(activity.organizerId) ? ORG.hubei : activity.organizerId, kind: 'EXCELLENT_ACTIVITY', targetId: activity.id,
      })),
    ];
    const made: Array<{ id: string; recommender: string }> = [];
    const counts = { feedback: 0, edits: 0, recommended: 0, withdrawn: 0, commended: 0 };
    const given = new Set<string>();
    for (let step = 0; step < 150; step += 1) {
      // Writes land on five different days around today.
      clock = new Date(Date.now() + Math.floor(rng() * 5 - 2) * DAY_MS);
      const roll = rng();
      if (roll < 0.55) {
        const user = Math.floor(rng() * users.length);
        const activityId = pick(rateable);
        const result = await hub.query(`mutation($id: ID!, $rating: Int!) { postFeedback(activityId: $id, rating: $rating) { id } }`,
          { id: activityId, rating: 1 + Math.floor(rng() * 5) }, users[user]);
        dataOf(result);
        if (given.has(`${user}|${activityId}`)) counts.edits += 1;
        given.add(`${user}|${activityId}`);
        counts.feedback += 1;
      } else if (roll < 0.75) {
        const candidate = pick(candidates);
        const result = await hub.query<{ recommend: { id: string } }>(`mutation($input: RecommendInput!) { recommend(input: $input) { id } }`,
          { input: { campaign: year, kind: candidate.kind, targetId: candidate.targetId } }, supervisors[candidate.recommender]);
        if (result.errors) expect(firstError(result).code).toBe('CONFLICT'); // standing already
        else {
          made.push({ id: result.data!.recommend.id, recommender: candidate.recommender });
          counts.recommended += 1;
        }
      } else if (roll < 0.88) {
        if (made.length === 0) continue;
        const recommendation = pick(made);
        const result = await hub.query(`mutation($id: ID!) { withdrawRecommendation(id: $id) { id } }`, { id: recommendation.id },
          supervisors[recommendation.recommender]);
        if (result.errors) expect(firstError(result).code).toBe('CONFLICT'); // withdrawn already
        else counts.withdrawn += 1;
      } else {
        const ofActivity = rng() < 0.5;
        const targetId = ofActivity ? pick(activities.filter((activity) => activity.completed)).id
          : pick([ORG.hubei, ORG.wuhan, ORG.hubeiMuseum, ORG.physics, ORG.hunan]);
        const result = await hub.query(`mutation($input: CommendInput!) { commend(input: $input) { id } }`,
          { input: { campaign: year, kind: ofActivity ? 'ACTIVITY' : 'ORGANIZATION', targetId, citation: '特色鲜明、实效显著' } }, admin);
        if (result.errors) expect(firstError(result).code).toBe('CONFLICT'); // commended already
        else counts.commended += 1;
      }
    }
    clock = null;
    await hub.settle();
    // Every kind of write happened, several times.
    for (const count of Object.values(counts)) expect(count).toBeGreaterThan(3);
    const [{ days }] = await db.query('SELECT count(DISTINCT day)::int AS days FROM evaluation_daily WHERE campaign_year = $1 AND scope = $2', [year, nationScope]);
    expect(days).toBeGreaterThanOrEqual(3);
    const [{ rows }] = await db.query('SELECT count(*)::int AS rows FROM evaluation_stats WHERE campaign_year = $1', [year]);
    expect(rows).toBeGreaterThan(20);
    expect(await compareWithRecount(db, ROLLUPS, (manager) => recountEvaluationStats(manager, { stats: ROLLUPS[0].scratch, daily: ROLLUPS[1].scratch, ratings: ROLLUPS[2].scratch }))).toEqual(AGREE);
  });
});

describe('the national dashboard', () => {
  beforeAll(async () => {
    // 2020 recommendations (inside its window on the clock) and commendations (any time), one withdrawn.
    const hubeiHead = await hub.token({ role: 'supervisor', org: ORG.hubei, sub: 'hubei-head' });
    const completed = dataOf(await hub.query<{ activities: { edges: Array<{ node: { id: string } }> } }>(
      `query($org: ID!) { activities(first: 3, filter: { campaign: 2020, status: COMPLETED, organizerId: $org, includeSubordinates: true }) { edges { node { id } } } }`,
      { org: ORG.hubei })).activities.edges.map((edge) => edge.node.id);
    expect(completed.length).toBeGreaterThanOrEqual(2);
    clock = new Date('2020-10-20T10:00:00+08:00');
    const recommend = async (kind: string, targetId: string) => dataOf(await hub.query<{ recommend: { id: string } }>(
      `mutation($input: RecommendInput!) { recommend(input: $input) { id } }`, { input: { campaign: 2020, kind, targetId } }, hubeiHead)).recommend.id;
    await recommend('EXCELLENT_ORGANIZATION', ORG.wuhan);
    await recommend('EXCELLENT_ACTIVITY', completed[0]);
    const withdrawn = await recommend('EXCELLENT_ACTIVITY', completed[1]);
    dataOf(await hub.query(`mutation($id: ID!) { withdrawRecommendation(id: $id) { id } }`, { id: withdrawn }, hubeiHead));
    clock = null;
    for (const [kind, targetId] of [['ORGANIZATION', ORG.hubei], ['ORGANIZATION', ORG.physics], ['ACTIVITY', completed[0]]]) {
      dataOf(await hub.query(`mutation($input: CommendInput!) { commend(input: $input) { id } }`,
        { input: { campaign: 2020, kind, targetId, citation: '工作扎实，组织有力' } }, admin));
    }
    await hub.settle();
  });

  it('is one query, and evaluations answers all provinces with one SQL statement; the figures equal direct counts', async () => {
    const before = hub.subgraphs.evaluations.statements.count;
    const result = await hub.query<{ regions: Array<{ code: string; name: string; evaluationStats: Stats }> }>(
      `{ regions(level: PROVINCE) { code name evaluationStats(campaign: 2020) { ${STATS} } } }`);
    const statements = hub.subgraphs.evaluations.statements.count - before;
    const regions = dataOf(result).regions;
    const [{ provinces }] = await hub.subgraphs.organizations.dataSource.query(`SELECT count(*)::int AS provinces FROM regions WHERE level = 'PROVINCE'`);
    expect(regions).toHaveLength(provinces);
    expect(provinces).toBeGreaterThanOrEqual(32);
    expect(statements).toBe(1);
    for (const region of regions) {
      const where = `campaign_year = 2020 AND ${inRegion(region.code)}`;
      expect({ code: region.code, ...region.evaluationStats })
        .toEqual({ code: region.code, ...await expectedStats({ feedback: where, recommendations: where, commendations: where }, []) });
    }
    const hubei = regions.find((region) => region.code === '420000')!.evaluationStats;
    expect(hubei.feedbackCount).toBeGreaterThan(0);
    expect(hubei.byRecommendationKind[0]).toEqual({ kind: 'EXCELLENT_ORGANIZATION', recommendedCount: 1 }); // Wuhan, a city of Hubei
    expect(hubei.commendationCount).toBeGreaterThanOrEqual(1);
    // The national figures of the campaign are the provinces' together.
    const campaign = dataOf(await hub.query<{ campaign: { evaluationStats: Stats } }>(`{ campaign(year: 2020) { evaluationStats { ${STATS} } } }`))
      .campaign.evaluationStats;
    expect(campaign).toEqual(await expectedStats({ feedback: 'campaign_year = 2020', recommendations: 'campaign_year = 2020', commendations: 'campaign_year = 2020' }, []));
    expect(campaign.feedbackCount).toBe(regions.reduce((sum, region) => sum + region.evaluationStats.feedbackCount, 0));
    expect({ recommended: campaign.recommendedCount, commended: campaign.commendationCount }).toEqual({ recommended: 2, commended: 3 }); // one withdrawn
  });

  it('adds organisations\' own and subtree figures, and all campaigns together when campaign is omitted', async () => {
    const before = hub.subgraphs.evaluations.statements.count;
    const result = await hub.query<Record<string, { evaluationStats: Stats }>>(`query($hubei: ID!, $wuhan: ID!, $year: Int!) {
      own: organization(id: $hubei) { evaluationStats(campaign: $year) { ${STATS} } }
      tree: organization(id: $hubei) { evaluationStats(campaign: $year, includeSubordinates: true) { ${STATS} } }
      wuhan: organization(id: $wuhan) { evaluationStats(includeSubordinates: true) { ${STATS} } }
      all: region(code: "420000") { evaluationStats { ${STATS} } } }`, { hubei: ORG.hubei, wuhan: ORG.wuhan, year });
    const figures = dataOf(result);
    // The gateway fetches each aliased root field's entities separately: at most one statement each.
    expect(hub.subgraphs.evaluations.statements.count - before).toBeLessThanOrEqual(4);
    const params = [ORG.hubei, year];
    expect(figures.own.evaluationStats).toEqual(await expectedStats({
      feedback: 'organizer_path[cardinality(organizer_path)] = $1 AND campaign_year = $2',
      recommendations: 'organization_id = $1 AND campaign_year = $2', commendations: 'organization_id = $1 AND campaign_year = $2' }, params));
    expect(figures.tree.evaluationStats).toEqual(await expectedStats({
      feedback: 'organizer_path @> ARRAY[$1::uuid] AND campaign_year = $2',
      recommendations: 'organization_path @> ARRAY[$1::uuid] AND campaign_year = $2',
      commendations: 'organization_path @> ARRAY[$1::uuid] AND campaign_year = $2' }, params));
    expect(figures.tree.evaluationStats.feedbackCount).toBeGreaterThan(figures.own.evaluationStats.feedbackCount);
    expect(figures.wuhan.evaluationStats).toEqual(await expectedStats({
      feedback: 'organizer_path @> ARRAY[$1::uuid] AND campaign_year IS NOT NULL', recommendations: 'organization_path @> ARRAY[$1::uuid]',
      commendations: 'organization_path @> ARRAY[$1::uuid]' }, [ORG.wuhan]));
    const everyYear = `${inRegion('420000')} AND campaign_year IS NOT NULL`;
    expect(figures.all.evaluationStats).toEqual(await expectedStats({ feedback: everyYear, recommendations: everyYear, commendations: everyYear }, []));
  });

  it('gives the daily series of feedback per campaign, nationally and by region', async () => {
    const before = hub.subgraphs.evaluations.statements.count;
    const result = await hub.query<{ campaign: { evaluationDaily: Array<{ day: string; feedbackCount: number; averageRating: number }> };
      region: { evaluationDaily: Array<{ day: string; feedbackCount: number; averageRating: number }> } }>(
      `query($year: Int!) { campaign(year: $year) { evaluationDaily { day feedbackCount averageRating } }
        region(code: "420000") { evaluationDaily(campaign: $year) { day feedbackCount averageRating } } }`, { year });
    const series = dataOf(result);
    // At most one statement per gateway fetch (the Campaign comes from activities, the Region from organizations).
    expect(hub.subgraphs.evaluations.statements.count - before).toBeLessThanOrEqual(2);
    const expected = async (condition: string) => (await db.query(
      `SELECT to_char(((created_at AT TIME ZONE 'UTC') + interval '8 hours')::date, 'YYYY-MM-DD') AS day, count(*)::int AS n, sum(rating)::int AS total
         FROM feedback WHERE campaign_year = $1 AND ${condition} GROUP BY 1 ORDER BY 1`, [year]))
      .map((row: { day: string; n: number; total: number }) => ({ day: row.day, feedbackCount: row.n, averageRating: round2(row.total / row.n) }));
    expect(series.campaign.evaluationDaily).toEqual(await expected('true'));
    expect(series.region.evaluationDaily).toEqual(await expected(inRegion('420000')));
    expect(series.campaign.evaluationDaily.length).toBeGreaterThanOrEqual(3);
  });
});

describe('province figures', () => {
  it('include their cities and counties', async () => {
    // One more rating in the province itself, in its city and in a county of that city.
    const token = await hub.token({ role: 'public', sub: 'province-check' });
    for (const code of ['420000', '420100', '420111']) {
      const activity = activities.find((candidate) => candidate.regionCode === code)!;
      dataOf(await hub.query(`mutation($id: ID!) { postFeedback(activityId: $id, rating: 4) { id } }`, { id: activity.id }, token));
    }
    await hub.settle();
    const result = await hub.query<Record<string, { evaluationStats: Stats }>>(`query($year: Int!) {
      province: region(code: "420000") { evaluationStats(campaign: $year) { ${STATS} } }
      city: region(code: "420100") { evaluationStats(campaign: $year) { ${STATS} } }
      county: region(code: "420111") { evaluationStats(campaign: $year) { ${STATS} } } }`, { year });
    const { province, city, county } = dataOf(result);
    for (const [code, shown] of [['420000', province], ['420100', city], ['420111', county]] as const) {
      const where = `campaign_year = $1 AND ${inRegion(code)}`;
      expect(shown.evaluationStats).toEqual(await expectedStats({ feedback: where, recommendations: where, commendations: where }, [year]));
    }
    const [{ own }] = await db.query(`SELECT count(*)::int AS own FROM feedback WHERE campaign_year = $1 AND region_code = '420000'`, [year]);
    expect(county.evaluationStats.feedbackCount).toBeGreaterThan(0);
    expect(city.evaluationStats.feedbackCount).toBeGreaterThan(county.evaluationStats.feedbackCount);
    expect(province.evaluationStats.feedbackCount).toBeGreaterThanOrEqual(own + city.evaluationStats.feedbackCount);
    expect(own).toBeGreaterThan(0);
    for (const bucket of [0, 1, 2, 3, 4]) {
      expect(province.evaluationStats.ratingHistogram[bucket].feedbackCount)
        .toBeGreaterThanOrEqual(city.evaluationStats.ratingHistogram[bucket].feedbackCount);
    }
  });
});

describe('topRatedActivities', () => {
  const TOP = `query($campaign: Int!, $regionCode: ID, $minFeedback: Int, $first: Int) {
    topRatedActivities(campaign: $campaign, regionCode: $regionCode, minFeedback: $minFeedback, first: $first) {
      feedbackCount averageRating activity { id title region { code } } } }`;
  type Top = Array<{ feedbackCount: number; averageRating: number; activity: { id: string; title: string; region: { code: string } } }>;
  const top = async (variables: Record<string, unknown>) => dataOf(await hub.query<{ topRatedActivities: Top }>(TOP, variables)).topRatedActivities;

  /** The expected list from the feedback rows, ordered in exact arithmetic: mean rating, then count (both descending), then id. */
  async function expectedTop(province: string | null, minFeedback: number, first: number) {
    const rows: Array<{ id: string; n: number; total: number }> = await db.query(
      `SELECT activity_id AS id, count(*)::int AS n, sum(rating)::int AS total FROM feedback
        WHERE campaign_year = $1 ${province ? `AND region_code LIKE '${province.slice(0, 2)}%'` : ''}
        GROUP BY activity_id HAVING count(*) >= $2`, [year, minFeedback]);
    rows.sort((a, b) => b.total * a.n - a.total * b.n || b.n - a.n || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    return rows.slice(0, first).map((row) => ({ id: row.id, feedbackCount: row.n, averageRating: round2(row.total / row.n) }));
  }

  it('honours minFeedback and the order (mean rating, then number of ratings), nationally and in a province', async () => {
    await hub.settle();
    for (const [regionCode, minFeedback, first] of [[null, 3, 8], [null, 1, 100], [null, 5, 10], ['420000', 2, 5], ['420000', 4, 100]] as const) {
      const shown = await top({ campaign: year, regionCode, minFeedback, first });
      const expected = await expectedTop(regionCode, minFeedback, first);
      expect(expected.length).toBeGreaterThan(0);
      expect(shown.map((item) => ({ id: item.activity.id, feedbackCount: item.feedbackCount, averageRating: item.averageRating }))).toEqual(expected);
      for (const item of shown) {
        expect(item.feedbackCount).toBeGreaterThanOrEqual(minFeedback);
        expect(item.activity.title.length).toBeGreaterThan(1); // resolved by the activities subgraph
        if (regionCode) expect(item.activity.region.code.slice(0, 2)).toBe('42');
      }
      for (let index = 1; index < shown.length; index += 1) {
        const [a, b] = [shown[index - 1], shown[index]];
        expect(a.averageRating > b.averageRating || (a.averageRating === b.averageRating && a.feedbackCount >= b.feedbackCount)).toBe(true);
      }
    }
    // The default minimum is 5; nothing has a thousand ratings.
    const byDefault = await top({ campaign: year });
    expect(byDefault.length).toBeGreaterThan(0);
    for (const item of byDefault) expect(item.feedbackCount).toBeGreaterThanOrEqual(5);
    expect(await top({ campaign: year, minFeedback: 1000 })).toEqual([]);
    for (const [variables, field] of [[{ first: 0 }, 'first'], [{ first: 101 }, 'first'], [{ minFeedback: 0 }, 'minFeedback'],
      [{ regionCode: '420100' }, 'regionCode'], [{ regionCode: 'x' }, 'regionCode']] as const) {
      const error = firstError(await hub.query(TOP, { campaign: year, ...variables }));
      expect({ code: error.code, field: error.field }).toEqual({ code: 'BAD_USER_INPUT', field });
    }
  });

  it('is served by an index in rating order, not by sorting or scanning feedback', async () => {
    const runner = db.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction();
      // The sample tables are small enough for a sequential scan (or a bitmap scan and a sort of the few
      // rows the statistics expect); forbid both to see which index fits the statement.
      await runner.query('SET LOCAL enable_seqscan = off');
      await runner.query('SET LOCAL enable_bitmapscan = off');
      for (const [byProvince, index, params] of [[false, 'activity_ratings_top', [year, 5, 10]],
        [true, 'activity_ratings_top_province', [year, 5, 10, '420000']]] as const) {
        const plan = (await runner.query(`EXPLAIN ${topRatedSql(byProvince)}`, [...params]))
          .map((row: { 'QUERY PLAN': string }) => row['QUERY PLAN']).join('\n');
        expect(plan).toContain(`Index Scan using ${index} on activity_ratings`);
        expect(plan).not.toMatch(/Sort|feedback /);
      }
      await runner.rollbackTransaction();
    } finally {
      await runner.release();
    }
  });
});
