import { organizationScopes, regionScopes } from '@kepuri/domain';
import type { CommendationKind } from '../commendation/commendation.enum';
import type { RecommendationKind } from '../recommendation/recommendation.enum';

/**
 * What one feedback, recommendation or commendation adds to the dashboard rollups. A
 * recommendation's or commendation's write journals rows(after) − rows(before)
 * (`evaluation-stats.writer.ts`); feedback is folded by the applier's SQL
 * (`evaluation-stats.applier.ts`) from the changes it records; `evaluation-stats.recount.ts`
 * computes the same from scratch in SQL.
 *
 * Scopes (@kepuri/domain scopes.ts): the nation; a region with everything in it (the province,
 * city and county of the stored region code); an organisation itself; an organisation and
 * everything below it (every id of the stored path).
 * - feedback: the rated activity's region and organiser, as stored with the feedback;
 * - recommendations (standing ones only): the unit recommended, or the organiser of the activity
 *   recommended (`organization_id`, its path) and the unit's or the activity's region;
 * - commendations: likewise the unit commended or the organiser of the activity commended.
 * A row written before its campaign was stored (feedback older than the stored snapshot) counts
 * nowhere; a missing region or path leaves out only those scopes.
 */
export interface FeedbackSubject {
  campaignYear: number | null;
  regionCode: string | null;
  organizerPath: string[] | null;
  rating: number;
  createdAt: Date;
}

export interface RecommendationSubject {
  campaignYear: number;
  kind: RecommendationKind;
  organizationId: string;
  organizationPath: string[];
  regionCode: string | null;
  withdrawnAt: Date | null;
}

export interface CommendationSubject {
  campaignYear: number;
  kind: CommendationKind;
  organizationId: string;
  organizationPath: string[] | null;
  regionCode: string | null;
}

export interface StatRow {
  campaignYear: number;
  scope: string;
  feedbackCount: number;
  ratingSum: number;
  rating1: number;
  rating2: number;
  rating3: number;
  rating4: number;
  rating5: number;
  recommendedOrganizations: number;
  recommendedActivities: number;
  commendedOrganizations: number;
  commendedActivities: number;
}

/** Column of each figure in evaluation_stats, in table order. */
export const STAT_COLUMNS: ReadonlyArray<[keyof StatRow, string]> = [
  ['feedbackCount', 'feedback_count'], ['ratingSum', 'rating_sum'],
  ['rating1', 'rating_1'], ['rating2', 'rating_2'], ['rating3', 'rating_3'], ['rating4', 'rating_4'], ['rating5', 'rating_5'],
  ['recommendedOrganizations', 'recommended_organizations'], ['recommendedActivities', 'recommended_activities'],
  ['commendedOrganizations', 'commended_organizations'], ['commendedActivities', 'commended_activities'],
];
export const STAT_NUMBERS = STAT_COLUMNS.map(([field]) => field);

/** Region scopes, the organisation's own scope and the subtree scope of every organisation in its path. */
export function scopesOf(regionCode: string | null, organizationId: string | null, path: readonly string[] | null): string[] {
  return [...regionScopes(regionCode), ...organizationScopes(organizationId, path)];
}

const zero = (campaignYear: number, scope: string): StatRow => ({
  campaignYear, scope, feedbackCount: 0, ratingSum: 0, rating1: 0, rating2: 0, rating3: 0, rating4: 0, rating5: 0,
  recommendedOrganizations: 0, recommendedActivities: 0, commendedOrganizations: 0, commendedActivities: 0,
});

/** Standing recommendations only: a withdrawn one counts nowhere. */
export function recommendationRows(recommendation: RecommendationSubject | null): StatRow[] {
  if (!recommendation || recommendation.withdrawnAt) return [];
  const field = recommendation.kind === 'EXCELLENT_ORGANIZATION' ? 'recommendedOrganizations' : 'recommendedActivities';
  return scopesOf(recommendation.regionCode, recommendation.organizationId, recommendation.organizationPath)
    .map((scope) => ({ ...zero(recommendation.campaignYear, scope), [field]: 1 }));
}

export function commendationRows(commendation: CommendationSubject | null): StatRow[] {
  if (!commendation) return [];
  const field = commendation.kind === 'ORGANIZATION' ? 'commendedOrganizations' : 'commendedActivities';
  return scopesOf(commendation.regionCode, commendation.organizationId, commendation.organizationPath)
    .map((scope) => ({ ...zero(commendation.campaignYear, scope), [field]: 1 }));
}

export const statKey = (row: StatRow): string => `${row.scope}|${row.campaignYear}`;
