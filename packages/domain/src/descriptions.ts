/**
 * Descriptions of what several subgraphs declare (the docs explorer shows them): the entities each
 * subgraph points at and extends, their keys, and the root types. Composition
 * keeps one description per element, so every subgraph uses the same text from here.
 */
export const ENTITY_DESCRIPTIONS = {
  Activity: '科普日活动 — one science activity registered for a campaign.',
  'Activity.id': '活动编号 — the activity id; the key of Activity.',
  Campaign: '年度活动 — the 全国科普日 campaign of one year: the theme, windows and deadlines of its notice.',
  'Campaign.year': '年度 — the campaign year; the key of Campaign.',
  Region: '行政区划 — a province, city or county, by its GB/T 2260 code.',
  'Region.code': '区划代码 — six-digit GB/T 2260 code; the key of Region.',
  Organization: '组织单位 — an organisation: host, ministry, society, association or unit.',
  'Organization.id': '单位编号 — organisation id; the key of Organization.',
} as const;

/** The root operation types; every subgraph that has one describes it alike. */
export const ROOT_TYPE_DESCRIPTIONS = {
  Query: '查询 — read the hub: campaigns, activities, organisations, regions, volunteers, evaluations and their figures.',
  Mutation: '变更 — write to the hub: register and complete activities, check in, give feedback, record volunteer service, '
    + 'summarise, recommend, assess and commend.',
  Subscription: '订阅 — live events over WebSocket (graphql-ws at the gateway): registrations, check-ins, feedback and changed figures.',
} as const;
