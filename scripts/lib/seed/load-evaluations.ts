import { DAY_MS } from '@kepuri/platform';
import { SUB_PROVINCIAL_CITIES, cityAssociationName } from '@kepuri/seed';
import { EVALUATION_STATS_TABLES, recountEvaluationStats } from '../../../subgraphs/evaluations/src/stats/evaluation-stats.recount';
import { NULL, array, text, timestamp } from './copy';
import type { DatabaseLoad } from './load';
import { CATEGORY, STATUS, userWalk, type World } from './plan';
import { between, createRng, fastUuid, normal, pick } from './random';
import type { TableShape } from './schema';
import { COMMENTS } from './vocabulary';

/**
 * The evaluations database: public feedback (one per user and activity) with the activity's
 * organiser path, region and campaign, the 2020 campaign's work summaries, recommendations,
 * assessments and commendations, then the per-activity totals and dashboard rollups derived from them.
 */

export const FEEDBACK: TableShape = {
  table: 'feedback',
  columns: ['id', 'activity_id', 'user_sub', 'rating', 'comment', 'organizer_path', 'region_code', 'campaign_year', 'created_at', 'updated_at'],
};
export const WORK_SUMMARIES: TableShape = {
  table: 'work_summaries',
  columns: ['id', 'campaign_year', 'organization_id', 'organization_path', 'content', 'attachment_urls', 'submitted_by', 'created_at', 'updated_at'],
};
export const RECOMMENDATIONS: TableShape = {
  table: 'recommendations',
  columns: ['id', 'campaign_year', 'kind', 'target_id', 'organization_id', 'organization_path', 'region_code', 'recommender_id', 'reason',
    'recommended_by', 'created_at', 'withdrawn_at', 'withdrawn_by'],
};
const INDICATOR_COLUMNS = ['social_mobilization', 'joint_action_implementation', 'online_activities', 'publicity', 'tech_volunteering',
  'activity_information', 'public_evaluation'];
export const ASSESSMENTS: TableShape = {
  table: 'assessments',
  columns: ['id', 'campaign_year', 'organization_id', 'organization_path', ...INDICATOR_COLUMNS, 'remarks', 'assessed_by', 'created_at', 'assessed_at'],
  defaulted: ['total'],
};
export const COMMENDATIONS: TableShape = {
  table: 'commendations',
  columns: ['id', 'campaign_year', 'kind', 'target_id', 'organization_id', 'organization_path', 'region_code', 'citation', 'commended_by', 'published_at'],
};
export const EVALUATIONS_TABLES = [FEEDBACK, WORK_SUMMARIES, RECOMMENDATIONS, ASSESSMENTS, COMMENDATIONS];

/** Feedback from the same users who checked in (user j of the activity's walk), after the activity began. */
function* feedbackLines(world: World): Generator<string> {
  const plan = world.activities;
  const rng = createRng(2260_0401);
  let row = 0;
  for (let i = 0; i < plan.count; i += 1) {
    const f = plan.feedback[i];
    if (f === 0) continue;
    const { base, stride } = userWalk(world, i);
    const quality = 0.35 * normal(rng);
    const from = plan.startsAt[i];
    const span = Math.min(from + 14 * DAY_MS, world.cutoff) - from;
    const fixed = `\t${world.pathText[plan.organizer[i]]}\t${world.regions[plan.region[i]].code}\t${world.campaigns[plan.campaign[i]].year}\t`;
    for (let j = 0; j < f; j += 1) {
      const rating = Math.min(5, Math.max(1, Math.round(4.35 + quality + 0.85 * normal(rng))));
      const comment = rating <= 2 ? pick(rng, ['活动组织有待改进', '现场秩序一般', '内容和宣传不太一致', null]) : pick(rng, COMMENTS);
      const at = timestamp(from + Math.floor(rng() * span));
      yield `${fastUuid(0xfeed, row++)}\t${plan.ids[i]}\tseed-user-${(base + j * stride) % world.users}\t${rating}\t${
        comment === null ? NULL : text(comment)}${fixed}${at}\t${at}\n`;
    }
  }
}

/** What each organisation organised in 2020: activities, expected participants, completed ones. */
function organiserFacts(world: World) {
  const plan = world.activities;
  const facts = new Map<number, { activities: number; participants: number; completed: number; recommendable: number[] }>();
  for (let i = 0; i < plan.count; i += 1) {
    if (world.campaigns[plan.campaign[i]].isDemo) continue;
    if (plan.status[i] !== STATUS.REGISTERED && plan.status[i] !== STATUS.COMPLETED) continue;
    const organizer = plan.organizer[i];
    const fact = facts.get(organizer) ?? { activities: 0, participants: 0, completed: 0, recommendable: [] };
    fact.activities += 1;
    fact.participants += plan.expected[i];
    if (plan.status[i] === STATUS.COMPLETED) fact.completed += 1;
    if (plan.status[i] === STATUS.COMPLETED && plan.category[i] !== CATEGORY.CLOUD_LAUNCH) fact.recommendable.push(i);
    facts.set(organizer, fact);
  }
  return facts;
}

export async function loadEvaluations(load: DatabaseLoad): Promise<void> {
  const { world } = load;
  const plan = world.activities;
  const derived = Object.values(EVALUATION_STATS_TABLES);
  const deferred = await load.deferIndexes(['feedback', ...derived]);
  await load.copy(FEEDBACK, plan.feedback.reduce((sum, n) => sum + n, 0), feedbackLines(world));
  await deferred.rebuild('feedback');

  // Section 五 of the notice, for the 2020 campaign (the demo campaign is still under way).
  const campaign = world.campaigns.find((c) => c.year === 2020)!;
  const rng = createRng(2260_0402);
  const facts = organiserFacts(world);
  const orgs = world.organizations;
  const endOfCampaign = campaign.concentratedEndsAt.getTime();
  const within = (from: number, until: number) => from + Math.floor(rng() * (until - from));
  const submitter = (organization: number) => `seed-${['HOST', 'NATIONAL_SOCIETY', 'PROVINCIAL_ASSOCIATION', 'CITY_ASSOCIATION', 'COUNTY_ASSOCIATION']
    .includes(orgs[organization].type) ? 'supervisor' : 'organizer'}-${organization}`;

  // 工作总结: most organisers of 2020 activities submit one before the summary deadline.
  const summaries: string[] = [];
  for (const [organization, fact] of [...facts].sort(([a], [b]) => a - b)) {
    if (rng() > 0.85) continue;
    const created = within(endOfCampaign, campaign.summaryDeadline.getTime());
    const content = `${orgs[organization].name}${campaign.year}年全国科普日活动工作总结：围绕“${campaign.theme}”主题，`
      + `共组织开展科普活动${fact.activities}场，其中已完成并完善信息${fact.completed}场，参与公众约${fact.participants.toLocaleString('en-US')}人次。`
      + `活动坚持线上线下相结合，${pick(rng, ['动员科技志愿者深入基层', '联合学校和社区共同实施', '突出疫情防控和健康科普', '聚焦脱贫攻坚和乡村振兴'])}，取得良好社会反响。`;
    const attachments = Array.from({ length: between(rng, 0, 2) }, (_, n) => `https://files.kepuri.example/${campaign.year}/summary/${orgs[organization].id.slice(0, 8)}-${n + 1}.pdf`);
    summaries.push([fastUuid(0x5a3, summaries.length), campaign.year, orgs[organization].id, world.pathText[organization], text(content),
      array(attachments), submitter(organization), timestamp(created), timestamp(within(created, campaign.summaryDeadline.getTime()))].join('\t') + '\n');
  }
  await load.copy(WORK_SUMMARIES, summaries.length, summaries);

  // 推荐: national societies and provincial associations recommend their busiest units strictly
  // below them and their best-attended completed activities, before the recommendation deadline.
  const perRecommender = Math.max(2, Math.round(Math.sqrt(world.spec.activities) / 25));
  const recommenders = orgs.map((org, index) => [org, index] as const)
    .filter(([org]) => org.type === 'NATIONAL_SOCIETY' || org.type === 'PROVINCIAL_ASSOCIATION').map(([, index]) => index);
  const indexOf = new Map(orgs.map((org, index) => [org.id, index]));
  const isRecommender = new Set(recommenders);
  const below = new Map<number, number[]>();
  for (const [organization] of facts) {
    for (const id of orgs[organization].path) {
      const ancestor = indexOf.get(id)!;
      if (isRecommender.has(ancestor)) below.set(ancestor, [...(below.get(ancestor) ?? []), organization]);
    }
  }
  const recommendations: string[] = [];
  const recommendedActivities: number[] = [];
  const opensAt = endOfCampaign;
  const deadline = campaign.recommendationDeadline.getTime();
  for (const recommender of recommenders) {
    const organisers = below.get(recommender) ?? [];
    const units = organisers.filter((unit) => unit !== recommender)
      .sort((a, b) => facts.get(b)!.activities - facts.get(a)!.activities || a - b).slice(0, perRecommender);
    for (const unit of units) {
      recommendations.push([fastUuid(0x4ec, recommendations.length), campaign.year, 'EXCELLENT_ORGANIZATION', orgs[unit].id, orgs[unit].id,
        world.pathText[unit], orgs[unit].regionCode ?? NULL, orgs[recommender].id,
        text(`${orgs[unit].name}组织开展科普日活动${facts.get(unit)!.activities}场，组织有力、成效显著。`), submitter(recommender),
        timestamp(within(opensAt, deadline)), NULL, NULL].join('\t') + '\n');
    }
    const activities = organisers.flatMap((organiser) => facts.get(organiser)!.recommendable)
      .sort((a, b) => plan.checkIns[b] - plan.checkIns[a] || plan.expected[b] - plan.expected[a] || a - b).slice(0, perRecommender);
    for (const activity of activities) {
      recommendedActivities.push(activity);
      // Now and then a recommendation is withdrawn (and the activity recommended again).
      const withdrawn = rng() < 0.05;
      const at = within(opensAt, deadline - DAY_MS);
      const row = (id: string, created: number, withdrawnAt: number | null) => [id, campaign.year, 'EXCELLENT_ACTIVITY', plan.ids[activity],
        orgs[plan.organizer[activity]].id, world.pathText[plan.organizer[activity]], world.regions[plan.region[activity]].code, orgs[recommender].id,
        text(`活动参与踊跃，打卡${plan.checkIns[activity]}人次，形式新颖、内容丰富。`), submitter(recommender), timestamp(created),
        withdrawnAt === null ? NULL : timestamp(withdrawnAt), withdrawnAt === null ? NULL : submitter(recommender)].join('\t') + '\n';
      if (withdrawn) recommendations.push(row(fastUuid(0x4ec, recommendations.length), at, at + Math.floor(rng() * (deadline - at) / 2)));
      recommendations.push(row(fastUuid(0x4ec, recommendations.length), withdrawn ? deadline - Math.floor(rng() * DAY_MS / 2) - 1 : at, null));
    }
  }
  await load.copy(RECOMMENDATIONS, recommendations.length, recommendations);

  // 考核: the host scores every national society, provincial and sub-provincial city association on the seven indicators.
  const subProvincial = new Set(SUB_PROVINCIAL_CITIES.map(([, name]) => cityAssociationName(name)));
  const assessed = orgs.map((org, index) => [org, index] as const)
    .filter(([org]) => org.type === 'NATIONAL_SOCIETY' || org.type === 'PROVINCIAL_ASSOCIATION'
      || subProvincial.has(org.name))
    .map(([, index]) => index);
  const totals: Array<[number, number]> = [];
  const assessments = assessed.map((organization, n) => {
    const level = 82 + 6 * normal(rng);
    const scores = INDICATOR_COLUMNS.map(() => Math.round(Math.min(100, Math.max(40, level + 5 * normal(rng))) * 10) / 10);
    totals.push([organization, scores.reduce((sum, score) => sum + score, 0) / scores.length]);
    const at = Date.parse(`${campaign.year}-11-${String(between(rng, 2, 27)).padStart(2, '0')}T10:00:00+08:00`);
    return [fastUuid(0xa55, n), campaign.year, orgs[organization].id, world.pathText[organization], ...scores,
      text(level > 85 ? '组织动员有力，联合行动成效明显' : level > 78 ? '工作扎实，网络活动有待加强' : '需加强宣传和活动信息报送'),
      'seed-admin', timestamp(at), timestamp(at)].join('\t') + '\n';
  });
  await load.copy(ASSESSMENTS, assessments.length, assessments);

  // 表扬: the best-assessed fifth of the bodies and a third of the recommended activities.
  const commendedUnits = totals.sort((a, b) => b[1] - a[1] || a[0] - b[0]).slice(0, Math.max(1, Math.round(totals.length / 5))).map(([index]) => index);
  const published = Date.parse(`${campaign.year}-12-18T10:00:00+08:00`);
  const commendations = [
    ...commendedUnits.map((unit) => [campaign.year, 'ORGANIZATION', orgs[unit].id, orgs[unit].id, world.pathText[unit], orgs[unit].regionCode ?? NULL,
      text(`${orgs[unit].name}在${campaign.year}年全国科普日活动中组织有力、成效显著，予以表扬。`)]),
    ...recommendedActivities.filter((_, n) => n % 3 === 0).map((activity) => [campaign.year, 'ACTIVITY', plan.ids[activity],
      orgs[plan.organizer[activity]].id, world.pathText[plan.organizer[activity]], world.regions[plan.region[activity]].code,
      text(`该活动在${campaign.year}年全国科普日期间组织规范、公众参与度高，评为优秀活动，予以表扬。`)]),
  ].map((values, n) => [fastUuid(0xc0e, n), ...values, 'seed-admin', timestamp(published + n * 1000)].join('\t') + '\n');
  await load.copy(COMMENDATIONS, commendations.length, commendations);

  // The per-activity totals postFeedback keeps (activity_ratings) and the dashboard rollups, from
  // the raw rows by the subgraph's own recount (one statement per table).
  const started = Date.now();
  await recountEvaluationStats(load.client);
  const elapsed = Date.now() - started;
  for (const table of derived) load.timing(table).rows = Number((await load.client.query(`SELECT count(*) AS n FROM ${table}`)).rows[0].n);
  load.timing(EVALUATION_STATS_TABLES.ratings).derivedMs = elapsed;
  load.progress.log(`  evaluations: ${derived.join(', ')} recounted in ${(elapsed / 1000).toFixed(1)} s`);
  for (const table of derived) await deferred.rebuild(table);
  if (deferred.remaining() > 0) throw new Error('evaluations: some indexes were not rebuilt');
  await load.markSeeded(world.spec.name);
}
