import { graphqlEnum } from '@kepuri/platform';
import { ORGANIZATION_TYPES } from '@kepuri/domain';

export const OrganizationTypeEnum = graphqlEnum('OrganizationType', ORGANIZATION_TYPES, '单位类型 — kinds of organisation.', {
  HOST: '主办单位 — the host (中国科协).',
  CO_ORGANIZER_MINISTRY: '联合主办部委 — a co-organising ministry.',
  NATIONAL_SOCIETY: '全国学会 — a national society under CAST.',
  PROVINCIAL_ASSOCIATION: '省级科协 — a provincial association for science and technology.',
  CITY_ASSOCIATION: '市级科协 — a city association (incl. 副省级城市).',
  COUNTY_ASSOCIATION: '县级科协 — a county association.',
  MINISTRY_DEPARTMENT: '厅局 — a provincial counterpart of a ministry (教育厅, 水利厅, …).',
  SCHOOL: '学校 — a school.',
  UNIVERSITY: '高校 — a university.',
  RESEARCH_INSTITUTE: '科研院所 — a research institute.',
  ENTERPRISE: '企业 — an enterprise.',
  MUSEUM: '科技馆/博物馆 — a science museum or museum.',
  PUBLISHER: '出版社 — a publisher.',
  LIBRARY: '图书馆 — a library.',
  OTHER: '其他 — other.',
});
