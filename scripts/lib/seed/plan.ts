import {
  ACTIVITY_CATEGORIES, ACTIVITY_MODES, ACTIVITY_STATUSES, JOINT_ACTIONS, ONLINE_KINDS, type ActivityCategory,
  type ActivityMode, type ActivityStatus, type JointAction, type OrganizationType, regionLevel, type RegionLevel,
} from '@kepuri/domain';
import { CHINA_OFFSET_MS, DAY_MS, HOUR_MS, chinaDate, chinaDayStart, nameUuid } from '@kepuri/platform';
import {
  HOST_NAME, NATIONAL_SOCIETIES, PROVINCES, REGIONS, cityAssociationName, orgId, organizationSeeds,
  provincialAssociationName, scienceMuseumName, CAMPAIGN_2020, demoCampaign, type CampaignSeed,
} from '@kepuri/seed';
import { array } from './copy';
import { WeightedPicker, allocate, between, createRng, logNormal, mix32, pick, primeAtLeast, type Rng } from './random';
import type { ScaleSpec } from './scales';
import {
  ACTION_ORGANIZER_TYPES, BRANDS, CITY_UNITS, COUNTY_UNITS, INDUSTRIES, JOINT_ACTION_WEIGHTS, MINISTRY_COUNTERPARTS,
  PLACE_FIRST, PLACE_SECOND, PROVINCE_POPULATION, PROVINCE_UNITS, citiesOf, municipalDistrictsOf,
} from './vocabulary';

/**
 * The generated world, decided before a single row is written: regions, organisations in their
 * hierarchy, campaigns, and every activity's shape (campaign, category, region, organiser, days,
 * status), with how many check-ins, feedback and service records each gets. The loaders stream
 * rows from this plan; everything that crosses databases (ids, paths, regions, campaigns) comes
 * from here, so the four databases agree without reading each other.
 */

/** A China calendar day as a number (days since 1970-01-01 in China time), and back. */
export const chinaDayNumber = (instant: number): number => Math.floor((instant + CHINA_OFFSET_MS) / DAY_MS);
export const dayStart = (dayNumber: number): number => dayNumber * DAY_MS - CHINA_OFFSET_MS;
export const isoDate = (dayNumber: number): string => new Date(dayNumber * DAY_MS).toISOString().slice(0, 10);

// ---------------------------------------------------------------------------------------------
// Regions

export interface RegionPlan {
  code: string;
  name: string;
  level: RegionLevel;
  parentCode: string | null;
  /** Index in PROVINCES. */
  province: number;
  /** Province, city and county names from the top, for addresses. */
  fullName: string;
}

const MUNICIPALITIES = new Set(['11', '12', '31', '50']);
const NUMERALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const numeral = (n: number): string => (n <= 10 ? NUMERALS[n - 1] : n < 20 ? `十${NUMERALS[n - 11]}` : `${NUMERALS[Math.floor(n / 10) - 1]}十${n % 10 ? NUMERALS[(n % 10) - 1] : ''}`);
export const shortCityName = (name: string): string => name.replace(/市$/, '');

function planRegions(spec: ScaleSpec): RegionPlan[] {
  const rng = createRng(2260_0001);
  const regions: RegionPlan[] = [];
  const codes = new Set<string>();
  const countyNames = new Set(REGIONS.filter((r) => regionLevel(r.code) === 'COUNTY').map((r) => r.name));
  for (const list of ['11', '12', '31', '50']) for (const [, name] of municipalDistrictsOf(list)!) countyNames.add(name);
  const add = (region: Omit<RegionPlan, 'level'>) => {
    if (codes.has(region.code)) return;
    codes.add(region.code);
    regions.push({ ...region, level: regionLevel(region.code) });
  };
  PROVINCES.forEach(([code, name], province) => add({ code, name, parentCode: null, province, fullName: name }));
  PROVINCES.forEach(([provinceCode, provinceName], province) => {
    const prefix = provinceCode.slice(0, 2);
    const reference = REGIONS.filter((r) => r.code.slice(0, 2) === prefix && r.code !== provinceCode);
    const districts = municipalDistrictsOf(prefix);
    if (districts) {
      for (const r of reference) add({ code: r.code, name: r.name, parentCode: provinceCode, province, fullName: `${provinceName}${r.name}` });
      for (const [code, name] of districts) add({ code, name, parentCode: provinceCode, province, fullName: `${provinceName}${name}` });
      return;
    }
    const cities = new Map<string, string>(citiesOf(prefix));
    for (const r of reference) if (regionLevel(r.code) === 'CITY') cities.set(r.code, r.name);
    for (const [cityCode, cityName] of [...cities].sort(([a], [b]) => a.localeCompare(b))) {
      add({ code: cityCode, name: cityName, parentCode: provinceCode, province, fullName: `${provinceName}${cityName}` });
      for (const r of reference.filter((r) => r.parentCode === cityCode)) {
        add({ code: r.code, name: r.name, parentCode: cityCode, province, fullName: `${provinceName}${cityName}${r.name}` });
      }
      const wanted = between(rng, spec.countiesPerCity[0], spec.countiesPerCity[1]);
      let districtsMade = 0;
      let countiesMade = 0;
      let citiesMade = 0;
      for (let k = 0; k < wanted; k += 1) {
        // GB/T 2260: 01–20 districts, 21–80 counties, 81–99 county-level cities.
        const kind = prefix === '66' ? 'regiment' : k < 2 ? 'district' : k % 5 === 4 ? 'city' : 'county';
        let suffix: number;
        let name: string;
        if (kind === 'regiment') {
          suffix = 21 + countiesMade++;
          name = `${shortCityName(cityName).replace(/^(第.+师).*$/, '$1')}${numeral(suffix - 20)}团`;
        } else {
          suffix = kind === 'district' ? 2 + districtsMade++ : kind === 'city' ? 81 + citiesMade++ : 21 + countiesMade++;
          const ending = kind === 'district' ? '区' : kind === 'city' ? '市' : '县';
          do name = `${pick(rng, PLACE_FIRST)}${pick(rng, PLACE_SECOND)}${ending}`; while (countyNames.has(name));
        }
        countyNames.add(name);
        const code = `${cityCode.slice(0, 4)}${String(suffix).padStart(2, '0')}`;
        add({ code, name, parentCode: cityCode, province, fullName: `${provinceName}${cityName}${name}` });
      }
    }
  });
  return regions;
}

// ---------------------------------------------------------------------------------------------
// Organisations

export interface OrganizationPlan {
  id: string;
  name: string;
  type: OrganizationType;
  parent: number;
  regionCode: string | null;
  /** Ancestor ids from the top, itself last. */
  path: string[];
}

export interface RegionOrganizations {
  /** The 科协 of this region (provincial, city or county association). */
  association: number;
  /** Units directly below that association in this region. */
  units: number[];
}

function planOrganizations(spec: ScaleSpec, regions: RegionPlan[]) {
  const rng = createRng(2260_0002);
  const organizations: OrganizationPlan[] = [];
  const byName = new Map<string, number>();
  const add = (name: string, type: OrganizationType, parent: number, regionCode: string | null, id = orgId(name)): number => {
    let unique = name;
    for (let n = 2; byName.has(unique); n += 1) unique = `${name}（${numeral(n)}）`;
    const index = organizations.length;
    organizations.push({ id: unique === name ? id : orgId(unique), name: unique, type, parent, regionCode,
      path: [...(parent >= 0 ? organizations[parent].path : []), unique === name ? id : orgId(unique)] });
    byName.set(unique, index);
    return index;
  };
  // The reference organisations first (parents come before their children), with their own ids.
  const referenceIndex = new Map<string, number>();
  for (const seed of organizationSeeds()) {
    referenceIndex.set(seed.id, add(seed.name, seed.type as OrganizationType, seed.parentId ? referenceIndex.get(seed.parentId)! : -1, seed.regionCode, seed.id));
  }
  const host = byName.get(HOST_NAME)!;
  const byRegion = new Map<string, RegionOrganizations>();
  const nationalSocieties = NATIONAL_SOCIETIES.map((name) => byName.get(name)!);
  const fill = (template: string, values: Record<string, string>) => template.replace(/\{(\w)\}/g, (_, key: string) => values[key] ?? '');
  /** Units from templates: the first pass uses every template once, later passes only the numbered or random ones. */
  const addUnits = (templates: ReadonlyArray<readonly [OrganizationType, string]>, count: number, parent: number, regionCode: string, values: Record<string, string>) => {
    const units: number[] = [];
    let number = 1;
    for (let made = 0, t = 0; made < count; t += 1) {
      const [type, template] = templates[t % templates.length];
      if (t >= templates.length && !/\{[nbt]\}/.test(template)) continue;
      const name = fill(template, {
        ...values,
        n: numeral(number++),
        b: `${pick(rng, BRANDS)}${pick(rng, BRANDS)}`,
        i: pick(rng, INDUSTRIES),
        t: `${pick(rng, PLACE_FIRST)}${pick(rng, PLACE_SECOND)}`,
      });
      units.push(add(name, type, parent, regionCode));
      made += 1;
    }
    return units;
  };

  PROVINCES.forEach(([provinceCode, provinceName, short]) => {
    const prefix = provinceCode.slice(0, 2);
    const municipality = MUNICIPALITIES.has(prefix);
    const association = byName.get(provincialAssociationName(provinceName))!;
    const departments = MINISTRY_COUNTERPARTS.map(([ministry, provincial, municipal]) =>
      add(fill(municipality ? municipal : provincial, { P: provinceName }), 'MINISTRY_DEPARTMENT', byName.get(ministry)!, provinceCode));
    const units = [byName.get(scienceMuseumName(short))!, ...departments,
      ...addUnits(PROVINCE_UNITS, spec.unitsPerProvince, association, provinceCode, { p: short, P: provinceName })];
    byRegion.set(provinceCode, { association, units });
    for (const city of regions.filter((r) => r.level === 'CITY' && r.parentCode === provinceCode)) {
      const cityAssociation = byName.get(cityAssociationName(city.name))
        ?? add(cityAssociationName(city.name), 'CITY_ASSOCIATION', association, city.code);
      byRegion.set(city.code, {
        association: cityAssociation,
        units: addUnits(CITY_UNITS, spec.unitsPerCity, cityAssociation, city.code, { s: shortCityName(city.name) }),
      });
    }
    for (const county of regions.filter((r) => r.level === 'COUNTY' && r.code.slice(0, 2) === prefix)) {
      const parentRegion = byRegion.get(county.parentCode!)!;
      const cityName = county.parentCode === provinceCode || prefix === '66' ? '' : regions.find((r) => r.code === county.parentCode)!.name;
      // County names repeat across the country in real life; the association's name says where.
      const countyAssociation = add(`${cityName}${county.name}科学技术协会`, 'COUNTY_ASSOCIATION', parentRegion.association, county.code);
      byRegion.set(county.code, {
        association: countyAssociation,
        units: addUnits(COUNTY_UNITS, spec.unitsPerCounty, countyAssociation, county.code, { c: county.name }),
      });
    }
  });
  return { organizations, byRegion, nationalSocieties, host };
}

// ---------------------------------------------------------------------------------------------
// Activities

export const CATEGORY = Object.fromEntries(ACTIVITY_CATEGORIES.map((c, i) => [c, i])) as Record<ActivityCategory, number>;
export const MODE = Object.fromEntries(ACTIVITY_MODES.map((m, i) => [m, i])) as Record<ActivityMode, number>;
export const STATUS = Object.fromEntries(ACTIVITY_STATUSES.map((s, i) => [s, i])) as Record<ActivityStatus, number>;

/** Every activity's shape in typed arrays (500,000 activities take a few tens of megabytes). */
export class ActivityPlan {
  readonly ids: string[];
  readonly campaign: Uint8Array;
  readonly category: Uint8Array;
  /** Index in JOINT_ACTIONS, or -1. */
  readonly jointAction: Int8Array;
  /** Index in ONLINE_KINDS, or -1. */
  readonly onlineKind: Int8Array;
  readonly mode: Uint8Array;
  readonly status: Uint8Array;
  readonly region: Int32Array;
  readonly organizer: Int32Array;
  readonly startsAt: Float64Array;
  readonly endsAt: Float64Array;
  readonly expected: Int32Array;
  readonly checkIns: Int32Array;
  /** Days the check-ins fall on: the first China day number and how many days. */
  readonly checkInFirstDay: Int32Array;
  readonly checkInDays: Int16Array;
  readonly feedback: Int32Array;
  readonly serviceRecords: Int32Array;
  constructor(readonly count: number) {
    this.ids = new Array<string>(count);
    this.campaign = new Uint8Array(count);
    this.category = new Uint8Array(count);
    this.jointAction = new Int8Array(count);
    this.onlineKind = new Int8Array(count);
    this.mode = new Uint8Array(count);
    this.status = new Uint8Array(count);
    this.region = new Int32Array(count);
    this.organizer = new Int32Array(count);
    this.startsAt = new Float64Array(count);
    this.endsAt = new Float64Array(count);
    this.expected = new Int32Array(count);
    this.checkIns = new Int32Array(count);
    this.checkInFirstDay = new Int32Array(count);
    this.checkInDays = new Int16Array(count);
    this.feedback = new Int32Array(count);
    this.serviceRecords = new Int32Array(count);
  }
}

export interface World {
  spec: ScaleSpec;
  /** Start of the current China day: nothing the generator writes happens at or after it. */
  cutoff: number;
  campaigns: CampaignSeed[];
  regions: RegionPlan[];
  regionIndex: Map<string, number>;
  organizations: OrganizationPlan[];
  /** Each organisation's path as one COPY array value. */
  pathText: string[];
  byRegion: Map<string, RegionOrganizations>;
  nationalSocieties: number[];
  host: number;
  activities: ActivityPlan;
  /** Size of the public user pool: a prime, so that every stride walks it without repeats. */
  users: number;
  /** Volunteers per province (index in PROVINCES), in blocks: province p holds [volunteerStart[p], volunteerStart[p + 1]). */
  volunteerStart: Int32Array;
}

/** The public users an activity's check-ins and feedback come from: user (base + j * stride) mod users. */
export function userWalk(world: World, activity: number): { base: number; stride: number } {
  return { base: mix32(activity ^ 0x51ed270b) % world.users, stride: 1 + (mix32(activity ^ 0x2545f491) % (world.users - 1)) };
}

export function planWorld(spec: ScaleSpec, now: Date): World {
  const cutoff = chinaDayStart(chinaDate(now)).getTime();
  const demo = demoCampaign(now);
  const campaigns = demo.year === CAMPAIGN_2020.year ? [CAMPAIGN_2020] : [CAMPAIGN_2020, demo];
  const regions = planRegions(spec);
  const regionIndex = new Map(regions.map((region, index) => [region.code, index]));
  const { organizations, byRegion, nationalSocieties, host } = planOrganizations(spec, regions);
  const pathText = organizations.map((org) => array(org.path));
  const users = primeAtLeast(spec.publicUsers);
  const world: World = {
    spec, cutoff, campaigns, regions, regionIndex, organizations, pathText, byRegion, nationalSocieties, host,
    activities: new ActivityPlan(spec.activities), users, volunteerStart: new Int32Array(PROVINCES.length + 1),
  };
  planActivities(world);
  allocateRows(world);
  return world;
}

function planActivities(world: World): void {
  const { spec, campaigns, regions, organizations, byRegion } = world;
  const plan = world.activities;
  const rng = createRng(2260_0003);
  const provincePicker = new WeightedPicker(PROVINCES.map(([code]) => PROVINCE_POPULATION[code.slice(0, 2)]));
  const actionPicker = new WeightedPicker(JOINT_ACTIONS.map((action) => JOINT_ACTION_WEIGHTS[action]));
  const citiesOfProvince = PROVINCES.map(([code]) => regions.map((r, i) => [r, i] as const).filter(([r]) => r.level === 'CITY' && r.parentCode === code).map(([, i]) => i));
  const countiesOfProvince = PROVINCES.map(([code]) => regions.map((r, i) => [r, i] as const).filter(([r]) => r.level === 'COUNTY' && r.code.slice(0, 2) === code.slice(0, 2)).map(([, i]) => i));
  const typeOf = (index: number) => organizations[index].type;

  const perCampaign = campaigns.length === 1 ? [spec.activities] : [spec.activities - Math.round(spec.activities * spec.demoShare), Math.round(spec.activities * spec.demoShare)];
  let index = 0;
  campaigns.forEach((campaign, c) => {
    const yearStart = chinaDayStart(`${campaign.year}-01-01`).getTime();
    const yearEnd = chinaDayStart(`${campaign.year + 1}-01-01`).getTime();
    const inYear = (instant: number) => Math.min(Math.max(instant, yearStart), yearEnd - DAY_MS);
    const concentrated = campaign.concentratedStartsAt.getTime();
    const demo = campaign.isDemo;
    const end = index + perCampaign[c];
    const set = (category: ActivityCategory, regionCode: string, organizer: number, mode: ActivityMode, startsAt: number, endsAt: number, expected: number, jointAction = -1, onlineKind = -1) => {
      plan.ids[index] = nameUuid(`activity:${campaign.year}:${index}`);
      plan.campaign[index] = c;
      plan.category[index] = CATEGORY[category];
      plan.jointAction[index] = jointAction;
      plan.onlineKind[index] = onlineKind;
      plan.mode[index] = MODE[mode];
      plan.region[index] = world.regionIndex.get(regionCode)!;
      plan.organizer[index] = organizer;
      plan.startsAt[index] = startsAt;
      plan.endsAt[index] = endsAt;
      plan.expected[index] = Math.max(0, Math.round(expected));
      // Statuses: 2020 is history; the demo year is under way around the cutoff.
      let status: ActivityStatus;
      const roll = rng();
      if (category === 'CLOUD_LAUNCH' || category === 'PROVINCIAL_MAIN_VENUE') status = demo ? 'REGISTERED' : 'COMPLETED';
      else if (!demo) status = roll < 0.82 ? 'COMPLETED' : roll < 0.97 ? 'REGISTERED' : 'WITHDRAWN';
      else if (endsAt <= world.cutoff) status = roll < 0.45 ? 'COMPLETED' : roll < 0.95 ? 'REGISTERED' : 'WITHDRAWN';
      else status = roll < 0.86 ? 'REGISTERED' : roll < 0.95 ? 'DRAFT' : 'WITHDRAWN';
      plan.status[index] = STATUS[status];
      index += 1;
    };
    const at = (dayOffset: number, hour: number) => inYear(concentrated + dayOffset * DAY_MS) + hour * HOUR_MS;

    // 3+1: one cloud launch by the host, one main venue per province by its association.
    set('CLOUD_LAUNCH', '110000', world.host, 'ONLINE', at(0, 9), at(0, 11), 1_000_000, -1, ONLINE_KINDS.indexOf('LIVESTREAM'));
    PROVINCES.forEach(([code, name]) => {
      if (index < end) set('PROVINCIAL_MAIN_VENUE', code, byRegionAssociation(byRegion, code, name), 'HYBRID', at(0, 9), at(0, 17), between(rng, 2_000, 20_000));
    });
    while (index < end) {
      const province = provincePicker.pick(rng);
      const provinceCode = PROVINCES[province][0];
      const levelRoll = rng();
      const cities = citiesOfProvince[province];
      const counties = countiesOfProvince[province];
      const regionIdx = levelRoll < 0.12 || counties.length === 0 ? world.regionIndex.get(provinceCode)!
        : levelRoll < 0.4 && cities.length > 0 ? pick(rng, cities) : pick(rng, counties);
      const region = regions[regionIdx];
      const online = rng() < 0.24;
      const action = online ? -1 : actionPicker.pick(rng);
      // The organiser: a national society for some joint actions, else the region's association or a fitting unit.
      const local = byRegion.get(region.code)!;
      let organizer: number;
      if (!online && (JOINT_ACTIONS[action] === 'SOCIETY' || rng() < 0.03)) {
        organizer = pick(rng, world.nationalSocieties);
      } else {
        const fitting = online ? local.units : local.units.filter((unit) => ACTION_ORGANIZER_TYPES[JOINT_ACTIONS[action]].includes(typeOf(unit)));
        const roll = rng();
        organizer = roll < 0.35 || local.units.length === 0 ? local.association : fitting.length > 0 && roll < 0.85 ? pick(rng, fitting) : pick(rng, local.units);
      }
      if (online) {
        const mode: ActivityMode = rng() < 0.88 ? 'ONLINE' : 'HYBRID';
        // 云上科普日: open through the concentrated period (some start earlier or run on).
        const startsAt = rng() < 0.8 ? concentrated : inYear(concentrated - between(rng, 1, 10) * DAY_MS);
        const endsAt = rng() < 0.8 ? campaign.concentratedEndsAt.getTime() - 1 : inYear(campaign.concentratedEndsAt.getTime() + between(rng, 1, 10) * DAY_MS) - 1;
        set('ONLINE', region.code, organizer, mode, startsAt, Math.max(endsAt, startsAt + HOUR_MS), logNormal(rng, 2_000, 1.2), -1, Math.floor(rng() * ONLINE_KINDS.length));
      } else {
        const mode: ActivityMode = rng() < 0.68 ? 'OFFLINE' : 'HYBRID';
        // Mostly in the concentrated week; the rest from early August to early October (2020) or around it.
        const offset = rng() < 0.8 ? between(rng, 0, 6) : demo ? between(rng, -2, 8) : between(rng, -40, 18);
        const startsAt = at(offset, between(rng, 8, 19)) + (rng() < 0.5 ? 30 * 60_000 : 0);
        const hours = between(rng, 1, 8);
        const endsAt = Math.min(startsAt + hours * HOUR_MS, inYear(startsAt) + DAY_MS - 60_000);
        set('JOINT_ACTION', region.code, organizer, mode, startsAt, endsAt, logNormal(rng, 200, 1.1), action);
      }
    }
  });
}

function byRegionAssociation(byRegion: Map<string, RegionOrganizations>, code: string, provinceName: string): number {
  const association = byRegion.get(code)?.association;
  if (association === undefined) throw new Error(`no association for ${provinceName}`);
  return association;
}

/** How many check-ins, feedback and service records each activity gets: exact totals, skewed like real ones. */
function allocateRows(world: World): void {
  const { spec } = world;
  const plan = world.activities;
  const rng = createRng(2260_0004);
  const n = plan.count;
  const live = (i: number) => plan.status[i] === STATUS.REGISTERED || plan.status[i] === STATUS.COMPLETED;
  const cutoffDay = chinaDayNumber(world.cutoff);

  // Check-ins: on the activity's days before today; online 打卡 activities draw the most.
  const weights = new Float64Array(n);
  for (let i = 0; i < n; i += 1) {
    const first = chinaDayNumber(plan.startsAt[i]);
    const last = Math.min(chinaDayNumber(plan.endsAt[i]), cutoffDay - 1);
    plan.checkInFirstDay[i] = first;
    plan.checkInDays[i] = live(i) ? Math.max(0, last - first + 1) : 0;
    if (plan.checkInDays[i] === 0) continue;
    const online = plan.category[i] === CATEGORY.ONLINE || plan.category[i] === CATEGORY.CLOUD_LAUNCH;
    const kindBoost = plan.onlineKind[i] === ONLINE_KINDS.indexOf('CHECK_IN') ? 3 : 1;
    weights[i] = Math.pow(plan.expected[i], 0.85) * (online ? 2.5 * kindBoost : plan.mode[i] === MODE.HYBRID ? 0.6 : 0.3) * (0.5 + rng());
  }
  plan.checkIns.set(allocate(spec.checkIns, weights, (i) => world.users * plan.checkInDays[i]));

  // Feedback: mostly from those who checked in, some from offline participants.
  weights.fill(0);
  for (let i = 0; i < n; i += 1) {
    if (!live(i) || plan.startsAt[i] >= world.cutoff) continue;
    weights[i] = 0.25 * Math.sqrt(plan.checkIns[i] + 1) * Math.log1p(plan.checkIns[i] + 1) + Math.sqrt(plan.expected[i]) * 0.2 * rng();
  }
  plan.feedback.set(allocate(spec.feedback, weights, () => world.users));

  // Volunteers by province, in proportion to the activities that need them; service records at
  // activities with an offline part, from the volunteers of the activity's province.
  const needs = new Float64Array(PROVINCES.length);
  weights.fill(0);
  for (let i = 0; i < n; i += 1) {
    if (!live(i) || plan.mode[i] === MODE.ONLINE || plan.startsAt[i] >= world.cutoff) continue;
    weights[i] = Math.sqrt(plan.expected[i]) * (0.3 + rng());
    needs[world.regions[plan.region[i]].province] += weights[i];
  }
  const perProvince = allocate(spec.volunteers, Float64Array.from(needs, (need, p) => need + PROVINCE_POPULATION[PROVINCES[p][0].slice(0, 2)] * 1e-6), () => spec.volunteers);
  for (let p = 0; p < PROVINCES.length; p += 1) world.volunteerStart[p + 1] = world.volunteerStart[p] + perProvince[p];
  plan.serviceRecords.set(allocate(spec.serviceRecords, weights, (i) => perProvince[world.regions[plan.region[i]].province]));
}

export const jointActionOf = (plan: ActivityPlan, i: number): JointAction | null => (plan.jointAction[i] >= 0 ? JOINT_ACTIONS[plan.jointAction[i]] : null);
export { ACTIVITY_CATEGORIES, ACTIVITY_MODES, ACTIVITY_STATUSES, JOINT_ACTIONS, ONLINE_KINDS };
export type { Rng };
