import { ORG, currentYearWindow } from './support/domain';
import { startHub, type TestHub } from './support/hub';
import { dataOf, evaluationsSnapshot, expectRefused, firstError } from './support/evaluations';

let hub: TestHub;
let tokens: Record<string, string>;
const { year } = currentYearWindow();

const POST = `mutation($activityId: ID!, $rating: Int!, $comment: String) {
  postFeedback(activityId: $activityId, rating: $rating, comment: $comment) { id rating comment createdAt updatedAt activity { id title } }
}`;
const RATING = `query($id: ID!) { activity(id: $id) { id feedbackCount averageRating } }`;
const MY = `query($id: ID!) { myFeedback(activityId: $id) { id rating comment createdAt updatedAt } }`;

interface Posted { id: string; rating: number; comment: string | null; createdAt: string; updatedAt: string; activity: { id: string; title: string } }

async function activityIds(campaign: number, status: string, first = 20): Promise<string[]> {
  const result = await hub.query<{ activities: { edges: Array<{ node: { id: string } }> } }>(
    `query($filter: ActivityFilter, $first: Int) { activities(filter: $filter, first: $first) { edges { node { id } } } }`,
    { filter: { campaign, status }, first },
  );
  return dataOf(result).activities.edges.map((edge) => edge.node.id);
}

async function post(activityId: string, rating: number, token: string, comment?: string | null) {
  return hub.query<{ postFeedback: Posted }>(POST, comment === undefined ? { activityId, rating } : { activityId, rating, comment }, token);
}

/** The activity's public totals once the rollup applier has folded every rating so far. */
async function totals(activityId: string): Promise<{ feedbackCount: number; averageRating: number | null }> {
  await hub.settle();
  return dataOf(await hub.query<{ activity: { feedbackCount: number; averageRating: number | null } }>(RATING, { id: activityId })).activity;
}

/** The maintained totals against a count from scratch over the feedback rows. */
async function totalsAgreeWithRecount(): Promise<void> {
  await hub.settle();
  const db = hub.subgraphs.evaluations.dataSource;
  const maintained = await db.query(
    'SELECT activity_id, feedback_count, rating_sum FROM activity_ratings WHERE feedback_count > 0 ORDER BY activity_id');
  const recount = await db.query(
    'SELECT activity_id, count(*)::int AS feedback_count, sum(rating)::int AS rating_sum FROM feedback GROUP BY activity_id ORDER BY activity_id');
  expect(maintained).toEqual(recount);
}

let demo: string[];
let history: string[];
beforeAll(async () => {
  hub = await startHub();
  tokens = {
    u1: await hub.token({ role: 'public', sub: 'u1' }),
    u2: await hub.token({ role: 'public', sub: 'u2' }),
    u3: await hub.token({ role: 'public', sub: 'u3' }),
    organizer: await hub.token({ role: 'organizer', org: ORG.hubei, sub: 'hubei-officer' }),
    admin: await hub.token({ role: 'admin', sub: 'host' }),
  };
  [demo, history] = await Promise.all([activityIds(year, 'REGISTERED'), activityIds(2020, 'COMPLETED')]);
  expect(demo.length).toBeGreaterThan(5);
  expect(history.length).toBeGreaterThan(5);
});
afterAll(async () => {
  await hub?.close();
});

describe('postFeedback', () => {
  it('records a rating on a registered activity, with the activity\'s organiser path, region and campaign', async () => {
    const activityId = demo[0];
    const before = await totals(activityId);
    const result = await post(activityId, 4, tokens.u1, '  讲解很专业  ');
    const posted = dataOf(result).postFeedback;
    expect(posted).toMatchObject({ rating: 4, comment: '讲解很专业', activity: { id: activityId } });
    expect(posted.activity.title.length).toBeGreaterThan(1); // resolved by the activities subgraph
    expect(posted.createdAt).toBe(posted.updatedAt);
    const after = await totals(activityId);
    expect(after.feedbackCount).toBe(before.feedbackCount + 1);

    const [stored] = await hub.subgraphs.evaluations.dataSource.query(
      'SELECT user_sub, organizer_path, region_code, campaign_year FROM feedback WHERE id = $1', [posted.id]);
    const [activity] = await hub.subgraphs.activities.dataSource.query(
      'SELECT organizer_path, region_code, campaign_year FROM activities WHERE id = $1', [activityId]);
    expect(stored).toEqual({ user_sub: 'u1', organizer_path: activity.organizer_path, region_code: activity.region_code, campaign_year: year });
    await totalsAgreeWithRecount();
  });

  it('accepts a completed activity of a past campaign', async () => {
    const result = await post(history[0], 5, tokens.u1);
    expect(dataOf(result).postFeedback).toMatchObject({ rating: 5, comment: null });
  });

  it('edits the same feedback on a repeat: updatedAt moves, the count stays, the sum follows', async () => {
    const activityId = demo[1];
    const first = dataOf(await post(activityId, 2, tokens.u2, '一般')).postFeedback;
    const afterFirst = await totals(activityId);
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = dataOf(await post(activityId, 5, tokens.u2)).postFeedback;
    expect(second.id).toBe(first.id);
    expect(second.createdAt).toBe(first.createdAt);
    expect(new Date(second.updatedAt).getTime()).toBeGreaterThan(new Date(first.updatedAt).getTime());
    // Omitted comment keeps the earlier one; an explicit null clears it.
    expect(second).toMatchObject({ rating: 5, comment: '一般' });
    const afterSecond = await totals(activityId);
    expect(afterSecond.feedbackCount).toBe(afterFirst.feedbackCount);
    await hub.settle();
    const [row] = await hub.subgraphs.evaluations.dataSource.query('SELECT rating_sum FROM activity_ratings WHERE activity_id = $1', [activityId]);
    const [recount] = await hub.subgraphs.evaluations.dataSource.query('SELECT sum(rating)::int AS s FROM feedback WHERE activity_id = $1', [activityId]);
    expect(row.rating_sum).toBe(recount.s);
    const third = dataOf(await post(activityId, 5, tokens.u2, null)).postFeedback;
    expect(third.comment).toBeNull();
    expect((await totals(activityId)).feedbackCount).toBe(afterFirst.feedbackCount);
  });

  it('refuses an anonymous caller (UNAUTHENTICATED) and a non-public role (FORBIDDEN), changing nothing', async () => {
    await expectRefused(hub, { query: POST, variables: { activityId: demo[2], rating: 4 } }, 'UNAUTHENTICATED');
    await expectRefused(hub, { query: POST, variables: { activityId: demo[2], rating: 4 }, token: tokens.organizer }, 'FORBIDDEN');
    const noSub = await hub.token({ role: 'public' });
    await expectRefused(hub, { query: POST, variables: { activityId: demo[2], rating: 4 }, token: noSub }, 'UNAUTHENTICATED');
  });

  it('refuses ratings outside 1–5 and comments over 500 characters with BAD_USER_INPUT naming the field', async () => {
    for (const rating of [0, 6, -1, 100]) {
      await expectRefused(hub, { query: POST, variables: { activityId: demo[2], rating }, token: tokens.u1 }, 'BAD_USER_INPUT', 'rating');
    }
    const long = '好'.repeat(501);
    await expectRefused(hub, { query: POST, variables: { activityId: demo[2], rating: 3, comment: long }, token: tokens.u1 }, 'BAD_USER_INPUT', 'comment');
    // A non-integer rating is not an Int: GraphQL refuses it before any resolver.
    const before = await evaluationsSnapshot(hub);
    const fractional = await hub.query(POST, { activityId: demo[2], rating: 3.5 }, tokens.u1);
    expect(fractional.errors).toBeDefined();
    expect(await evaluationsSnapshot(hub)).toEqual(before);
    // Exactly 500 is fine.
    expect(dataOf(await post(demo[2], 3, tokens.u3, '好'.repeat(500))).postFeedback.comment).toHaveLength(500);
  });

  it('refuses an unknown activity (NOT_FOUND) and a malformed id (BAD_USER_INPUT)', async () => {
    await expectRefused(hub, { query: POST, variables: { activityId: '00000000-0000-4000-8000-000000000000', rating: 4 }, token: tokens.u1 },
      'NOT_FOUND', 'activityId');
    await expectRefused(hub, { query: POST, variables: { activityId: 'not-an-id', rating: 4 }, token: tokens.u1 }, 'BAD_USER_INPUT', 'activityId');
  });

  it('refuses a withdrawn activity with CONFLICT naming its status', async () => {
    const activityId = demo[3];
    const withdrawn = await hub.query<{ withdrawActivity: { status: string } }>(
      `mutation($id: ID!) { withdrawActivity(id: $id, reason: "场地调整") { status } }`, { id: activityId }, tokens.admin);
    expect(dataOf(withdrawn).withdrawActivity.status).toBe('WITHDRAWN');
    const error = await expectRefused(hub, { query: POST, variables: { activityId, rating: 4 }, token: tokens.u1 }, 'CONFLICT');
    expect(error.message).toContain('WITHDRAWN');
    expect(error.extensions.status).toBe('WITHDRAWN');
  });
});

describe('myFeedback', () => {
  it('returns the signed-in user\'s own feedback, null for another user, and needs a signed-in user', async () => {
    const activityId = demo[4];
    const posted = dataOf(await post(activityId, 4, tokens.u1, '收获很大')).postFeedback;
    const mine = dataOf(await hub.query<{ myFeedback: Posted | null }>(MY, { id: activityId }, tokens.u1)).myFeedback;
    expect(mine).toMatchObject({ id: posted.id, rating: 4, comment: '收获很大' });
    expect(dataOf(await hub.query<{ myFeedback: Posted | null }>(MY, { id: activityId }, tokens.u2)).myFeedback).toBeNull();
    expect(firstError(await hub.query(MY, { id: activityId })).code).toBe('UNAUTHENTICATED');
  });

  it('never exposes who gave a rating', async () => {
    const result = await hub.query<{ __type: { fields: Array<{ name: string }> } }>(`{ __type(name: "Feedback") { fields { name } } }`);
    const fields = dataOf(result).__type.fields.map((field) => field.name);
    expect(fields).toEqual(expect.arrayContaining(['id', 'rating', 'comment', 'createdAt', 'updatedAt', 'activity']));
    expect(fields.filter((name) => /user|sub/i.test(name))).toEqual([]);
  });
});

describe('rating totals', () => {
  it('equal a from-scratch recount after a series of posts, edits and concurrent posts', async () => {
    const users = await Promise.all(Array.from({ length: 6 }, (_, index) => hub.token({ role: 'public', sub: `series-${index}` })));
    const targets = [demo[5], demo[6], history[1], history[2]];
    // Sequential posts and edits.
    for (const [index, token] of users.entries()) {
      for (const [offset, activityId] of targets.entries()) {
        dataOf(await post(activityId, ((index + offset) % 5) + 1, token));
      }
    }
    for (const token of users.slice(0, 3)) dataOf(await post(targets[0], 1, token, '改评'));
    // Concurrent posts: the same user twice on the same activity, and many users at once.
    const racing = await Promise.all([
      post(targets[1], 5, users[0]), post(targets[1], 2, users[0]), post(targets[1], 4, users[1]),
      ...users.map((token, index) => post(targets[2], (index % 5) + 1, token)),
    ]);
    for (const result of racing) dataOf(result);
    await totalsAgreeWithRecount();
    // And the public numbers agree with the rows.
    for (const activityId of targets) {
      const [row] = await hub.subgraphs.evaluations.dataSource.query(
        'SELECT count(*)::int AS n, avg(rating)::float AS average FROM feedback WHERE activity_id = $1', [activityId]);
      const shown = await totals(activityId);
      expect(shown.feedbackCount).toBe(row.n);
      expect(shown.averageRating).toBeCloseTo(row.average, 2);
    }
  });
});

describe('the sample seed', () => {
  it('stores every seeded rating with its activity\'s organiser path, region and campaign', async () => {
    const feedback: Array<{ activity_id: string; organizer_path: string[]; region_code: string; campaign_year: number }> =
      await hub.subgraphs.evaluations.dataSource.query(
        `SELECT activity_id, organizer_path, region_code, campaign_year FROM feedback WHERE user_sub LIKE 'seed-user-%'`);
    expect(feedback.length).toBeGreaterThan(100);
    const activities: Array<{ id: string; organizer_path: string[]; region_code: string; campaign_year: number }> =
      await hub.subgraphs.activities.dataSource.query('SELECT id, organizer_path, region_code, campaign_year FROM activities');
    const byId = new Map(activities.map((activity) => [activity.id, activity]));
    for (const row of feedback) {
      const activity = byId.get(row.activity_id)!;
      expect({ path: row.organizer_path, region: row.region_code, year: row.campaign_year })
        .toEqual({ path: activity.organizer_path, region: activity.region_code, year: activity.campaign_year });
    }
  });
});

describe('batching', () => {
  it('costs evaluations the same number of statements for 5 activities as for 50', async () => {
    const query = `query($first: Int) { activities(first: $first, filter: { campaign: 2020 }) {
      edges { node { id feedbackCount averageRating recommended } } } }`;
    const count = async (first: number) => {
      const before = hub.subgraphs.evaluations.statements.count;
      expect(dataOf(await hub.query(query, { first })).activities).toBeDefined();
      return hub.subgraphs.evaluations.statements.count - before;
    };
    const small = await count(5);
    expect(await count(50)).toBe(small);
    expect(small).toBe(2); // totals + recommended
  });
});
