/**
 * The vocabulary of the 2020 notice (../shared/DOMAIN.md), as values every subgraph and the seed
 * share. The GraphQL enums are registered from these lists by the subgraph that owns each one.
 */

/** 3+1 architecture: 云启动仪式, 省级主场, 联合行动, +1 网络活动. */
export const ACTIVITY_CATEGORIES = ['CLOUD_LAUNCH', 'PROVINCIAL_MAIN_VENUE', 'JOINT_ACTION', 'ONLINE'] as const;
export type ActivityCategory = (typeof ACTIVITY_CATEGORIES)[number];

/** The ten national joint actions (全国系列联合行动), in the notice's order. */
export const JOINT_ACTIONS = [
  'READING', 'CAMPUS', 'RESEARCH_TEAM', 'RURAL', 'HEALTH',
  'PUBLIC_SAFETY', 'WATER_SAVING', 'ENTERPRISE', 'SOCIETY', 'VENUE',
] as const;
export type JointAction = (typeof JOINT_ACTIONS)[number];
export const JOINT_ACTION_NAMES: Record<JointAction, string> = {
  READING: '科普阅读联合行动',
  CAMPUS: '校园科普联合行动',
  RESEARCH_TEAM: '科研团队联合行动',
  RURAL: '农村科普联合行动',
  HEALTH: '卫生健康科普联合行动',
  PUBLIC_SAFETY: '公共安全科普联合行动',
  WATER_SAVING: '节水科普联合行动',
  ENTERPRISE: '企业科普联合行动',
  SOCIETY: '学会科普联合行动',
  VENUE: '科普阵地联合行动',
};

/** The +1 online activities: 打卡, 直播, 短视频. */
export const ONLINE_KINDS = ['CHECK_IN', 'LIVESTREAM', 'SHORT_VIDEO'] as const;
export type OnlineKind = (typeof ONLINE_KINDS)[number];

/** The four content areas (活动内容). */
export const CONTENT_AREAS = ['SCIENTIFIC_SPIRIT', 'HEALTH_AND_EPIDEMIC', 'POVERTY_ALLEVIATION', 'TECH_VOLUNTEERING'] as const;
export type ContentArea = (typeof CONTENT_AREAS)[number];

export const ACTIVITY_MODES = ['ONLINE', 'OFFLINE', 'HYBRID'] as const;
export type ActivityMode = (typeof ACTIVITY_MODES)[number];

/** Venue kinds named in the notice, plus online and other. */
export const VENUE_KINDS = [
  'CIVILIZATION_PRACTICE_CENTER', 'PARTY_SERVICE_CENTER', 'RURAL', 'COMMUNITY', 'SCHOOL',
  'SCIENCE_MUSEUM', 'SCIENCE_EDUCATION_BASE', 'MUSEUM', 'ONLINE', 'OTHER',
] as const;
export type VenueKind = (typeof VENUE_KINDS)[number];

export const ACTIVITY_STATUSES = ['DRAFT', 'REGISTERED', 'COMPLETED', 'WITHDRAWN'] as const;
export type ActivityStatus = (typeof ACTIVITY_STATUSES)[number];

export const ORGANIZATION_TYPES = [
  'HOST', 'CO_ORGANIZER_MINISTRY', 'NATIONAL_SOCIETY', 'PROVINCIAL_ASSOCIATION', 'CITY_ASSOCIATION',
  'COUNTY_ASSOCIATION', 'MINISTRY_DEPARTMENT', 'SCHOOL', 'UNIVERSITY', 'RESEARCH_INSTITUTE', 'ENTERPRISE',
  'MUSEUM', 'PUBLISHER', 'LIBRARY', 'OTHER',
] as const;
export type OrganizationType = (typeof ORGANIZATION_TYPES)[number];

/** Service types of 科技志愿服务"智惠行动". */
export const SERVICE_TYPES = [
  'PUBLICITY', 'CONSULTING', 'TECH_GUIDANCE', 'RESULT_MATCHING',
  'PSYCHOLOGICAL_COUNSELING', 'EMERGENCY_PREPAREDNESS', 'HEALTH_CLINIC', 'ONLINE_INTERACTION',
] as const;
export type ServiceType = (typeof SERVICE_TYPES)[number];
