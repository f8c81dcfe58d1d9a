import { cityAssociationName, orgId, provincialAssociationName } from '@kepuri/seed';
import { ORG, currentYearWindow } from './support/domain';
import { startHub, type TestHub, SWEEP_LIMITS } from './support/hub';
import { dataOf, expectRefused, firstError } from './support/evaluations';

/** The clock every subgraph reads; null means the real time. */
let clock: Date | null = null;
let hub: TestHub;
let tokens: Record<string, string>;
const { year } = currentYearWindow();
const BEIJING = orgId(provincialAssociationName('北京市'));
const NANJING = orgId(cityAssociationName('南京市'));
const SUMMARY_DEADLINE_2020 = new Date('2020-10-17T00:00:00+08:00');
const RECOMMENDATION_DEADLINE_2020 = new Date('2020-10-24T00:00:00+08:00');
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

const SUBMIT = `mutation($input: SubmitWorkSummaryInput!) {
  submitWorkSummary(input: $input) { id content attachmentUrls submittedAt updatedAt campaign { year } organization { id name } }
}`;
const RECOMMEND = `mutation($input: RecommendInput!) {
  recommend(input: $input) { id kind status reason recommendedAt withdrawnAt campaign { year }
    recommender { id name } organization { id name } activity { id title status } }
}`;
const WITHDRAW = `mutation($id: ID!) { withdrawRecommendation(id: $id) { id status withdrawnAt } }`;

interface Summary { id: string; content: string; attachmentUrls: string[]; submittedAt: string; updatedAt: string; organization: { id: string; name: string } }
interface Recommended { id: string; kind: string; status: string; reason: string | null; withdrawnAt: string | null;
  recommender: { id: string; name: string }; organization: { id: string; name: string }; activity: { id: string; title: string; status: string } | null }

const content = (text: string) => `${text}：本单位围绕活动主题组织开展了系列科普活动，覆盖社区、学校和农村。`;
const submit = (input: Record<string, unknown>, token?: string) => hub.query<{ submitWorkSummary: Summary }>(SUBMIT, { input }, token);
const recommend = (input: Record<string, unknown>, token?: string) => hub.query<{ recommend: Recommended }>(RECOMMEND, { input }, token);

interface ActivityInfo { id: string; status: string; campaign: { year: number }; organizer: { id: string; type: string; path: string[] } }
async function activities(filter: Record<string, unknown>, first = 200): Promise<ActivityInfo[]> {
  const result = await hub.query<{ activities: { edges: Array<{ node: ActivityInfo }> } }>(
    `query($filter: ActivityFilter, $first: Int) { activities(filter: $filter, first: $first) {
      edges { node { id status campaign { year } organizer { id type path } } } } }`,
    { filter, first },
  );
  return dataOf(result).activities.edges.map((edge) => edge.node);
}

beforeAll(async () => {
  hub = await startHub({ now: () => clock ?? new Date(), gateway: { limits: SWEEP_LIMITS } });
  tokens = {
    admin: await hub.token({ role: 'admin', sub: 'host' }),
    public: await hub.token({ role: 'public', sub: 'u1' }),
    wuhan: await hub.token({ role: 'organizer', org: ORG.wuhan, sub: 'wuhan-officer' }),
    wuhanSupervisor: await hub.token({ role: 'supervisor', org: ORG.wuhan }),
    hubeiSupervisor: await hub.token({ role: 'supervisor', org: ORG.hubei, sub: 'hubei-head' }),
    hubeiOrganizer: await hub.token({ role: 'organizer', org: ORG.hubei }),
    hunanSupervisor: await hub.token({ role: 'supervisor', org: ORG.hunan }),
    beijing: await hub.token({ role: 'organizer', org: BEIJING }),
  };
});
afterEach(() => {
  clock = null;
});
afterAll(async () => {
  await hub?.close();
});

describe('submitWorkSummary', () => {
  it('lets an organiser submit its own summary, and a repeat before the deadline edits it', async () => {
    const first = dataOf(await submit({ campaign: year, content: content('初稿'), attachmentUrls: ['https://files.example.cn/a.pdf'] }, tokens.wuhan))
      .submitWorkSummary;
    expect(first).toMatchObject({ content: content('初稿'), attachmentUrls: ['https://files.example.cn/a.pdf'], organization: { id: ORG.wuhan, name: '武汉市科学技术协会' } });
    await new Promise((resolve) => setTimeout(resolve, 5));
    const second = dataOf(await submit({ campaign: year, organizationId: ORG.wuhan, content: content('定稿') }, tokens.wuhan)).submitWorkSummary;
    expect(second.id).toBe(first.id);
    expect(second.submittedAt).toBe(first.submittedAt);
    expect(new Date(second.updatedAt).getTime()).toBeGreaterThan(new Date(first.updatedAt).getTime());
    expect(second).toMatchObject({ content: content('定稿'), attachmentUrls: [] });
    const [{ n }] = await hub.subgraphs.evaluations.dataSource.query(
      'SELECT count(*)::int AS n FROM work_summaries WHERE organization_id = $1 AND campaign_year = $2', [ORG.wuhan, year]);
    expect(n).toBe(1);
  });

  it('lets a supervisor above the unit and the host submit for it', async () => {
    const bySupervisor = dataOf(await submit({ campaign: year, organizationId: ORG.hubeiMuseum, content: content('科技馆') }, tokens.hubeiSupervisor));
    expect(bySupervisor.submitWorkSummary.organization.id).toBe(ORG.hubeiMuseum);
    const byHost = dataOf(await submit({ campaign: year, organizationId: BEIJING, content: content('北京') }, tokens.admin));
    expect(byHost.submitWorkSummary.organization.id).toBe(BEIJING);
  });

  it('refuses callers who may not manage the unit', async () => {
    const input = { campaign: year, organizationId: ORG.hubei, content: content('越权') };
    await expectRefused(hub, { query: SUBMIT, variables: { input } }, 'UNAUTHENTICATED');
    await expectRefused(hub, { query: SUBMIT, variables: { input }, token: tokens.public }, 'FORBIDDEN');
    await expectRefused(hub, { query: SUBMIT, variables: { input }, token: tokens.wuhan }, 'FORBIDDEN'); // above it
    await expectRefused(hub, { query: SUBMIT, variables: { input }, token: tokens.wuhanSupervisor }, 'FORBIDDEN'); // above it
    await expectRefused(hub, { query: SUBMIT, variables: { input }, token: tokens.hunanSupervisor }, 'FORBIDDEN'); // another subtree
    await expectRefused(hub, { query: SUBMIT, variables: { input: { ...input, organizationId: ORG.wuhan } }, token: tokens.beijing }, 'FORBIDDEN');
  });

  it('refuses bad input with BAD_USER_INPUT naming the field', async () => {
    const base = { campaign: year, organizationId: ORG.wuhan, content: content('校验') };
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ ...base, content: '太短的总结' }, 'content'],
      [{ ...base, content: ` ${'短'.repeat(10)}${' '.repeat(15)}` }, 'content'],
      [{ ...base, content: '长'.repeat(20_001) }, 'content'],
      [{ ...base, attachmentUrls: ['ftp://files.example.cn/a.pdf'] }, 'attachmentUrls'],
      [{ ...base, attachmentUrls: ['javascript:alert(1)'] }, 'attachmentUrls'],
      [{ ...base, attachmentUrls: Array.from({ length: 11 }, (_, index) => `https://files.example.cn/${index}.pdf`) }, 'attachmentUrls'],
      [{ ...base, organizationId: 'not-an-id' }, 'organizationId'],
    ];
    for (const [input, field] of cases) {
      await expectRefused(hub, { query: SUBMIT, variables: { input }, token: tokens.wuhan }, 'BAD_USER_INPUT', field);
    }
    // The host acts for no organisation of its own: it must say which.
    await expectRefused(hub, { query: SUBMIT, variables: { input: { campaign: year, content: content('主办') } }, token: tokens.admin },
      'BAD_USER_INPUT', 'organizationId');
    // Exactly 20 and 20,000 characters and ten attachments are fine.
    dataOf(await submit({ ...base, content: '二'.repeat(20) }, tokens.wuhan));
    dataOf(await submit({ ...base, content: '二'.repeat(20_000), attachmentUrls: Array.from({ length: 10 }, (_, index) => `http://f.example.cn/${index}`) }, tokens.wuhan));
  });

  it('refuses an unknown campaign or organisation with NOT_FOUND', async () => {
    await expectRefused(hub, { query: SUBMIT, variables: { input: { campaign: 2199, content: content('无此年度') } }, token: tokens.wuhan },
      'NOT_FOUND', 'campaign');
    await expectRefused(hub, { query: SUBMIT, variables: { input: { campaign: year, organizationId: UNKNOWN, content: content('无此单位') } }, token: tokens.admin },
      'NOT_FOUND', 'organizationId');
  });

  it('refuses after the campaign\'s summary deadline with DEADLINE_PASSED naming it and its date', async () => {
    const input = { campaign: 2020, organizationId: ORG.hubeiMuseum, content: content('补交') };
    const error = await expectRefused(hub, { query: SUBMIT, variables: { input }, token: tokens.hubeiSupervisor }, 'DEADLINE_PASSED');
    expect(error.extensions).toMatchObject({ deadline: 'summary deadline', date: SUMMARY_DEADLINE_2020.toISOString() });
    expect(error.message).toContain('2020-10-17');
    // The deadline is exclusive: one millisecond before it the summary is accepted, at it refused.
    clock = new Date(SUMMARY_DEADLINE_2020.getTime() - 1);
    expect(dataOf(await submit(input, tokens.hubeiSupervisor)).submitWorkSummary.organization.id).toBe(ORG.hubeiMuseum);
    clock = SUMMARY_DEADLINE_2020;
    await expectRefused(hub, { query: SUBMIT, variables: { input: { ...input, content: content('改稿') } }, token: tokens.hubeiSupervisor }, 'DEADLINE_PASSED');
  });

  it('shows a summary to the unit, the supervisors above it and the host only', async () => {
    const query = `query($id: ID!, $campaign: Int!) { organization(id: $id) { name workSummary(campaign: $campaign) { content organization { id } } }
      workSummary(campaign: $campaign, organizationId: $id) { id } }`;
    const as = async (token?: string) =>
      dataOf(await hub.query<{ organization: { workSummary: { content: string } | null }; workSummary: { id: string } | null }>(
        query, { id: ORG.wuhan, campaign: year }, token));
    for (const token of [tokens.wuhan, tokens.hubeiSupervisor, tokens.admin]) {
      const seen = await as(token);
      expect(seen.organization.workSummary?.content).toBeDefined();
      expect(seen.workSummary).not.toBeNull();
    }
    for (const token of [undefined, tokens.public, tokens.beijing, tokens.hunanSupervisor]) {
      const seen = await as(token);
      expect(seen.organization.workSummary).toBeNull();
      expect(seen.workSummary).toBeNull();
    }
  });

  it('lists a campaign\'s summaries by the caller\'s scope', async () => {
    const query = `query($campaign: Int!) { workSummaries(campaign: $campaign, first: 50) { totalCount edges { node { organization { id } } } } }`;
    const ids = async (token: string) =>
      dataOf(await hub.query<{ workSummaries: { totalCount: number; edges: Array<{ node: { organization: { id: string } } }> } }>(query, { campaign: year }, token))
        .workSummaries.edges.map((edge) => edge.node.organization.id).sort();
    expect(await ids(tokens.admin)).toEqual([ORG.wuhan, ORG.hubeiMuseum, BEIJING].sort());
    expect(await ids(tokens.hubeiSupervisor)).toEqual([ORG.wuhan, ORG.hubeiMuseum].sort());
    expect(await ids(tokens.wuhan)).toEqual([ORG.wuhan]);
    expect(firstError(await hub.query(query, { campaign: year })).code).toBe('UNAUTHENTICATED');
    expect(firstError(await hub.query(query, { campaign: year }, tokens.public)).code).toBe('FORBIDDEN');
  });
});

describe('recommend', () => {
  let hubeiCompleted2020: ActivityInfo;
  let hubeiRegistered2020: ActivityInfo;
  let hubeiDemo: ActivityInfo;
  let otherCompleted2020: ActivityInfo;
  let societyCompleted2020: ActivityInfo;
  let physicsToken: string;

  beforeAll(async () => {
    const hubei2020 = await activities({ campaign: 2020, organizerId: ORG.hubei, includeSubordinates: true });
    hubeiCompleted2020 = hubei2020.find((activity) => activity.status === 'COMPLETED')!;
    hubeiRegistered2020 = hubei2020.find((activity) => activity.status === 'REGISTERED')!;
    hubeiDemo = (await activities({ campaign: year, organizerId: ORG.hubei, includeSubordinates: true }))[0];
    const all2020 = await activities({ campaign: 2020, status: 'COMPLETED' });
    otherCompleted2020 = all2020.find((activity) => !activity.organizer.path.includes(ORG.hubei))!;
    societyCompleted2020 = all2020.find((activity) => activity.organizer.type === 'NATIONAL_SOCIETY')!;
    for (const found of [hubeiCompleted2020, hubeiRegistered2020, hubeiDemo, otherCompleted2020, societyCompleted2020]) expect(found).toBeDefined();
    physicsToken = await hub.token({ role: 'supervisor', org: societyCompleted2020.organizer.id, sub: 'society-head' });
  });

  it('lets a provincial association recommend a unit strictly below it, once', async () => {
    const made = dataOf(await recommend({ campaign: year, kind: 'EXCELLENT_ORGANIZATION', targetId: ORG.wuhan, reason: '动员有力' }, tokens.hubeiSupervisor))
      .recommend;
    expect(made).toMatchObject({
      kind: 'EXCELLENT_ORGANIZATION', status: 'ACTIVE', reason: '动员有力', withdrawnAt: null, activity: null,
      recommender: { id: ORG.hubei, name: '湖北省科学技术协会' }, organization: { id: ORG.wuhan, name: '武汉市科学技术协会' },
    });
    const again = await expectRefused(hub, {
      query: RECOMMEND, variables: { input: { campaign: year, kind: 'EXCELLENT_ORGANIZATION', targetId: ORG.wuhan } }, token: tokens.hubeiSupervisor,
    }, 'CONFLICT', 'targetId');
    expect(again.extensions.recommendationId).toBe(made.id);

    const listed = dataOf(await hub.query<{ wuhan: { recommendations: Array<{ id: string }> }; hubei: { recommendationsMade: Array<{ id: string }> } }>(
      `query($wuhan: ID!, $hubei: ID!, $campaign: Int!) {
        wuhan: organization(id: $wuhan) { recommendations(campaign: $campaign) { id } }
        hubei: organization(id: $hubei) { recommendationsMade { id } } }`,
      { wuhan: ORG.wuhan, hubei: ORG.hubei, campaign: year }));
    expect(listed.wuhan.recommendations.map((r) => r.id)).toEqual([made.id]);
    expect(listed.hubei.recommendationsMade.map((r) => r.id)).toContain(made.id);
  });

  it('refuses a unit that is not strictly below the recommender with FORBIDDEN', async () => {
    for (const targetId of [ORG.hubei, BEIJING, NANJING, ORG.host]) {
      await expectRefused(hub, {
        query: RECOMMEND, variables: { input: { campaign: year, kind: 'EXCELLENT_ORGANIZATION', targetId } }, token: tokens.hubeiSupervisor,
      }, 'FORBIDDEN', 'targetId');
    }
    await expectRefused(hub, {
      query: RECOMMEND, variables: { input: { campaign: year, kind: 'EXCELLENT_ORGANIZATION', targetId: UNKNOWN } }, token: tokens.hubeiSupervisor,
    }, 'NOT_FOUND', 'targetId');
  });

  it('only lets supervisors of national societies and provincial associations recommend', async () => {
    const variables = { input: { campaign: year, kind: 'EXCELLENT_ORGANIZATION', targetId: ORG.hubeiMuseum } };
    await expectRefused(hub, { query: RECOMMEND, variables }, 'UNAUTHENTICATED');
    for (const token of [tokens.public, tokens.admin, tokens.hubeiOrganizer, tokens.wuhanSupervisor]) {
      await expectRefused(hub, { query: RECOMMEND, variables, token }, 'FORBIDDEN');
    }
  });

  it('refuses bad input with BAD_USER_INPUT naming the field', async () => {
    const base = { campaign: year, kind: 'EXCELLENT_ORGANIZATION', targetId: ORG.hubeiMuseum };
    await expectRefused(hub, { query: RECOMMEND, variables: { input: { ...base, reason: '优'.repeat(1001) } }, token: tokens.hubeiSupervisor },
      'BAD_USER_INPUT', 'reason');
    await expectRefused(hub, { query: RECOMMEND, variables: { input: { ...base, targetId: 'x' } }, token: tokens.hubeiSupervisor },
      'BAD_USER_INPUT', 'targetId');
    await expectRefused(hub, { query: RECOMMEND, variables: { input: { ...base, campaign: 2199 } }, token: tokens.hubeiSupervisor },
      'NOT_FOUND', 'campaign');
  });

  it('refuses an activity that is not completed with CONFLICT naming its status', async () => {
    const error = await expectRefused(hub, {
      query: RECOMMEND, variables: { input: { campaign: year, kind: 'EXCELLENT_ACTIVITY', targetId: hubeiDemo.id } }, token: tokens.hubeiSupervisor,
    }, 'CONFLICT', 'targetId');
    expect(error.extensions.status).toBe(hubeiDemo.status);
    expect(error.message).toContain(hubeiDemo.status);
  });

  it('recommends a completed activity organised at or below the recommender before the deadline, and refuses after it', async () => {
    // Between the 2020 summary and recommendation deadlines.
    clock = new Date('2020-10-20T10:00:00+08:00');
    const made = dataOf(await recommend({ campaign: 2020, kind: 'EXCELLENT_ACTIVITY', targetId: hubeiCompleted2020.id }, tokens.hubeiSupervisor)).recommend;
    expect(made).toMatchObject({
      kind: 'EXCELLENT_ACTIVITY', status: 'ACTIVE', activity: { id: hubeiCompleted2020.id, status: 'COMPLETED' },
      organization: { id: hubeiCompleted2020.organizer.id }, recommender: { id: ORG.hubei },
    });
    // A national society recommends an activity it organised itself (below-or-equal).
    const bySociety = dataOf(await recommend({ campaign: 2020, kind: 'EXCELLENT_ACTIVITY', targetId: societyCompleted2020.id, reason: '特色鲜明' }, physicsToken));
    expect(bySociety.recommend.recommender.id).toBe(societyCompleted2020.organizer.id);

    const refuse = (targetId: string, token: string, code: string, campaign = 2020) =>
      expectRefused(hub, { query: RECOMMEND, variables: { input: { campaign, kind: 'EXCELLENT_ACTIVITY', targetId } }, token }, code, 'targetId');
    await refuse(hubeiCompleted2020.id, tokens.hubeiSupervisor, 'CONFLICT'); // again
    await refuse(hubeiRegistered2020.id, tokens.hubeiSupervisor, 'CONFLICT'); // not completed
    await refuse(otherCompleted2020.id, tokens.hubeiSupervisor, 'FORBIDDEN'); // outside the subtree
    await refuse(hubeiCompleted2020.id, physicsToken, 'FORBIDDEN');
    await refuse(UNKNOWN, tokens.hubeiSupervisor, 'NOT_FOUND');
    await refuse(hubeiCompleted2020.id, tokens.hubeiSupervisor, 'BAD_USER_INPUT', year); // another campaign's activity

    const flags = dataOf(await hub.query<{ a: { recommended: boolean }; b: { recommended: boolean } }>(
      `query($a: ID!, $b: ID!) { a: activity(id: $a) { recommended } b: activity(id: $b) { recommended } }`,
      { a: hubeiCompleted2020.id, b: hubeiRegistered2020.id }));
    expect(flags).toEqual({ a: { recommended: true }, b: { recommended: false } });

    // At the deadline (exclusive) recommending and withdrawing are over.
    clock = RECOMMENDATION_DEADLINE_2020;
    const late = await expectRefused(hub, {
      query: RECOMMEND, variables: { input: { campaign: 2020, kind: 'EXCELLENT_ORGANIZATION', targetId: ORG.hubeiMuseum } }, token: tokens.hubeiSupervisor,
    }, 'DEADLINE_PASSED');
    expect(late.extensions).toMatchObject({ deadline: 'recommendation deadline', date: RECOMMENDATION_DEADLINE_2020.toISOString() });
    expect(late.message).toContain('2020-10-24');
    const lateWithdraw = await expectRefused(hub, { query: WITHDRAW, variables: { id: made.id }, token: tokens.hubeiSupervisor }, 'DEADLINE_PASSED');
    expect(lateWithdraw.extensions.deadline).toBe('recommendation deadline');
  });

  it('refuses 2020 on the real clock: its recommendation deadline has passed', async () => {
    await expectRefused(hub, {
      query: RECOMMEND, variables: { input: { campaign: 2020, kind: 'EXCELLENT_ORGANIZATION', targetId: ORG.hubeiMuseum } }, token: tokens.hubeiSupervisor,
    }, 'DEADLINE_PASSED');
  });
});

describe('withdrawRecommendation', () => {
  it('lets the recommender withdraw before the deadline, once; the target may then be recommended again', async () => {
    const made = dataOf(await recommend({ campaign: year, kind: 'EXCELLENT_ORGANIZATION', targetId: ORG.hubeiMuseum }, tokens.hubeiSupervisor)).recommend;
    await expectRefused(hub, { query: WITHDRAW, variables: { id: made.id } }, 'UNAUTHENTICATED');
    await expectRefused(hub, { query: WITHDRAW, variables: { id: made.id }, token: tokens.hunanSupervisor }, 'FORBIDDEN');
    await expectRefused(hub, { query: WITHDRAW, variables: { id: made.id }, token: tokens.admin }, 'FORBIDDEN');
    await expectRefused(hub, { query: WITHDRAW, variables: { id: UNKNOWN }, token: tokens.hubeiSupervisor }, 'NOT_FOUND', 'id');

    const withdrawn = dataOf(await hub.query<{ withdrawRecommendation: { id: string; status: string; withdrawnAt: string } }>(
      WITHDRAW, { id: made.id }, tokens.hubeiSupervisor)).withdrawRecommendation;
    expect(withdrawn).toMatchObject({ id: made.id, status: 'WITHDRAWN' });
    expect(withdrawn.withdrawnAt).not.toBeNull();
    await expectRefused(hub, { query: WITHDRAW, variables: { id: made.id }, token: tokens.hubeiSupervisor }, 'CONFLICT');

    const listed = dataOf(await hub.query<{ organization: { recommendations: Array<{ id: string }> } }>(
      `query($id: ID!, $campaign: Int!) { organization(id: $id) { recommendations(campaign: $campaign) { id } } }`, { id: ORG.hubeiMuseum, campaign: year }));
    expect(listed.organization.recommendations).toEqual([]);
    const again = dataOf(await recommend({ campaign: year, kind: 'EXCELLENT_ORGANIZATION', targetId: ORG.hubeiMuseum }, tokens.hubeiSupervisor));
    expect(again.recommend.id).not.toBe(made.id);
    const byId = dataOf(await hub.query<{ recommendation: { status: string } }>(`query($id: ID!) { recommendation(id: $id) { status } }`, { id: made.id }));
    expect(byId.recommendation.status).toBe('WITHDRAWN');
  });
});

describe('batching', () => {
  it('costs evaluations the same number of statements for 5 organisations as for 40', async () => {
    const query = `query($first: Int, $campaign: Int!) { organizations(first: $first) { edges { node { id
      workSummary(campaign: $campaign) { id } recommendations(campaign: $campaign) { id organization { id } }
      recommendationsMade { id } assessment(campaign: $campaign) { id } } } } }`;
    const count = async (first: number) => {
      const before = hub.subgraphs.evaluations.statements.count;
      dataOf(await hub.query(query, { first, campaign: year }, tokens.admin));
      return hub.subgraphs.evaluations.statements.count - before;
    };
    const small = await count(5);
    expect(await count(40)).toBe(small);
    expect(small).toBe(4);
  });
});
