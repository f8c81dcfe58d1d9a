/**
 * GB/T 2260 codes are six digits: two for the province, two for the city, two for the county.
 * The level and the ancestors of a region follow from its code alone, so a subgraph can filter
 * "this province and everything in it" without asking the organizations subgraph.
 */
export type RegionLevel = 'PROVINCE' | 'CITY' | 'COUNTY';

const CODE_PATTERN = /^\d{6}$/;

export function isRegionCode(code: string): boolean {
  return CODE_PATTERN.test(code) && code.slice(0, 2) !== '00';
}

export function regionLevel(code: string): RegionLevel {
  if (code.endsWith('0000')) return 'PROVINCE';
  if (code.endsWith('00')) return 'CITY';
  return 'COUNTY';
}

export function provinceOf(code: string): string {
  return `${code.slice(0, 2)}0000`;
}

/** The city a region belongs to (itself for a city), or null for a province. */
export function cityOf(code: string): string | null {
  const level = regionLevel(code);
  if (level === 'PROVINCE') return null;
  return `${code.slice(0, 4)}00`;
}
