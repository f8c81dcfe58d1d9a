import { cityAssociationName, orgId, provincialAssociationName } from '@kepuri/seed';
import { INDICATORS } from '../subgraphs/evaluations/src/assessment/indicator.enum';
import { proposeScores, type ProposalInputs } from '../subgraphs/evaluations/src/participation/participation.rules';
import { ORG, currentYearWindow } from './support/domain';
import { startHub, type TestHub } from './support/hub';
import { dataOf, expectRefused, firstError } from './support/evaluations';

let hub: TestHub;
let tokens: Record<string, string>;
const { year } = currentYearWindow();
const BEIJING = orgId(provincialAssociationName('北京市'));
const NANJING = orgId(cityAssociationName('南京市'));
const UNKNOWN = '00000000-0000-4000-8000-000000000000';

const ASSESS = `mutation($input: AssessOrganizationInput!) {
  assessOrganization(input: $input) { id total remarks createdAt assessedAt scores { indicator score } publicity: score(indicator: PUBLICITY)
    campaign { year } organization { id name } }
}`;
const COMMEND = `mutation($input: CommendInput!) {
  commend(input: $input) { id kind citation publishedAt campaign { year } organization { id name } activity { id title } }
}`;
const COMMENDATIONS = `query($campaign: Int!) { commendations(campaign: $campaign) { id kind citation organization { id name } activity { id title status } } }`;
const FIGURES = `activityCount participantCount jointActionActivityCount onlineActivityCount newsLinkCount completedActivityCount volunteerCount serviceHours
  feedbackCount averageRating`;
const PROPOSED = `proposedScores { socialMobilization jointActionImplementation onlineActivities publicity techVolunteering activityInformation
  publicEvaluation total scores { indicator score } }`;
const PARTICIPATION = `query($year: Int!, $id: ID!) { campaignParticipation(year: $year, organizationId: $id) { year organizationId ${FIGURES} ${PROPOSED} } }`;

interface Assessed { id: string; total: number; remarks: string | null; createdAt: string; assessedAt: string; publicity: number;
  scores: Array<{ indicator: string; score: number }>; organization: { id: string; name: string } }
type Figures = ProposalInputs & { year: number; organizationId: string };
interface Proposed { socialMobilization: number; jointActionImplementation: number; onlineActivities: number; publicity: number;
  techVolunteering: number; activityInformation: number; publicEvaluation: number; total: number; scores: Array<{ indicator: string; score: number }> }

const scoreList = (values: number[]) => INDICATORS.map((indicator, index) => ({ indicator, score: values[index] }));
const assess = (input: Record<string, unknown>, token = tokens.admin) => hub.query<{ assessOrganization: Assessed }>(ASSESS, { input }, token);

interface ActivityInfo { id: string; status: string; organizer: { id: string; path: string[] } }
async function activities(filter: Record<string, unknown>): Promise<ActivityInfo[]> {
  const result = await hub.query<{ activities: { edges: Array<{ node: ActivityInfo }> } }>(
    `query($filter: ActivityFilter) { activities(filter: $filter, first: 200) { edges { node { id status organizer { id path } } } } }`, { filter });
  return dataOf(result).activities.edges.map((edge) => edge.node);
}

beforeAll(async () => {
  hub = await startHub();
  tokens = {
    admin: await hub.token({ role: 'admin', sub: 'host' }),
    public: await hub.token({ role: 'public', sub: 'u1' }),
    hubeiSupervisor: await hub.token({ role: 'supervisor', org: ORG.hubei }),
    hubeiOrganizer: await hub.token({ role: 'organizer', org: ORG.hubei }),
    wuhan: await hub.token({ role: 'organizer', org: ORG.wuhan }),
    beijing: await hub.token({ role: 'organizer', org: BEIJING }),
  };
});
afterAll(async () => {
  await hub?.close();
});

describe('assessOrganization', () => {
  it('lets the host score a body on the seven indicators; the total is their mean, re-scoring edits it', async () => {
    const values = [80, 70, 90, 60, 75, 85, 72.5];
    const first = dataOf(await assess({ campaign: year, organizationId: ORG.hubei, scores: scoreList(values), remarks: '动员充分' })).assessOrganization;
    expect(first).toMatchObject({ remarks: '动员充分', publicity: 60, organization: { id: ORG.hubei, name: '湖北省科学技术协会' } });
    expect(first.scores).toEqual(scoreList(values));
    expect(first.total).toBeCloseTo(values.reduce((a, b) => a + b) / 7, 2);
    await new Promise((resolve) => setTimeout(resolve, 5));
    // Any order of the indicators is fine.
    const second = dataOf(await assess({ campaign: year, organizationId: ORG.hubei, scores: scoreList([100, 100, 100, 100, 100, 100, 93]).reverse() }))
      .assessOrganization;
    expect(second.id).toBe(first.id);
    expect(second.createdAt).toBe(first.createdAt);
    expect(new Date(second.assessedAt).getTime()).toBeGreaterThan(new Date(first.assessedAt).getTime());
    expect(second).toMatchObject({ total: 99, remarks: null });
    const [{ n }] = await hub.subgraphs.evaluations.dataSource.query('SELECT count(*)::int AS n FROM assessments WHERE organization_id = $1', [ORG.hubei]);
    expect(n).toBe(1);
  });

  it('is allowed at any time, also for a campaign whose deadlines have passed', async () => {
    const result = dataOf(await assess({ campaign: 2020, organizationId: ORG.hubei, scores: scoreList([0, 0, 0, 0, 0, 0, 0]) }));
    expect(result.assessOrganization.total).toBe(0);
    dataOf(await assess({ campaign: 2020, organizationId: BEIJING, scores: scoreList([90, 90, 90, 90, 90, 90, 90]) }));
    dataOf(await assess({ campaign: 2020, organizationId: ORG.physics, scores: scoreList([50, 50, 50, 50, 50, 50, 50]) }));
  });

  it('refuses a score outside 0–100, a missing or repeated indicator with BAD_USER_INPUT naming the indicator', async () => {
    const base = [50, 50, 50, 50, 50, 50, 50];
    const cases: Array<[Array<{ indicator: string; score: number }>, string]> = [
      [scoreList(base.map((value, index) => (index === 3 ? 100.5 : value))), 'PUBLICITY'],
      [scoreList(base.map((value, index) => (index === 0 ? -1 : value))), 'SOCIAL_MOBILIZATION'],
      [scoreList(base).filter((score) => score.indicator !== 'TECH_VOLUNTEERING'), 'TECH_VOLUNTEERING'],
      [[...scoreList(base), { indicator: 'PUBLIC_EVALUATION', score: 10 }], 'PUBLIC_EVALUATION'],
    ];
    for (const [scores, indicator] of cases) {
      const error = await expectRefused(hub, { query: ASSESS, variables: { input: { campaign: year, organizationId: BEIJING, scores } }, token: tokens.admin },
        'BAD_USER_INPUT', `scores.${indicator}`);
      expect(error.extensions.indicator).toBe(indicator);
      expect(error.message).toContain(indicator);
    }
    await expectRefused(hub, {
      query: ASSESS, variables: { input: { campaign: year, organizationId: BEIJING, scores: scoreList(base), remarks: '意'.repeat(2001) } }, token: tokens.admin,
    }, 'BAD_USER_INPUT', 'remarks');
    // 0 and 100 are inside.
    dataOf(await assess({ campaign: year, organizationId: BEIJING, scores: scoreList([0, 100, 0, 100, 0, 100, 0]) }));
  });

  it('is the host\'s alone, and needs a known campaign and organising body', async () => {
    const input = { campaign: year, organizationId: ORG.wuhan, scores: scoreList([60, 60, 60, 60, 60, 60, 60]) };
    await expectRefused(hub, { query: ASSESS, variables: { input } }, 'UNAUTHENTICATED');
    for (const token of [tokens.public, tokens.hubeiSupervisor, tokens.hubeiOrganizer, tokens.wuhan]) {
      await expectRefused(hub, { query: ASSESS, variables: { input }, token }, 'FORBIDDEN');
    }
    await expectRefused(hub, { query: ASSESS, variables: { input: { ...input, campaign: 2199 } }, token: tokens.admin }, 'NOT_FOUND', 'campaign');
    await expectRefused(hub, { query: ASSESS, variables: { input: { ...input, organizationId: UNKNOWN } }, token: tokens.admin }, 'NOT_FOUND', 'organizationId');
    await expectRefused(hub, { query: ASSESS, variables: { input: { ...input, organizationId: ORG.host } }, token: tokens.admin }, 'BAD_USER_INPUT', 'organizationId');
  });

  it('shows an assessment to the body, the supervisors above it and the host only', async () => {
    const query = `query($id: ID!, $campaign: Int!) { organization(id: $id) { assessment(campaign: $campaign) { id total } } }`;
    const seen = async (token?: string) =>
      dataOf(await hub.query<{ organization: { assessment: { total: number } | null } }>(query, { id: ORG.hubei, campaign: year }, token)).organization.assessment;
    for (const token of [tokens.admin, tokens.hubeiSupervisor, tokens.hubeiOrganizer]) expect(await seen(token)).toMatchObject({ total: 99 });
    for (const token of [undefined, tokens.public, tokens.wuhan, tokens.beijing]) expect(await seen(token)).toBeNull();
    const [{ id }] = await hub.subgraphs.evaluations.dataSource.query('SELECT id FROM assessments WHERE organization_id = $1 AND campaign_year = $2', [ORG.hubei, year]);
    const byId = `query($id: ID!) { assessment(id: $id) { id } }`;
    expect(dataOf(await hub.query<{ assessment: { id: string } | null }>(byId, { id }, tokens.hubeiSupervisor)).assessment).toEqual({ id });
    expect(dataOf(await hub.query<{ assessment: { id: string } | null }>(byId, { id }, tokens.beijing)).assessment).toBeNull();
  });

  it('ranks a campaign\'s assessments for the host, best total first, across pages', async () => {
    const query = `query($campaign: Int!, $after: String) { assessments(campaign: $campaign, first: 2, after: $after) {
      totalCount edges { node { total organization { id } } } pageInfo { hasNextPage endCursor } } }`;
    type Page = { assessments: { totalCount: number; edges: Array<{ node: { total: number; organization: { id: string } } }>; pageInfo: { hasNextPage: boolean; endCursor: string } } };
    const first = dataOf(await hub.query<Page>(query, { campaign: 2020 }, tokens.admin)).assessments;
    expect(first.totalCount).toBe(3);
    expect(first.pageInfo.hasNextPage).toBe(true);
    const second = dataOf(await hub.query<Page>(query, { campaign: 2020, after: first.pageInfo.endCursor }, tokens.admin)).assessments;
    expect(second.pageInfo.hasNextPage).toBe(false);
    expect([...first.edges, ...second.edges].map((edge) => [edge.node.organization.id, edge.node.total]))
      .toEqual([[BEIJING, 90], [ORG.physics, 50], [ORG.hubei, 0]]);
    expect(firstError(await hub.query(query, { campaign: 2020 }, tokens.hubeiSupervisor)).code).toBe('FORBIDDEN');
    expect(firstError(await hub.query(query, { campaign: 2020 })).code).toBe('UNAUTHENTICATED');
  });
});

describe('commend and commendations', () => {
  let completed: ActivityInfo;
  let registered: ActivityInfo;
  beforeAll(async () => {
    const all2020 = await activities({ campaign: 2020 });
    completed = all2020.find((activity) => activity.status === 'COMPLETED')!;
    registered = all2020.find((activity) => activity.status === 'REGISTERED')!;
  });

  it('lets the host commend units and completed activities, published at once in the public list', async () => {
    const unit = dataOf(await hub.query<{ commend: { id: string } }>(COMMEND,
      { input: { campaign: 2020, kind: 'ORGANIZATION', targetId: ORG.wuhan, citation: '工作扎实，组织有力' } }, tokens.admin)).commend;
    const activity = dataOf(await hub.query<{ commend: { id: string; organization: { id: string }; activity: { id: string } } }>(COMMEND,
      { input: { campaign: 2020, kind: 'ACTIVITY', targetId: completed.id, citation: '特色鲜明、实效显著' } }, tokens.admin)).commend;
    expect(activity).toMatchObject({ organization: { id: completed.organizer.id }, activity: { id: completed.id } });

    const listed = dataOf(await hub.query<{ commendations: Array<{ id: string; kind: string; organization: { id: string; name: string };
      activity: { id: string; title: string; status: string } | null }> }>(COMMENDATIONS, { campaign: 2020 })).commendations;
    expect(listed.map((item) => item.id)).toEqual([unit.id, activity.id]);
    expect(listed[0]).toMatchObject({ kind: 'ORGANIZATION', organization: { id: ORG.wuhan, name: '武汉市科学技术协会' }, activity: null });
    expect(listed[1]).toMatchObject({ kind: 'ACTIVITY', activity: { id: completed.id, status: 'COMPLETED' } });
    expect(listed[1].activity!.title.length).toBeGreaterThan(1);
    expect(dataOf(await hub.query<{ commendations: unknown[] }>(COMMENDATIONS, { campaign: year })).commendations).toEqual([]);
  });

  it('refuses duplicates, activities not completed, unknown targets and anyone but the host', async () => {
    const input = (over: Record<string, unknown>) => ({ input: { campaign: 2020, kind: 'ORGANIZATION', targetId: ORG.wuhan, citation: '再次表扬', ...over } });
    await expectRefused(hub, { query: COMMEND, variables: input({}), token: tokens.admin }, 'CONFLICT', 'targetId');
    await expectRefused(hub, { query: COMMEND, variables: input({ kind: 'ACTIVITY', targetId: completed.id }), token: tokens.admin }, 'CONFLICT', 'targetId');
    const notDone = await expectRefused(hub, { query: COMMEND, variables: input({ kind: 'ACTIVITY', targetId: registered.id }), token: tokens.admin },
      'CONFLICT', 'targetId');
    expect(notDone.extensions.status).toBe('REGISTERED');
    await expectRefused(hub, { query: COMMEND, variables: input({ kind: 'ACTIVITY', targetId: UNKNOWN }), token: tokens.admin }, 'NOT_FOUND', 'targetId');
    await expectRefused(hub, { query: COMMEND, variables: input({ targetId: UNKNOWN }), token: tokens.admin }, 'NOT_FOUND', 'targetId');
    await expectRefused(hub, { query: COMMEND, variables: input({ campaign: 2199, targetId: NANJING }), token: tokens.admin }, 'NOT_FOUND', 'campaign');
    await expectRefused(hub, { query: COMMEND, variables: input({ campaign: year, kind: 'ACTIVITY', targetId: completed.id }), token: tokens.admin },
      'BAD_USER_INPUT', 'targetId');
    await expectRefused(hub, { query: COMMEND, variables: input({ targetId: NANJING, citation: '好' }), token: tokens.admin }, 'BAD_USER_INPUT', 'citation');
    await expectRefused(hub, { query: COMMEND, variables: input({ targetId: ORG.host }), token: tokens.admin }, 'BAD_USER_INPUT', 'targetId');
    await expectRefused(hub, { query: COMMEND, variables: input({ targetId: NANJING }) }, 'UNAUTHENTICATED');
    for (const token of [tokens.public, tokens.hubeiSupervisor, tokens.wuhan]) {
      await expectRefused(hub, { query: COMMEND, variables: input({ targetId: NANJING }), token }, 'FORBIDDEN');
    }
  });
});

describe('proposed scores (CampaignParticipation @requires)', () => {
  it('proposes the seven scores from the activities and volunteering figures and the ratings below the organisation', async () => {
    const result = await hub.query<{ campaignParticipation: Figures & { proposedScores: Proposed } }>(PARTICIPATION, { year: 2020, id: ORG.hubei });
    const participation = dataOf(result).campaignParticipation;
    expect(participation.activityCount).toBeGreaterThan(0);
    const [ratings] = await hub.subgraphs.evaluations.dataSource.query(
      'SELECT count(*)::int AS n, avg(rating)::float AS average FROM feedback WHERE campaign_year = 2020 AND organizer_path @> ARRAY[$1::uuid]', [ORG.hubei]);
    expect(participation.feedbackCount).toBe(ratings.n);
    expect(participation.averageRating).toBeCloseTo(ratings.average, 2);
    const expected = proposeScores({ ...participation, averageRating: ratings.average });
    const proposed = participation.proposedScores;
    expect(proposed.scores).toEqual(INDICATORS.map((indicator) => ({ indicator, score: expected[indicator] })));
    expect(proposed).toMatchObject({
      socialMobilization: expected.SOCIAL_MOBILIZATION, jointActionImplementation: expected.JOINT_ACTION_IMPLEMENTATION,
      onlineActivities: expected.ONLINE_ACTIVITIES, publicity: expected.PUBLICITY, techVolunteering: expected.TECH_VOLUNTEERING,
      activityInformation: expected.ACTIVITY_INFORMATION, publicEvaluation: expected.PUBLIC_EVALUATION,
    });
    expect(proposed.total).toBeCloseTo(Object.values(expected).reduce((a, b) => a + b) / 7, 2);
    for (const { score } of proposed.scores) expect(score).toBeGreaterThanOrEqual(0);
    for (const { score } of proposed.scores) expect(score).toBeLessThanOrEqual(100);
    // The organisation's subtree counts: the host sees at least as much as Hubei.
    const host = dataOf(await hub.query<{ campaignParticipation: Figures & { proposedScores: Proposed } }>(PARTICIPATION, { year: 2020, id: ORG.host }))
      .campaignParticipation;
    expect(host.feedbackCount).toBeGreaterThanOrEqual(participation.feedbackCount);
    expect(host.proposedScores.socialMobilization).toBeGreaterThanOrEqual(proposed.socialMobilization);
  });

  it('follows new ratings under the organisation', async () => {
    const [activity] = (await activities({ campaign: year, organizerId: ORG.hubei, includeSubordinates: true })).filter((a) => a.status === 'REGISTERED');
    const before = dataOf(await hub.query<{ campaignParticipation: Figures & { proposedScores: Proposed } }>(PARTICIPATION, { year, id: ORG.hubei }))
      .campaignParticipation;
    for (let user = 0; user < 3; user += 1) {
      dataOf(await hub.query(`mutation($id: ID!) { postFeedback(activityId: $id, rating: 5) { id } }`, { id: activity.id },
        await hub.token({ role: 'public', sub: `proposal-${user}` })));
    }
    const after = dataOf(await hub.query<{ campaignParticipation: Figures & { proposedScores: Proposed } }>(PARTICIPATION, { year, id: ORG.hubei }))
      .campaignParticipation;
    expect(after.feedbackCount).toBe(before.feedbackCount + 3);
    expect(after.proposedScores.publicEvaluation).toBeGreaterThan(before.proposedScores.publicEvaluation);
  });

  it('answers on an assessment too, batching every assessment\'s ratings into one statement', async () => {
    const query = `query($campaign: Int!) { assessments(campaign: $campaign, first: 10) { edges { node { total organization { id }
      participation { organizationId feedbackCount ${PROPOSED} } } } } }`;
    const before = hub.subgraphs.evaluations.statements.count;
    const edges = dataOf(await hub.query<{ assessments: { edges: Array<{ node: { total: number; organization: { id: string };
      participation: { organizationId: string; proposedScores: Proposed } } }> } }>(query, { campaign: 2020 }, tokens.admin)).assessments.edges;
    const statements = hub.subgraphs.evaluations.statements.count - before;
    expect(edges).toHaveLength(3);
    for (const { node } of edges) {
      expect(node.participation.organizationId).toBe(node.organization.id);
      expect(node.participation.proposedScores.scores).toHaveLength(7);
    }
    // The page and its count, then the ratings below all three bodies: one statement in the first
    // fetch (feedbackCount) and one in the gateway's second fetch (proposedScores, after @requires).
    expect(statements).toBe(4);
  });

  it('refuses a malformed organisation id or year', async () => {
    expect(firstError(await hub.query(PARTICIPATION, { year: 2020, id: 'nope' })).code).toBe('BAD_USER_INPUT');
    expect(firstError(await hub.query(PARTICIPATION, { year: 1999, id: ORG.hubei })).code).toBe('BAD_USER_INPUT');
  });
});

describe('the proposal formula', () => {
  const zero: ProposalInputs = {
    activityCount: 0, participantCount: 0, jointActionActivityCount: 0, onlineActivityCount: 0, newsLinkCount: 0,
    completedActivityCount: 0, volunteerCount: 0, serviceHours: 0, feedbackCount: 0, averageRating: null,
  };

  it('gives 0 for nothing and stays below 100 however much', () => {
    expect(Object.values(proposeScores(zero))).toEqual([0, 0, 0, 0, 0, 0, 0]);
    const huge = proposeScores({
      activityCount: 1e7, participantCount: 1e9, jointActionActivityCount: 1e7, onlineActivityCount: 1e7, newsLinkCount: 1e7,
      completedActivityCount: 1e7, volunteerCount: 1e7, serviceHours: 1e8, feedbackCount: 1e7, averageRating: 5,
    });
    for (const score of Object.values(huge)) expect(score).toBeLessThanOrEqual(100);
    for (const score of Object.values(huge)) expect(score).toBeGreaterThan(99);
  });

  it('never lowers a score when any figure grows', () => {
    let seed = 7;
    const random = () => ((seed = (seed * 16807) % 2147483647) / 2147483647);
    const keys = Object.keys(zero) as Array<keyof ProposalInputs>;
    for (let trial = 0; trial < 500; trial += 1) {
      const base: ProposalInputs = { ...zero };
      for (const key of keys) (base[key] as number) = key === 'averageRating' ? 1 + random() * 4 : Math.floor(random() * 200);
      const key = keys[Math.floor(random() * keys.length)];
      const grown: ProposalInputs = { ...base, [key]: key === 'averageRating' ? Math.min(5, base.averageRating! + random()) : (base[key] as number) + 1 + Math.floor(random() * 50) };
      const [before, after] = [proposeScores(base), proposeScores(grown)];
      for (const indicator of INDICATORS) expect(after[indicator]).toBeGreaterThanOrEqual(before[indicator]);
    }
  });
});
