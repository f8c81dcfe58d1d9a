import { cityOf, provinceOf } from './regions';

/**
 * Where a rollup row of the stats subgraphs counts (their `scope` column): the nation, a region
 * with everything in it, an organisation itself, or an organisation with everything below it.
 * Built and read only here, in TypeScript and in SQL alike.
 */
const REGION = 'R:';
const ORGANIZATION = 'O:';
const SUBTREE = 'T:';

export const nationScope = 'N';
export const regionScope = (code: string): string => `${REGION}${code}`;
export const organizationScope = (id: string): string => `${ORGANIZATION}${id}`;
/** An organisation and everything below it. */
export const subtreeScope = (id: string): string => `${SUBTREE}${id}`;

/** What an Organization's stats field reads: the organisation itself, or with includeSubordinates its subtree. */
export const organizationStatsScope = (id: string, includeSubordinates: boolean): string =>
  (includeSubordinates ? subtreeScope(id) : organizationScope(id));

/** The region code a scope names, or null for the nation and organisation scopes. */
export function regionOfScope(scope: string): string | null {
  return scope.startsWith(REGION) ? scope.slice(REGION.length) : null;
}

/** The nation, then the province, city and county of a region code (each once); only the nation without one. */
export function regionScopes(regionCode: string | null): string[] {
  if (!regionCode) return [nationScope];
  const city = cityOf(regionCode);
  return [...new Set([nationScope, regionScope(provinceOf(regionCode)), ...(city ? [regionScope(city)] : []), regionScope(regionCode)])];
}

/** An organisation's own scope (when known) and the subtree scope of every organisation on its path, itself included. */
export function organizationScopes(organizationId: string | null, path: readonly string[] | null): string[] {
  return [...new Set([...(organizationId ? [organizationScope(organizationId)] : []), ...(path ?? []).map(subtreeScope)])];
}

/** regionScopes of a region-code column, in SQL: a text[] without NULLs (entries may repeat: callers take DISTINCT). */
export function regionScopesSql(code: string): string {
  return `array_remove(ARRAY['${nationScope}', '${REGION}' || left(${code}, 2) || '0000',
    CASE WHEN ${code} LIKE '__0000' THEN NULL ELSE '${REGION}' || left(${code}, 4) || '00' END, '${REGION}' || ${code}], NULL)`;
}

/** organizationScopes of an organisation-id expression and a path column, in SQL: a text[]. */
export function organizationScopesSql(organizationId: string, path: string): string {
  return `array_remove(ARRAY['${ORGANIZATION}' || ${organizationId}], NULL) || ARRAY(SELECT '${SUBTREE}' || p FROM unnest(${path}) AS p)`;
}

/** A rollup read: a scope in one campaign, or in every campaign together (campaign null). */
export interface StatsKey {
  campaign: number | null;
  scope: string;
}

/** A daily series read: a scope in one campaign. */
export interface DailyStatsKey extends StatsKey {
  campaign: number;
}

export const statsCacheKey = (key: StatsKey): string => `${key.campaign ?? '*'}|${key.scope}`;
