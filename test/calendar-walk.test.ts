import { ORG, errorOf } from './support/domain';
import { startHub, type TestHub } from './support/hub';

/**
 * One campaign walked from before registration to commendation on the hub's clock, as organiser,
 * supervisor, host and public user: every step through the gateway, every forbidden path refused
 * with its code and nothing changed in any subgraph.
 */
const YEAR = 2032;
const china = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`);
// The seed's demo campaign takes the clock's year at start: keep it out of the walked year.
let clock = china(`${YEAR - 1}-07-01`);
let hub: TestHub;
let t: Record<string, string>;
let activityId: string;

async function everyTableCount(): Promise<Record<string, number>> {
  const counts: Record<string, number> = {};
  for (const [name, app] of Object.entries(hub.subgraphs)) {
    const tables: Array<{ table_name: string }> = await app.dataSource.query(
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE' ORDER BY 1");
    for (const { table_name: table } of tables) {
      const [{ n, changed }] = await app.dataSource.query(`SELECT count(*)::int AS n, md5(string_agg(t::text, '' ORDER BY t::text)) AS changed FROM "${table}" t`);
      counts[`${name}.${table}`] = n;
      counts[`${name}.${table}#`] = changed;
    }
  }
  return counts;
}

/** A step that must be refused with `code` and leave every table of every subgraph (rollup queues included) as it was. */
async function refused(query: string, variables: Record<string, unknown>, token: string | undefined, code: string) {
  await hub.settle(); // earlier writes applied first
  const before = await everyTableCount();
  const result = await hub.query(query, variables, token);
  expect({ query: query.slice(0, 60), code: errorOf(result).code }).toEqual({ query: query.slice(0, 60), code });
  expect(await everyTableCount()).toEqual(before);
  return result;
}

async function ok<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> {
  const result = await hub.query<T>(query, variables, token);
  expect(result.errors).toBeUndefined();
  return result.data!;
}

const REGISTER = `mutation($input: RegisterActivityInput!) { registerActivity(input: $input) { id status label } }`;
const UPDATE = `mutation($id: ID!) { updateActivity(id: $id, input: { title: "改名后的节水科普" }) { id } }`;
const COMPLETE = `mutation($id: ID!) { completeActivityInfo(id: $id, input: { actualParticipants: 420, newsLinks: ["https://news.example.cn/water"] }) { status } }`;
const CHECK_IN = `mutation($id: ID!) { checkIn(activityId: $id) { activity { checkInCount } } }`;
const FEEDBACK = `mutation($id: ID!) { postFeedback(activityId: $id, rating: 5, comment: "很有收获") { rating } }`;
const SUMMARY = `mutation($input: SubmitWorkSummaryInput!) { submitWorkSummary(input: $input) { id } }`;
const RECOMMEND = `mutation($input: RecommendInput!) { recommend(input: $input) { id } }`;
const ASSESS = `mutation($input: AssessOrganizationInput!) { assessOrganization(input: $input) { total participation { proposedScores { socialMobilization } } } }`;
const COMMEND = `mutation($input: CommendInput!) { commend(input: $input) { id } }`;

const activityInput = (organizerId: string) => ({
  campaign: YEAR, organizerId, title: '节水科普进社区', regionCode: '420111', category: 'JOINT_ACTION', jointAction: 'WATER_SAVING',
  contentAreas: ['SCIENTIFIC_SPIRIT'], mode: 'OFFLINE', venueKind: 'COMMUNITY', address: '武汉市洪山区某社区',
  startsAt: china(`${YEAR}-09-20`, '09:00').toISOString(), endsAt: china(`${YEAR}-09-20`, '17:00').toISOString(), expectedParticipants: 300,
});
const scores = (value: number) => ['SOCIAL_MOBILIZATION', 'JOINT_ACTION_IMPLEMENTATION', 'ONLINE_ACTIVITIES', 'PUBLICITY', 'TECH_VOLUNTEERING',
  'ACTIVITY_INFORMATION', 'PUBLIC_EVALUATION'].map((indicator) => ({ indicator, score: value }));

beforeAll(async () => {
  hub = await startHub({ now: () => clock });
  t = {
    admin: await hub.token({ role: 'admin' }),
    wuhan: await hub.token({ role: 'organizer', org: ORG.wuhan, sub: 'wuhan-officer' }),
    hubei: await hub.token({ role: 'supervisor', org: ORG.hubei, sub: 'hubei-head' }),
    hunan: await hub.token({ role: 'supervisor', org: ORG.hunan }),
    physics: await hub.token({ role: 'organizer', org: ORG.physics }),
    citizen: await hub.token({ role: 'public', sub: 'citizen-1' }),
  };
  await ok(`mutation($input: SaveCampaignInput!) { saveCampaign(input: $input) { year } }`, {
    input: {
      year: YEAR, theme: '科技为民，共享未来',
      concentratedStartsAt: china(`${YEAR}-09-19`, '00:00'), concentratedEndsAt: china(`${YEAR}-09-26`, '00:00'),
      registrationOpensAt: china(`${YEAR}-08-03`, '00:00'), registrationClosesAt: china(`${YEAR}-09-26`, '00:00'),
      infoCompletionDeadline: china(`${YEAR}-10-10`, '00:00'), summaryDeadline: china(`${YEAR}-10-17`, '00:00'),
      recommendationDeadline: china(`${YEAR}-10-24`, '00:00'),
    },
  }, t.admin);
});
afterAll(async () => {
  await hub?.close();
});

describe(`the ${YEAR} campaign, day by day`, () => {
  it('July: registration has not opened', async () => {
    clock = china(`${YEAR}-07-01`);
    const result = await refused(REGISTER, { input: activityInput(ORG.wuhan) }, t.wuhan, 'BAD_USER_INPUT');
    expect(errorOf(result).field).toBe('campaign');
  });

  it('August: the organiser registers; a supervisor registers below itself; others are refused', async () => {
    clock = china(`${YEAR}-08-10`);
    const own = await ok<{ registerActivity: { id: string; status: string; label: string } }>(REGISTER, { input: activityInput(ORG.wuhan) }, t.wuhan);
    expect(own.registerActivity).toMatchObject({ status: 'REGISTERED', label: `${YEAR}年全国科普日活动` });
    activityId = own.registerActivity.id;
    await ok(REGISTER, { input: { ...activityInput(ORG.hubeiMuseum), title: '湖北科技馆科普阵地开放日' } }, t.hubei);
    await refused(REGISTER, { input: activityInput(ORG.wuhan) }, t.hunan, 'FORBIDDEN');
    await refused(REGISTER, { input: activityInput(ORG.wuhan) }, t.physics, 'FORBIDDEN');
    await refused(REGISTER, { input: activityInput(ORG.wuhan) }, t.citizen, 'FORBIDDEN');
    await refused(REGISTER, { input: activityInput(ORG.wuhan) }, undefined, 'UNAUTHENTICATED');
    await ok(`mutation { registerVolunteer(input: { name: "张伟", regionCode: "420100", organizationId: "${ORG.wuhan}", skills: ["科普讲解"] }) { id } }`, {}, t.wuhan);
  });

  it('the activity\'s day: the public checks in and rates it; a volunteer\'s service is recorded', async () => {
    clock = china(`${YEAR}-09-20`, '11:00');
    await ok(CHECK_IN, { id: activityId }, t.citizen);
    await refused(CHECK_IN, { id: activityId }, undefined, 'UNAUTHENTICATED');
    await ok(FEEDBACK, { id: activityId }, t.citizen);
    await refused(FEEDBACK, { id: activityId }, undefined, 'UNAUTHENTICATED');
    const volunteers = await ok<{ volunteers: { edges: Array<{ node: { id: string } }> } }>(
      `query($org: ID!) { volunteers(filter: { organizationId: $org }) { edges { node { id } } } }`, { org: ORG.wuhan }, t.wuhan);
    const volunteerId = volunteers.volunteers.edges[0].node.id;
    const service = { input: { volunteerId, activityId, serviceDate: `${YEAR}-09-20`, hours: 4, serviceType: 'PUBLICITY' } };
    const RECORD = `mutation($input: RecordServiceInput!) { recordService(input: $input) { hours } }`;
    await refused(RECORD, service, t.physics, 'FORBIDDEN');
    await ok(RECORD, service, t.wuhan);
    await hub.settle(); // the figures take the day's writes within the rollup applier's bound
    const figures = await ok<{ activity: { checkInCount: number; feedbackCount: number; averageRating: number; volunteerCount: number; serviceHours: number } }>(
      `query($id: ID!) { activity(id: $id) { checkInCount feedbackCount averageRating volunteerCount serviceHours } }`, { id: activityId });
    expect(figures.activity).toEqual({ checkInCount: 1, feedbackCount: 1, averageRating: 5, volunteerCount: 1, serviceHours: 4 });
  });

  it('after registration closes: no new activities or changes, results are still welcome', async () => {
    clock = china(`${YEAR}-09-27`);
    const late = await refused(REGISTER, { input: activityInput(ORG.wuhan) }, t.wuhan, 'DEADLINE_PASSED');
    expect(late.errors![0].extensions).toMatchObject({ deadline: 'registration deadline' });
    await refused(UPDATE, { id: activityId }, t.wuhan, 'DEADLINE_PASSED');
    await refused(COMPLETE, { id: activityId }, t.physics, 'FORBIDDEN');
    expect((await ok<{ completeActivityInfo: { status: string } }>(COMPLETE, { id: activityId }, t.wuhan)).completeActivityInfo.status).toBe('COMPLETED');
  });

  it('after the info-completion deadline: the work summary, by its own organisation only', async () => {
    clock = china(`${YEAR}-10-12`);
    await refused(COMPLETE, { id: activityId }, t.wuhan, 'DEADLINE_PASSED');
    const summary = { input: { campaign: YEAR, content: '本单位围绕节水主题开展社区科普活动，参与群众四百余人，志愿者提供讲解服务。' } };
    await refused(SUMMARY, { input: { ...summary.input, organizationId: ORG.wuhan } }, t.physics, 'FORBIDDEN');
    await ok(SUMMARY, summary, t.wuhan);
  });

  it('after the summary deadline: the provincial association recommends what is below it', async () => {
    clock = china(`${YEAR}-10-20`);
    await refused(SUMMARY, { input: { campaign: YEAR, content: '迟交的工作总结内容，超过了截止日期的提交。' } }, t.wuhan, 'DEADLINE_PASSED');
    const activity = { input: { campaign: YEAR, kind: 'EXCELLENT_ACTIVITY', targetId: activityId, reason: '特色鲜明、实效显著' } };
    const unit = { input: { campaign: YEAR, kind: 'EXCELLENT_ORGANIZATION', targetId: ORG.wuhan } };
    await refused(RECOMMEND, activity, t.hunan, 'FORBIDDEN');
    await refused(RECOMMEND, activity, t.wuhan, 'FORBIDDEN');
    await ok(RECOMMEND, activity, t.hubei);
    await ok(RECOMMEND, unit, t.hubei);
    await refused(RECOMMEND, unit, t.hubei, 'CONFLICT');
    const recommended = await ok<{ activity: { recommended: boolean } }>(`query($id: ID!) { activity(id: $id) { recommended } }`, { id: activityId });
    expect(recommended.activity.recommended).toBe(true);
  });

  it('after the recommendation deadline: the host assesses with proposed scores and commends', async () => {
    clock = china(`${YEAR}-10-25`);
    await refused(RECOMMEND, { input: { campaign: YEAR, kind: 'EXCELLENT_ORGANIZATION', targetId: ORG.hubeiMuseum } }, t.hubei, 'DEADLINE_PASSED');
    const participation = await ok<{ campaignParticipation: { activityCount: number; serviceHours: number; feedbackCount: number; proposedScores: { socialMobilization: number } } }>(
      `query($org: ID!) { campaignParticipation(year: ${YEAR}, organizationId: $org) { activityCount serviceHours feedbackCount proposedScores { socialMobilization } } }`,
      { org: ORG.hubei }, t.admin);
    expect(participation.campaignParticipation).toMatchObject({ activityCount: 2, serviceHours: 4, feedbackCount: 1 });
    expect(participation.campaignParticipation.proposedScores.socialMobilization).toBeGreaterThan(0);
    const assessment = { input: { campaign: YEAR, organizationId: ORG.hubei, scores: scores(88), remarks: '工作扎实' } };
    await refused(ASSESS, assessment, t.hubei, 'FORBIDDEN');
    await refused(ASSESS, { input: { ...assessment.input, scores: scores(101) } }, t.admin, 'BAD_USER_INPUT');
    const assessed = await ok<{ assessOrganization: { total: number } }>(ASSESS, assessment, t.admin);
    expect(assessed.assessOrganization.total).toBe(88);
    const commendation = { input: { campaign: YEAR, kind: 'ACTIVITY', targetId: activityId, citation: '特色鲜明、实效显著的活动' } };
    await refused(COMMEND, commendation, t.hubei, 'FORBIDDEN');
    await ok(COMMEND, commendation, t.admin);
    const published = await ok<{ commendations: Array<unknown> }>(`{ commendations(campaign: ${YEAR}) { id } }`, {});
    expect(published.commendations).toHaveLength(1);
  });
});
