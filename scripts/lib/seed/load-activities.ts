import type { EntityManager } from 'typeorm';
import { recountActivityStats } from '../../../subgraphs/activities/src/stats/activity-stats.recount';
import { CONTENT_AREAS, JOINT_ACTION_NAMES, type ContentArea, type JointAction, type VenueKind, cityOf, provinceOf } from '@kepuri/domain';
import { CHINA_OFFSET_MS, DAY_MS, HOUR_MS } from '@kepuri/platform';
import { PROVINCES, scienceMuseumName } from '@kepuri/seed';
import { array, NULL, text, timestamp } from './copy';
import type { DatabaseLoad } from './load';
import {
  ACTIVITY_CATEGORIES, ACTIVITY_MODES, ACTIVITY_STATUSES, CATEGORY, MODE, ONLINE_KINDS, dayStart, isoDate,
  jointActionOf, shortCityName, userWalk, type World,
} from './plan';
import { between, createRng, fastUuid, mix32, pick, type Rng } from './random';
import type { TableShape } from './schema';
import { AUDIENCES, FORMATS, STREETS, TOPICS } from './vocabulary';

/** The activities database: campaigns, activities, check-ins, and each activity's check-in count. */

export const CAMPAIGNS: TableShape = {
  table: 'campaigns',
  columns: ['year', 'theme', 'label', 'is_demo', 'concentrated_starts_at', 'concentrated_ends_at', 'registration_opens_at',
    'registration_closes_at', 'info_completion_deadline', 'summary_deadline', 'recommendation_deadline'],
};

export const ACTIVITIES: TableShape = {
  table: 'activities',
  columns: ['id', 'campaign_year', 'title', 'description', 'label', 'organizer_id', 'organizer_path', 'region_code', 'province_code',
    'city_code', 'category', 'joint_action', 'online_kind', 'content_areas', 'mode', 'venue_kind', 'online_url', 'address',
    'starts_at', 'ends_at', 'status', 'expected_participants', 'actual_participants', 'online_views',
    'image_urls', 'video_urls', 'news_links', 'registered_at', 'info_completed_at', 'withdrawn_at', 'withdraw_reason',
    'created_by', 'created_at', 'updated_at'],
  // Generated from title and description (migration KeywordBigrams).
  defaulted: ['keyword_bigrams'],
};

export const CHECK_INS: TableShape = {
  table: 'check_ins',
  columns: ['id', 'activity_id', 'user_sub', 'day', 'created_at'],
};

export const ACTIVITIES_TABLES = [CAMPAIGNS, ACTIVITIES, CHECK_INS];

const SUBJECTS: Record<JointAction | 'ONLINE', string> = {
  READING: '科学知识和阅读方法', CAMPUS: '前沿科技和科学方法', RESEARCH_TEAM: '科研成果和科学家精神', RURAL: '实用农业技术',
  HEALTH: '健康生活和疫情防控知识', PUBLIC_SAFETY: '防灾减灾和应急避险知识', WATER_SAVING: '节约用水和水资源保护知识',
  ENTERPRISE: '产业技术和创新成果', SOCIETY: '学科前沿知识', VENUE: '科学知识和科技成就', ONLINE: '科学知识',
};
const VENUES: Record<JointAction | 'ONLINE', readonly VenueKind[]> = {
  READING: ['COMMUNITY', 'SCHOOL', 'OTHER'], CAMPUS: ['SCHOOL'], RESEARCH_TEAM: ['OTHER', 'SCIENCE_EDUCATION_BASE'],
  RURAL: ['RURAL', 'CIVILIZATION_PRACTICE_CENTER'], HEALTH: ['COMMUNITY', 'PARTY_SERVICE_CENTER', 'CIVILIZATION_PRACTICE_CENTER'],
  PUBLIC_SAFETY: ['COMMUNITY', 'SCHOOL', 'CIVILIZATION_PRACTICE_CENTER'], WATER_SAVING: ['COMMUNITY', 'SCIENCE_EDUCATION_BASE'],
  ENTERPRISE: ['OTHER', 'SCIENCE_EDUCATION_BASE'], SOCIETY: ['OTHER', 'COMMUNITY'], VENUE: ['SCIENCE_MUSEUM', 'MUSEUM', 'SCIENCE_EDUCATION_BASE'],
  ONLINE: ['SCIENCE_MUSEUM', 'COMMUNITY'],
};
const PRIMARY_AREA: Partial<Record<JointAction, ContentArea>> = { HEALTH: 'HEALTH_AND_EPIDEMIC', RURAL: 'POVERTY_ALLEVIATION', PUBLIC_SAFETY: 'HEALTH_AND_EPIDEMIC' };
const ONLINE_FORMS = { CHECK_IN: '线上打卡', LIVESTREAM: '网络直播', SHORT_VIDEO: '短视频' } as const;
const WITHDRAW_REASONS = ['因天气原因取消', '场地调整，活动取消', '疫情防控需要，活动暂停', '与其他活动合并举办', '主讲专家行程冲突'];
const int = (value: number | null): string => (value === null ? NULL : String(value));
const time = (value: number | null): string => (value === null ? NULL : timestamp(value));

export const activityRng = (index: number): Rng => createRng(mix32(index ^ 0x0a11ce5));

/** The activities' rows, in plan order, each from its own random sequence. */
export function* activityLines(world: World): Generator<string> {
  const plan = world.activities;
  for (let i = 0; i < plan.count; i += 1) {
    const rng = activityRng(i);
    const campaign = world.campaigns[plan.campaign[i]];
    const region = world.regions[plan.region[i]];
    const organizer = world.organizations[plan.organizer[i]];
    const category = ACTIVITY_CATEGORIES[plan.category[i]];
    const mode = ACTIVITY_MODES[plan.mode[i]];
    const status = ACTIVITY_STATUSES[plan.status[i]];
    const action = jointActionOf(plan, i);
    const onlineKind = plan.onlineKind[i] >= 0 ? ONLINE_KINDS[plan.onlineKind[i]] : null;
    const topicKey = action ?? 'ONLINE';
    const topic = pick(rng, TOPICS[topicKey]);
    const startsAt = plan.startsAt[i];
    const endsAt = plan.endsAt[i];
    const placeName = region.name;
    const provinceShort = PROVINCES[region.province][2];
    const idTag = plan.ids[i].slice(0, 8);
    const year = campaign.year;

    let title: string;
    let contentAreas: ContentArea[];
    let venue: VenueKind;
    if (category === 'CLOUD_LAUNCH') {
      title = `${campaign.label}“云启动”仪式`;
      contentAreas = [...CONTENT_AREAS];
      venue = 'ONLINE';
    } else if (category === 'PROVINCIAL_MAIN_VENUE') {
      title = `${provinceShort}全国科普日省级主场活动`;
      contentAreas = [pick(rng, CONTENT_AREAS.slice(0, 3)), 'TECH_VOLUNTEERING'];
      venue = 'SCIENCE_MUSEUM';
    } else {
      const template = rng();
      title = action === null
        ? template < 0.6 ? `云上科普日·${topic}` : `${organizer.name}${topic}`
        : template < 0.35 ? `${placeName}${JOINT_ACTION_NAMES[action]}：${topic}`
          : template < 0.6 ? `${organizer.name}“${topic}”主题科普活动`
            : template < 0.8 ? `${topic}——${year}年全国科普日${shortCityName(placeName)}站` : `${placeName}${topic}`;
      const primary = action ? PRIMARY_AREA[action] ?? 'SCIENTIFIC_SPIRIT' : pick(rng, CONTENT_AREAS);
      contentAreas = [primary];
      const second = plan.serviceRecords[i] > 0 && rng() < 0.6 ? 'TECH_VOLUNTEERING' : rng() < 0.2 ? pick(rng, CONTENT_AREAS) : primary;
      if (second !== primary) contentAreas.push(second);
      venue = mode === 'ONLINE' ? 'ONLINE' : pick(rng, VENUES[topicKey]);
    }
    if (title.length > 200) title = title.slice(0, 200);
    const day = new Date(startsAt + CHINA_OFFSET_MS);
    const when = `${day.getUTCMonth() + 1}月${day.getUTCDate()}日`;
    const place = mode === 'ONLINE' ? '线上' : region.fullName;
    const firstFormat = pick(rng, FORMATS);
    const secondFormat = onlineKind ? ONLINE_FORMS[onlineKind] : pick(rng, FORMATS.filter((format) => format !== firstFormat));
    const description = category === 'CLOUD_LAUNCH'
      ? `${campaign.label}“云启动”仪式在线举行，发布活动安排，开启“云上科普日”。主题“${campaign.theme}”。`
      : category === 'PROVINCIAL_MAIN_VENUE'
        ? `${organizer.name}于${when}在${scienceMuseumName(provinceShort)}举办${provinceShort}${year}年全国科普日省级主场活动，按照“一省一策一特色”，`
          + `通过${firstFormat}、${secondFormat}和网络直播等形式集中展示科技成果，线上线下同步开展。主题“${campaign.theme}”。`
        : `${organizer.name}于${when}在${place}${action ? '举办' : '开展'}“${topic}”活动，通过${firstFormat}、${secondFormat}等形式，`
          + `向${pick(rng, AUDIENCES)}普及${SUBJECTS[topicKey]}。${
            action ? `本活动列入${JOINT_ACTION_NAMES[action]}，` : '本活动为“云上科普日”网络活动，'}是${campaign.label}，主题“${campaign.theme}”。`;
    const onlineUrl = mode === 'OFFLINE' ? null
      : category === 'CLOUD_LAUNCH' ? `https://live.kepuri.example/${year}/launch`
        : category === 'PROVINCIAL_MAIN_VENUE' ? `https://live.kepuri.example/${year}/${region.code}`
          : `https://online.kepuri.example/${year}/${idTag}`;
    const address = mode === 'ONLINE' ? null
      : category === 'PROVINCIAL_MAIN_VENUE' ? `${region.name}${scienceMuseumName(provinceShort)}`
        : `${region.fullName}${pick(rng, STREETS)}${between(rng, 1, 399)}号`;

    // Lifecycle: registered inside the window, then completed with results, or withdrawn.
    const opens = campaign.registrationOpensAt.getTime();
    const latestRegistration = Math.max(opens + HOUR_MS, Math.min(campaign.registrationClosesAt.getTime(), startsAt, world.cutoff));
    const registeredAt = status === 'DRAFT' ? null : opens + rng() * (latestRegistration - opens);
    const createdAt = registeredAt === null ? opens + rng() * (world.cutoff - opens) : Math.max(opens - 5 * DAY_MS, registeredAt - rng() * 2 * DAY_MS);
    const completed = status === 'COMPLETED';
    const expected = plan.expected[i];
    const infoCompletedAt = completed
      ? endsAt + rng() * Math.max(0, Math.min(campaign.infoCompletionDeadline.getTime(), world.cutoff) - endsAt) : null;
    const withdrawnAt = status === 'WITHDRAWN' ? registeredAt! + rng() * Math.max(0, Math.min(startsAt, world.cutoff) - registeredAt!) : null;
    const updatedAt = Math.max(createdAt, registeredAt ?? 0, infoCompletedAt ?? 0, withdrawnAt ?? 0);
    const media = (kind: string, count: number, extension: string) =>
      Array.from({ length: count }, (_, n) => `https://media.kepuri.example/${year}/${idTag}/${kind}-${n + 1}.${extension}`);

    yield [
      plan.ids[i], year, text(title), text(description), text(campaign.label), organizer.id, world.pathText[plan.organizer[i]],
      region.code, provinceOf(region.code), cityOf(region.code) ?? NULL, category, action ?? NULL, onlineKind ?? NULL,
      array(contentAreas), mode, venue, onlineUrl ?? NULL, address === null ? NULL : text(address), timestamp(startsAt), timestamp(endsAt),
      status, expected,
      completed ? int(Math.round(expected * (0.5 + rng()))) : NULL,
      completed && mode !== 'OFFLINE' ? int(Math.round(expected * 20 * rng())) : NULL,
      array(completed ? media('photo', between(rng, 1, 4), 'jpg') : []),
      array(completed && (mode !== 'OFFLINE' || rng() < 0.2) ? media('video', 1, 'mp4') : []),
      array(completed ? Array.from({ length: between(rng, 0, 2) }, (_, n) => `https://news.kepuri.example/${year}/${idTag}-${n + 1}`) : []),
      time(registeredAt), time(infoCompletedAt), time(withdrawnAt), withdrawnAt === null ? NULL : text(pick(rng, WITHDRAW_REASONS)),
      NULL, timestamp(createdAt), timestamp(updatedAt),
    ].join('\t') + '\n';
  }
}

/**
 * Check-ins, activity by activity: unique per (activity, user, day) by construction — user j of
 * the activity's walk on the q-th of its days, j below the number of distinct users, q below the
 * days — at a moment inside the activity on that day.
 */
export function* checkInLines(world: World): Generator<string> {
  const plan = world.activities;
  const rng = createRng(2260_0101);
  let row = 0;
  for (let i = 0; i < plan.count; i += 1) {
    const k = plan.checkIns[i];
    if (k === 0) continue;
    const days = plan.checkInDays[i];
    const online = plan.category[i] === CATEGORY.ONLINE;
    // 打卡 online: many check in on several days; on site, once.
    let repeat = online ? 1 + Math.floor(rng() * Math.min(days, 7)) : plan.mode[i] === MODE.HYBRID && days > 1 ? 2 : 1;
    repeat = Math.min(days, Math.max(repeat, Math.ceil(k / world.users)));
    const distinct = Math.ceil(k / repeat);
    const offset = Math.floor(rng() * days);
    const { base, stride } = userWalk(world, i);
    const id = plan.ids[i];
    for (let q = 0; q < repeat; q += 1) {
      const dayNumber = plan.checkInFirstDay[i] + ((q + offset) % days);
      const start = dayStart(dayNumber);
      const low = Math.max(plan.startsAt[i], start);
      const span = Math.max(0, Math.min(plan.endsAt[i], start + DAY_MS) - low);
      const date = isoDate(dayNumber);
      const prefix = `\t${id}\tseed-user-`;
      const suffix = `\t${date}\t`;
      for (let j = 0; j < distinct && q * distinct + j < k; j += 1) {
        const user = (base + j * stride) % world.users;
        yield `${fastUuid(0xc4ec, row++)}${prefix}${user}${suffix}${timestamp(low + Math.floor(rng() * span))}\n`;
      }
    }
  }
}

export async function loadActivities(load: DatabaseLoad): Promise<void> {
  const { world } = load;
  const plan = world.activities;
  const total = (values: Int32Array) => values.reduce((sum, value) => sum + value, 0);
  await load.copy(CAMPAIGNS, world.campaigns.length, world.campaigns.map((c) => [c.year, text(c.theme), text(c.label), c.isDemo,
    timestamp(c.concentratedStartsAt), timestamp(c.concentratedEndsAt), timestamp(c.registrationOpensAt), timestamp(c.registrationClosesAt),
    timestamp(c.infoCompletionDeadline), timestamp(c.summaryDeadline), timestamp(c.recommendationDeadline)].join('\t') + '\n'));
  const deferred = await load.deferIndexes(['activities', 'check_ins', 'activity_stats', 'activity_daily', 'activity_check_in_counts']);
  await load.copy(ACTIVITIES, plan.count, activityLines(world));
  await load.copy(CHECK_INS, total(plan.checkIns), checkInLines(world));
  await deferred.rebuild('activities');
  await deferred.rebuild('check_ins');
  // The dashboard rollups and each activity's check-in count, from the raw rows by the subgraph's
  // own recount (one statement per table).
  const started = Date.now();
  const manager = { query: async (sql: string, parameters?: unknown[]) => (await load.client.query(sql, parameters)).rows } as unknown as EntityManager;
  await recountActivityStats(manager);
  const rollups = await load.client.query<{ stats: string; daily: string }>(
    'SELECT (SELECT count(*) FROM activity_stats) AS stats, (SELECT count(*) FROM activity_daily) AS daily');
  load.timing('activity_stats').rows = Number(rollups.rows[0].stats);
  load.timing('activity_daily').rows = Number(rollups.rows[0].daily);
  load.timing('activity_stats').derivedMs = Date.now() - started;
  load.progress.log(`  activities: activity_stats, activity_daily and activity_check_in_counts recounted in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  await deferred.rebuild('activity_stats');
  await deferred.rebuild('activity_daily');
  await deferred.rebuild('activity_check_in_counts');
  if (deferred.remaining() > 0) throw new Error('activities: some indexes were not rebuilt');
  await load.markSeeded(world.spec.name);
}
