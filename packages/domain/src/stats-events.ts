import { ArgsType, Field, ID, Int } from 'type-graphql';
import { IsOptional, Matches, Max, Min } from 'class-validator';
import type { EntityManager } from 'typeorm';
import { emitEvent, type HubEvent } from '@kepuri/platform';
import { provinceOf } from './regions';
import { regionOfScope } from './scopes';

/** The topic on which a stats subgraph announces that its rollups changed (in its own channel). */
export const STATS_CHANGED = 'statsChanged';

/** On every stats Subscription field: figures move with every write; a dashboard wants one refresh a second per region. */
export const STATS_EVENTS_THROTTLE = '@throttle(ms: 1000)';

/**
 * What a write changed in one province: the campaigns (0 = the all-campaigns bucket, which every
 * campaign's figures include) and the region codes whose rollups moved (province, city, county).
 */
export interface StatsChangedKey {
  province: string;
  campaigns: number[];
  regions: string[];
}

/** A rollup row a write moved, by where and when it counts. */
export interface MovedRollupRow {
  scope: string;
  campaignYear: number;
}

/** Groups the rollup rows a write changed by province; national and organisation scopes name no region. */
export function statsChangedKeys(rows: readonly MovedRollupRow[]): StatsChangedKey[] {
  const byProvince = new Map<string, { campaigns: Set<number>; regions: Set<string> }>();
  for (const row of rows) {
    const code = regionOfScope(row.scope);
    if (code === null) continue;
    const province = provinceOf(code);
    const entry = byProvince.get(province) ?? { campaigns: new Set(), regions: new Set() };
    entry.campaigns.add(row.campaignYear);
    entry.regions.add(code);
    byProvince.set(province, entry);
  }
  return [...byProvince].sort(([a], [b]) => a.localeCompare(b)).map(([province, entry]) => ({
    province,
    campaigns: [...entry.campaigns].sort((a, b) => a - b),
    regions: [...entry.regions].sort(),
  }));
}

/** Announces, on commit, the regions whose rollups the caller's transaction changed. */
export function emitStatsChanged(manager: EntityManager, subgraph: string, rows: readonly MovedRollupRow[]): Promise<void> {
  return emitEvent(manager, subgraph, STATS_CHANGED, ...(statsChangedKeys(rows) as unknown as Array<Record<string, unknown>>));
}

/** The `campaign` argument of every stats field that may sum all campaigns. */
export const STATS_CAMPAIGN_ARG = { nullable: true, description: '年度 — one campaign year; all campaigns together when omitted.' } as const;

@ArgsType()
export class StatsChangedArgs {
  @Field(() => Int, { description: '年度 — the campaign year whose figures are watched.' })
  @Min(2000) @Max(2100)
  campaign!: number;

  @Field(() => ID, {
    nullable: true,
    description: '地区代码 — one region (any level) to watch; without it, every province whose figures change.',
  })
  @IsOptional() @Matches(/^\d{6}$/, { message: 'must be a six-digit GB/T 2260 code' })
  regionCode?: string;
}

/** Whether a stats event concerns a subscription's campaign and region. */
export function statsEventMatches(event: HubEvent<StatsChangedKey>, args: StatsChangedArgs): boolean {
  const { campaigns, regions } = event.key;
  if (!campaigns.includes(args.campaign) && !campaigns.includes(0)) return false;
  return args.regionCode ? regions.includes(args.regionCode) : true;
}

/** The Region a matching stats event is about: the watched region, or the province that changed. */
export function statsEventRegion(event: HubEvent<StatsChangedKey>, args: StatsChangedArgs): { code: string } {
  return { code: args.regionCode ?? event.key.province };
}
