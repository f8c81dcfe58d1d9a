/**
 * Descriptions of what several subgraphs declare (the docs explorer shows them): the entities each
 * subgraph points at and extends, and their keys. Composition
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
