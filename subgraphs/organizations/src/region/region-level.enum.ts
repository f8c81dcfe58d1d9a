import { graphqlEnum } from '@kepuri/platform';

export const RegionLevelEnum = graphqlEnum('RegionLevel', ['PROVINCE', 'CITY', 'COUNTY'] as const, '区划级别 — level of a region.', {
  PROVINCE: '省级 — province, autonomous region, municipality, or 新疆生产建设兵团.',
  CITY: '市级 — city (地级市, 副省级城市).',
  COUNTY: '县级 — county or district.',
});
