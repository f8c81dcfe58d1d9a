import {
  CONTENT_AREAS, JOINT_ACTIONS, JOINT_ACTION_NAMES, ONLINE_KINDS, SERVICE_TYPES, type ActivityCategory,
  type ActivityMode, type ActivityStatus, type ContentArea, type JointAction, type OnlineKind, type ServiceType,
  type VenueKind,
} from '@kepuri/domain';
import { DAY_MS, HOUR_MS, chinaDate, chinaDayStart, chinaYear, nameUuid } from '@kepuri/platform';
import {
  HOST_NAME, NATIONAL_SOCIETIES, PROVINCES, REGIONS, orgId, provincialAssociationName, scienceMuseumName,
} from './reference-data';

/**
 * The deterministic sample data of `npm start`: the same inputs give the same rows in every
 * subgraph, so the volunteering and evaluations seeds can refer to the activities seed's ids.
 */

export interface CampaignSeed {
  year: number;
  theme: string;
  label: string;
  isDemo: boolean;
  concentratedStartsAt: Date;
  concentratedEndsAt: Date;
  registrationOpensAt: Date;
  registrationClosesAt: Date;
  infoCompletionDeadline: Date;
  summaryDeadline: Date;
  recommendationDeadline: Date;
}

/** 2020 as the notice sets it. "By 10月9日" means through the end of that day: deadlines are exclusive instants. */
export const CAMPAIGN_2020: CampaignSeed = {
  year: 2020,
  theme: '决胜全面小康，践行科技为民',
  label: '2020年全国科普日活动',
  isDemo: false,
  concentratedStartsAt: chinaDayStart('2020-09-19'),
  concentratedEndsAt: chinaDayStart('2020-09-26'),
  registrationOpensAt: chinaDayStart('2020-08-03'),
  registrationClosesAt: chinaDayStart('2020-09-26'),
  infoCompletionDeadline: chinaDayStart('2020-10-10'),
  summaryDeadline: chinaDayStart('2020-10-17'),
  recommendationDeadline: chinaDayStart('2020-10-24'),
};

/** A demo campaign for the current year whose windows are open around `now`. */
export function demoCampaign(now: Date): CampaignSeed {
  const today = chinaDayStart(chinaDate(now));
  const at = (days: number) => new Date(today.getTime() + days * DAY_MS);
  const year = chinaYear(now);
  return {
    year,
    theme: '（演示）科技为民，科普同行',
    label: `${year}年全国科普日活动`,
    isDemo: true,
    concentratedStartsAt: at(-3),
    concentratedEndsAt: at(4),
    registrationOpensAt: at(-30),
    registrationClosesAt: at(30),
    infoCompletionDeadline: at(45),
    summaryDeadline: at(52),
    recommendationDeadline: at(59),
  };
}

/** mulberry32: small, fast, and the same sequence on every machine. */
export function createRng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const pick = <T>(rng: () => number, items: readonly T[]): T => items[Math.floor(rng() * items.length)];
const between = (rng: () => number, low: number, high: number): number => low + Math.floor(rng() * (high - low + 1));

export interface ActivitySeed {
  id: string;
  campaignYear: number;
  title: string;
  description: string;
  organizerId: string;
  regionCode: string;
  category: ActivityCategory;
  jointAction: JointAction | null;
  onlineKind: OnlineKind | null;
  contentAreas: ContentArea[];
  mode: ActivityMode;
  venueKind: VenueKind;
  onlineUrl: string | null;
  address: string | null;
  startsAt: Date;
  endsAt: Date;
  status: ActivityStatus;
  expectedParticipants: number;
  /** How many seeded check-ins the activity gets. */
  checkIns: number;
}

const TOPICS = [
  '走近人工智能', '节约用水从我做起', '疫情防控健康知识讲座', '乡村振兴农技培训', '防灾减灾应急演练',
  '青少年科学实验秀', '科学家精神报告会', '天文观测之夜', '健康饮食与营养', '航天科普展',
  '科普科幻图书领读', '走进国家重点实验室', '数字科技馆线上课堂', '企业开放日', '地震科普体验',
];
const VENUE_FOR_ACTION: Record<JointAction, VenueKind> = {
  READING: 'COMMUNITY', CAMPUS: 'SCHOOL', RESEARCH_TEAM: 'OTHER', RURAL: 'RURAL', HEALTH: 'PARTY_SERVICE_CENTER',
  PUBLIC_SAFETY: 'CIVILIZATION_PRACTICE_CENTER', WATER_SAVING: 'SCIENCE_EDUCATION_BASE', ENTERPRISE: 'OTHER',
  SOCIETY: 'OTHER', VENUE: 'SCIENCE_MUSEUM',
};

/**
 * Sample activities of one campaign: one cloud launch, one provincial main venue per province,
 * then joint actions and online activities spread over provinces, cities and days.
 */
export function sampleActivities(campaign: CampaignSeed, count: number): ActivitySeed[] {
  const rng = createRng(campaign.year * 7919);
  const activities: ActivitySeed[] = [];
  const finished = !campaign.isDemo;
  const add = (partial: Omit<ActivitySeed, 'id' | 'campaignYear' | 'status' | 'checkIns' | 'description'>) => {
    const index = activities.length;
    activities.push({
      ...partial,
      id: nameUuid(`activity:${campaign.year}:${index}`),
      campaignYear: campaign.year,
      description: `${partial.title}。${campaign.label}，主题“${campaign.theme}”。`,
      status: finished ? (rng() < 0.8 ? 'COMPLETED' : 'REGISTERED') : 'REGISTERED',
      checkIns: partial.mode === 'OFFLINE' ? between(rng, 0, 6) : between(rng, 2, 30),
    });
  };
  const dayOf = (offset: number) => new Date(campaign.concentratedStartsAt.getTime() + offset * DAY_MS + 9 * HOUR_MS);

  add({
    title: `${campaign.label}“云启动”仪式`, organizerId: orgId(HOST_NAME), regionCode: '110000', category: 'CLOUD_LAUNCH',
    jointAction: null, onlineKind: 'LIVESTREAM', contentAreas: [...CONTENT_AREAS], mode: 'ONLINE', venueKind: 'ONLINE',
    onlineUrl: `https://live.kepuri.example/${campaign.year}/launch`, address: null,
    startsAt: dayOf(0), endsAt: new Date(dayOf(0).getTime() + 2 * HOUR_MS), expectedParticipants: 1_000_000,
  });
  for (const [code, name, short] of PROVINCES) {
    if (activities.length >= count) break;
    add({
      title: `${short}全国科普日省级主场活动`, organizerId: orgId(provincialAssociationName(name)), regionCode: code,
      category: 'PROVINCIAL_MAIN_VENUE', jointAction: null, onlineKind: null, contentAreas: [pick(rng, CONTENT_AREAS), 'TECH_VOLUNTEERING'],
      mode: 'HYBRID', venueKind: 'SCIENCE_MUSEUM', onlineUrl: `https://live.kepuri.example/${campaign.year}/${code}`,
      address: `${name}${scienceMuseumName(short)}`, startsAt: dayOf(0), endsAt: new Date(dayOf(0).getTime() + 8 * HOUR_MS),
      expectedParticipants: between(rng, 2_000, 20_000),
    });
  }
  while (activities.length < count) {
    const region = pick(rng, REGIONS);
    const province = PROVINCES.find(([code]) => code.slice(0, 2) === region.code.slice(0, 2))!;
    const online = rng() < 0.25;
    const jointAction = online ? null : pick(rng, JOINT_ACTIONS);
    const mode: ActivityMode = online ? 'ONLINE' : rng() < 0.7 ? 'OFFLINE' : 'HYBRID';
    const organizerRoll = rng();
    const organizerId =
      organizerRoll < 0.35 ? orgId(provincialAssociationName(province[1]))
        : organizerRoll < 0.6 ? orgId(scienceMuseumName(province[2]))
          : orgId(pick(rng, NATIONAL_SOCIETIES));
    const topic = pick(rng, TOPICS);
    const startsAt = dayOf(between(rng, -2, 8));
    const hours = between(rng, 2, 8);
    // 云上科普日 online activities (check-ins, streams, videos) stay open through the concentrated period.
    add({
      title: online ? `云上科普日·${topic}` : `${region.name}${JOINT_ACTION_NAMES[jointAction!]}：${topic}`,
      organizerId, regionCode: region.code, category: online ? 'ONLINE' : 'JOINT_ACTION', jointAction,
      onlineKind: online ? pick(rng, ONLINE_KINDS) : null,
      contentAreas: [pick(rng, CONTENT_AREAS)],
      mode, venueKind: online ? 'ONLINE' : VENUE_FOR_ACTION[jointAction!],
      onlineUrl: mode === 'OFFLINE' ? null : `https://online.kepuri.example/${campaign.year}/${activities.length}`,
      address: mode === 'ONLINE' ? null : `${province[1]}${region.code === province[0] ? '' : region.name}`,
      ...(online
        ? { startsAt: campaign.concentratedStartsAt, endsAt: new Date(campaign.concentratedEndsAt.getTime() - 1) }
        : { startsAt, endsAt: new Date(startsAt.getTime() + hours * HOUR_MS) }),
      expectedParticipants: between(rng, 30, 3_000),
    });
  }
  return activities;
}

export interface VolunteerSeed {
  id: string;
  name: string;
  regionCode: string;
  organizationId: string;
  skills: string[];
}

const SURNAMES = ['王', '李', '张', '刘', '陈', '杨', '赵', '黄', '周', '吴', '徐', '孙', '胡', '朱', '高', '林', '何', '郭', '马', '罗'];
const GIVEN = ['伟', '芳', '娜', '敏', '静', '丽', '强', '磊', '洋', '艳', '勇', '军', '杰', '娟', '涛', '明', '超', '秀英', '华', '建国'];
const SKILLS = ['科普讲解', '农业技术', '医疗健康', '应急救护', '心理咨询', '信息技术', '天文观测', '水利节水'];

export function sampleVolunteers(count: number): VolunteerSeed[] {
  const rng = createRng(2260);
  return Array.from({ length: count }, (_, index) => {
    const [code, name] = PROVINCES[index % PROVINCES.length];
    return {
      id: nameUuid(`volunteer:${index}`),
      name: `${pick(rng, SURNAMES)}${pick(rng, GIVEN)}`,
      regionCode: code,
      organizationId: orgId(provincialAssociationName(name)),
      skills: [pick(rng, SKILLS)],
    };
  });
}

export interface ServiceRecordSeed {
  id: string;
  volunteerId: string;
  activityId: string;
  serviceDate: string;
  hours: number;
  serviceType: ServiceType;
}

/** About 40% of offline and hybrid activities get one to four volunteers from their province. */
export function sampleServiceRecords(activities: ActivitySeed[], volunteers: VolunteerSeed[]): ServiceRecordSeed[] {
  const rng = createRng(1919);
  const records: ServiceRecordSeed[] = [];
  for (const activity of activities) {
    if (activity.mode === 'ONLINE' || rng() > 0.4) continue;
    const local = volunteers.filter((volunteer) => volunteer.regionCode.slice(0, 2) === activity.regionCode.slice(0, 2));
    const pool = local.length > 0 ? local : volunteers;
    const chosen = new Set<VolunteerSeed>();
    const wanted = between(rng, 1, 4);
    while (chosen.size < Math.min(wanted, pool.length)) chosen.add(pick(rng, pool));
    for (const volunteer of chosen) {
      records.push({
        id: nameUuid(`service:${activity.id}:${volunteer.id}`),
        volunteerId: volunteer.id,
        activityId: activity.id,
        serviceDate: chinaDate(activity.startsAt),
        hours: between(rng, 2, 16) / 2,
        serviceType: pick(rng, SERVICE_TYPES),
      });
    }
  }
  return records;
}

export interface FeedbackSeed {
  id: string;
  activityId: string;
  userSub: string;
  rating: number;
  comment: string | null;
}

const COMMENTS = ['内容丰富，孩子很喜欢', '讲解很专业', '希望多举办这样的活动', '直播很流畅', '收获很大', null];

/** Zero to eight ratings per activity from sample public users. */
export function sampleFeedback(activities: ActivitySeed[]): FeedbackSeed[] {
  const rng = createRng(1925);
  const feedback: FeedbackSeed[] = [];
  for (const activity of activities) {
    const count = between(rng, 0, 8);
    for (let user = 0; user < count; user += 1) {
      const userSub = `seed-user-${user}`;
      feedback.push({
        id: nameUuid(`feedback:${activity.id}:${userSub}`),
        activityId: activity.id,
        userSub,
        rating: rng() < 0.7 ? between(rng, 4, 5) : between(rng, 1, 3),
        comment: pick(rng, COMMENTS),
      });
    }
  }
  return feedback;
}

/** The sample set `npm start` and the tests seed: both campaigns, the same in every subgraph. */
export function sampleSet(now: Date) {
  const demo = demoCampaign(now);
  const campaigns = demo.year === CAMPAIGN_2020.year ? [CAMPAIGN_2020] : [CAMPAIGN_2020, demo];
  const activities = [...sampleActivities(CAMPAIGN_2020, 240), ...(campaigns.length > 1 ? sampleActivities(demo, 60) : [])];
  const volunteers = sampleVolunteers(320);
  return {
    campaigns,
    activities,
    volunteers,
    serviceRecords: sampleServiceRecords(activities, volunteers),
    feedback: sampleFeedback(activities),
  };
}
