/**
 * How much the generator makes at each scale. `small` is not here: it is the sample set of
 * `npm start`, seeded by the subgraphs' own seed functions.
 */
export interface ScaleSpec {
  name: string;
  activities: number;
  checkIns: number;
  feedback: number;
  volunteers: number;
  serviceRecords: number;
  /** Distinct public users (`seed-user-N`) who check in and give feedback. */
  publicUsers: number;
  /** Generated counties below each prefecture-level city: [fewest, most]. */
  countiesPerCity: readonly [number, number];
  unitsPerProvince: number;
  unitsPerCity: number;
  unitsPerCounty: number;
  /** Share of the activities in the current year's demo campaign (the rest are 2020's). */
  demoShare: number;
}

export const SCALES: Record<'large' | 'medium' | 'tiny', ScaleSpec> = {
  large: {
    name: 'large', activities: 500_000, checkIns: 10_000_000, feedback: 2_000_000, volunteers: 1_000_000, serviceRecords: 2_000_000,
    publicUsers: 3_000_000, countiesPerCity: [3, 8], unitsPerProvince: 8, unitsPerCity: 24, unitsPerCounty: 16, demoShare: 0.2,
  },
  medium: {
    name: 'medium', activities: 50_000, checkIns: 1_000_000, feedback: 200_000, volunteers: 100_000, serviceRecords: 200_000,
    publicUsers: 300_000, countiesPerCity: [3, 8], unitsPerProvince: 8, unitsPerCity: 6, unitsPerCounty: 3, demoShare: 0.2,
  },
  /** Not offered on the command line's help: the test's scale. */
  tiny: {
    name: 'tiny', activities: 400, checkIns: 4_000, feedback: 1_000, volunteers: 600, serviceRecords: 500,
    publicUsers: 1_500, countiesPerCity: [1, 1], unitsPerProvince: 2, unitsPerCity: 1, unitsPerCounty: 1, demoShare: 0.2,
  },
};

export type ScaleName = 'small' | keyof typeof SCALES;

export function scaleSpec(name: string): ScaleSpec | 'small' {
  if (name === 'small') return 'small';
  const spec = SCALES[name as keyof typeof SCALES];
  if (!spec) throw new Error(`--scale must be small, medium or large (got ${name})`);
  return spec;
}
