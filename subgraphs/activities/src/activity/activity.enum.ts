import { graphqlEnum } from '@kepuri/platform';
import {
  ACTIVITY_CATEGORIES, ACTIVITY_MODES, ACTIVITY_STATUSES, CONTENT_AREAS, JOINT_ACTIONS, ONLINE_KINDS, VENUE_KINDS,
} from '@kepuri/domain';

export const ActivityCategoryEnum = graphqlEnum('ActivityCategory', ACTIVITY_CATEGORIES, '活动架构 — the "3+1" architecture of the campaign.', {
  CLOUD_LAUNCH: '云启动仪式 — the national online launch ceremony.',
  PROVINCIAL_MAIN_VENUE: '省级主场活动 — a province\'s main-venue event (一省一策一特色).',
  JOINT_ACTION: '全国系列联合行动 — one of the ten national joint actions.',
  ONLINE: '网络活动 — the "+1": 云上科普日 online activities.',
});

export const JointActionEnum = graphqlEnum('JointAction', JOINT_ACTIONS, '联合行动 — the ten national joint actions.', {
  READING: '科普阅读联合行动 — science reading with publishers and libraries: recommended popular-science and sci-fi books, reading events.',
  CAMPUS: '校园科普联合行动 — campus science in schools and universities, for young people.',
  RESEARCH_TEAM: '科研团队联合行动 — research institutes and project teams present their results to the public.',
  RURAL: '农村科普联合行动 — rural science: training, lectures and technical guidance in villages, for rural revitalisation.',
  HEALTH: '卫生健康科普联合行动 — health science: lectures and quizzes, epidemic prevention, healthy living.',
  PUBLIC_SAFETY: '公共安全科普联合行动 — public safety: work safety, fire, floods and droughts, geological hazards, self-rescue.',
  WATER_SAVING: '节水科普联合行动 — water saving: lectures, training, contests and open water-education sites.',
  ENTERPRISE: '企业科普联合行动 — enterprises open their sites and explain their technology to the public.',
  SOCIETY: '学会科普联合行动 — learned societies at every level bring their fields to the public in talks and forums.',
  VENUE: '科普阵地联合行动 — science venues: science museums, mobile museums, 科普大篷车, digital museums, 科普教育基地, natural-science museums.',
});

export const OnlineKindEnum = graphqlEnum('OnlineKind', ONLINE_KINDS, '网络活动形式 — kinds of online activity.', {
  CHECK_IN: '活动打卡 — check-in.',
  LIVESTREAM: '直播 — live stream.',
  SHORT_VIDEO: '短视频 — short video.',
});

export const ContentAreaEnum = graphqlEnum('ContentArea', CONTENT_AREAS, '活动内容 — the four content areas of the notice.', {
  SCIENTIFIC_SPIRIT: '弘扬科学精神，展现科学价值 — scientific spirit.',
  HEALTH_AND_EPIDEMIC: '助力疫情防控，推动健康科普 — epidemic prevention and health.',
  POVERTY_ALLEVIATION: '聚焦脱贫攻坚，决胜全面小康 — poverty alleviation.',
  TECH_VOLUNTEERING: '加强科技志愿，彰显科技为民 — tech volunteering (智惠行动).',
});

export const ActivityModeEnum = graphqlEnum('ActivityMode', ACTIVITY_MODES, '举办方式 — how an activity is held.', {
  ONLINE: '线上 — online only.',
  OFFLINE: '线下 — offline only.',
  HYBRID: '线上线下结合 — both.',
});

export const VenueKindEnum = graphqlEnum('VenueKind', VENUE_KINDS, '活动阵地 — venue kinds named in the notice.', {
  CIVILIZATION_PRACTICE_CENTER: '新时代文明实践中心（所、站） — civilisation practice centre.',
  PARTY_SERVICE_CENTER: '党群服务中心 — party and public service centre.',
  RURAL: '农村 — rural areas, villages.',
  COMMUNITY: '社区 — community.',
  SCHOOL: '学校 — school.',
  SCIENCE_MUSEUM: '科技馆 — science museum.',
  SCIENCE_EDUCATION_BASE: '科普教育基地 — science education base.',
  MUSEUM: '博物馆 — museum.',
  ONLINE: '网络 — online.',
  OTHER: '其他 — other.',
});

export const ActivityStatusEnum = graphqlEnum('ActivityStatus', ACTIVITY_STATUSES, '活动状态 — lifecycle of an activity.', {
  DRAFT: '草稿 — draft, not yet registered.',
  REGISTERED: '已登记 — registered for the campaign.',
  COMPLETED: '已完成 — held, results filled in.',
  WITHDRAWN: '已撤销 — withdrawn.',
});
