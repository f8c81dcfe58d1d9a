import { nameUuid } from '@kepuri/platform';

/**
 * Reference data of the 2020 notice: regions (GB/T 2260), the host and co-organisers, national
 * societies, provincial and sub-provincial associations. Ids of organisations are name-based
 * UUIDs, so every subgraph's seed derives the same id from the same name.
 */

export interface RegionSeed {
  code: string;
  name: string;
  parentCode: string | null;
}

/** 31 provincial-level regions + 新疆生产建设兵团: [code, name, short name]. */
export const PROVINCES: ReadonlyArray<readonly [string, string, string]> = [
  ['110000', '北京市', '北京'], ['120000', '天津市', '天津'], ['130000', '河北省', '河北'],
  ['140000', '山西省', '山西'], ['150000', '内蒙古自治区', '内蒙古'], ['210000', '辽宁省', '辽宁'],
  ['220000', '吉林省', '吉林'], ['230000', '黑龙江省', '黑龙江'], ['310000', '上海市', '上海'],
  ['320000', '江苏省', '江苏'], ['330000', '浙江省', '浙江'], ['340000', '安徽省', '安徽'],
  ['350000', '福建省', '福建'], ['360000', '江西省', '江西'], ['370000', '山东省', '山东'],
  ['410000', '河南省', '河南'], ['420000', '湖北省', '湖北'], ['430000', '湖南省', '湖南'],
  ['440000', '广东省', '广东'], ['450000', '广西壮族自治区', '广西'], ['460000', '海南省', '海南'],
  ['500000', '重庆市', '重庆'], ['510000', '四川省', '四川'], ['520000', '贵州省', '贵州'],
  ['530000', '云南省', '云南'], ['540000', '西藏自治区', '西藏'], ['610000', '陕西省', '陕西'],
  ['620000', '甘肃省', '甘肃'], ['630000', '青海省', '青海'], ['640000', '宁夏回族自治区', '宁夏'],
  ['650000', '新疆维吾尔自治区', '新疆'], ['660000', '新疆生产建设兵团', '兵团'],
];

/** The 15 sub-provincial cities (副省级城市), each with its own 科协. */
export const SUB_PROVINCIAL_CITIES: ReadonlyArray<readonly [string, string]> = [
  ['230100', '哈尔滨市'], ['220100', '长春市'], ['210100', '沈阳市'], ['210200', '大连市'], ['370100', '济南市'],
  ['370200', '青岛市'], ['320100', '南京市'], ['330100', '杭州市'], ['330200', '宁波市'], ['350200', '厦门市'],
  ['420100', '武汉市'], ['440100', '广州市'], ['440300', '深圳市'], ['510100', '成都市'], ['610100', '西安市'],
];

/** Other provincial capitals, so every province has a city below it. */
const OTHER_CAPITALS: ReadonlyArray<readonly [string, string]> = [
  ['130100', '石家庄市'], ['140100', '太原市'], ['150100', '呼和浩特市'], ['340100', '合肥市'], ['350100', '福州市'],
  ['360100', '南昌市'], ['410100', '郑州市'], ['430100', '长沙市'], ['450100', '南宁市'], ['460100', '海口市'],
  ['520100', '贵阳市'], ['530100', '昆明市'], ['540100', '拉萨市'], ['620100', '兰州市'], ['630100', '西宁市'],
  ['640100', '银川市'], ['650100', '乌鲁木齐市'],
];

/** A few counties and districts; in the four municipalities they sit directly below the province. */
const COUNTIES: ReadonlyArray<readonly [string, string, string]> = [
  ['110108', '海淀区', '110000'], ['110105', '朝阳区', '110000'], ['120101', '和平区', '120000'],
  ['310115', '浦东新区', '310000'], ['500103', '渝中区', '500000'], ['420111', '洪山区', '420100'],
  ['440305', '南山区', '440300'], ['330106', '西湖区', '330100'], ['510107', '武侯区', '510100'],
  ['320106', '鼓楼区', '320100'], ['610113', '雁塔区', '610100'], ['370102', '历下区', '370100'],
  ['230103', '南岗区', '230100'], ['350203', '思明区', '350200'], ['130102', '长安区', '130100'],
];

export const REGIONS: ReadonlyArray<RegionSeed> = [
  ...PROVINCES.map(([code, name]) => ({ code, name, parentCode: null })),
  ...[...SUB_PROVINCIAL_CITIES, ...OTHER_CAPITALS].map(([code, name]) => ({ code, name, parentCode: `${code.slice(0, 2)}0000` })),
  ...COUNTIES.map(([code, name, parentCode]) => ({ code, name, parentCode })),
];

export interface OrganizationSeed {
  id: string;
  name: string;
  type: string;
  parentId: string | null;
  regionCode: string | null;
}

export const orgId = (name: string): string => nameUuid(`org:${name}`);

export const HOST_NAME = '中国科学技术协会';

/** The host and the seven co-organisers of 2020. */
const CO_ORGANIZERS = ['中共中央宣传部', '教育部', '科学技术部', '水利部', '农业农村部', '国家卫生健康委员会', '应急管理部'];

/** National societies under CAST (全国学会): a real subset of about 210. */
export const NATIONAL_SOCIETIES = [
  '中国数学会', '中国物理学会', '中国化学会', '中国天文学会', '中国气象学会', '中国地质学会', '中国地理学会',
  '中国地震学会', '中国海洋湖沼学会', '中国植物学会', '中国动物学会', '中国昆虫学会', '中国心理学会',
  '中国生物化学与分子生物学会', '中国遗传学会', '中国生态学学会', '中国微生物学会', '中国力学学会',
  '中国机械工程学会', '中国电机工程学会', '中国电子学会', '中国计算机学会', '中国自动化学会', '中国人工智能学会',
  '中国水利学会', '中国土木工程学会', '中国航空学会', '中国宇航学会', '中国环境科学学会', '中国农学会',
  '中国林学会', '中国作物学会', '中华医学会', '中华中医药学会', '中华预防医学会', '中国药学会', '中华护理学会',
  '中国营养学会', '中国抗癌协会', '中国科普作家协会', '中国自然科学博物馆学会', '中国科学技术史学会',
  '中国消防协会', '中国图学学会',
];

export const provincialAssociationName = (provinceName: string): string => `${provinceName}科学技术协会`;
export const cityAssociationName = (cityName: string): string => `${cityName}科学技术协会`;
export const scienceMuseumName = (shortName: string): string => `${shortName}科学技术馆`;

export function organizationSeeds(): OrganizationSeed[] {
  const hostId = orgId(HOST_NAME);
  const seeds: OrganizationSeed[] = [{ id: hostId, name: HOST_NAME, type: 'HOST', parentId: null, regionCode: '110000' }];
  for (const name of CO_ORGANIZERS) {
    seeds.push({ id: orgId(name), name, type: 'CO_ORGANIZER_MINISTRY', parentId: null, regionCode: '110000' });
  }
  for (const name of NATIONAL_SOCIETIES) {
    seeds.push({ id: orgId(name), name, type: 'NATIONAL_SOCIETY', parentId: hostId, regionCode: '110000' });
  }
  for (const [code, name, short] of PROVINCES) {
    const associationId = orgId(provincialAssociationName(name));
    seeds.push({ id: associationId, name: provincialAssociationName(name), type: 'PROVINCIAL_ASSOCIATION', parentId: hostId, regionCode: code });
    seeds.push({ id: orgId(scienceMuseumName(short)), name: scienceMuseumName(short), type: 'MUSEUM', parentId: associationId, regionCode: code });
  }
  for (const [code, name] of SUB_PROVINCIAL_CITIES) {
    const province = PROVINCES.find(([provinceCode]) => provinceCode.slice(0, 2) === code.slice(0, 2))!;
    seeds.push({
      id: orgId(cityAssociationName(name)),
      name: cityAssociationName(name),
      type: 'CITY_ASSOCIATION',
      parentId: orgId(provincialAssociationName(province[1])),
      regionCode: code,
    });
  }
  return seeds;
}

/** Each seeded organisation's path: ancestor ids from the top down, itself last. */
export function organizationPaths(): Map<string, string[]> {
  const paths = new Map<string, string[]>();
  for (const org of organizationSeeds()) {
    // Parents come before their children in organizationSeeds().
    paths.set(org.id, [...(org.parentId ? paths.get(org.parentId)! : []), org.id]);
  }
  return paths;
}
