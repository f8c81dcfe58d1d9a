import type { DataSource } from 'typeorm';
import { byOrdinal } from '@kepuri/platform';
import type { DailyStatsKey, StatsKey } from '@kepuri/domain';
import { COMMENDATION_KINDS } from '../commendation/commendation.enum';
import { RECOMMENDATION_KINDS } from '../recommendation/recommendation.enum';
import type { EvaluationDay, EvaluationStats, RatedActivity } from './evaluation-stats.types';

interface StatsRow {
  ord: string;
  feedback_count: string;
  rating_sum: string;
  rating_1: string;
  rating_2: string;
  rating_3: string;
  rating_4: string;
  rating_5: string;
  recommended_organizations: string;
  recommended_activities: string;
  commended_organizations: string;
  commended_activities: string;
}

const round2 = (value: number): number => Math.round(value * 100) / 100;
const mean = (sum: number, count: number): number | null => (count > 0 ? round2(sum / count) : null);

/**
 * The top-rated list's statement: it walks activity_ratings_top (or _province) in index order —
 * mean rating, then count, then id — skipping activities under the minimum, and stops at `first`.
 */
export function topRatedSql(byProvince: boolean): string {
  return `SELECT activity_id, feedback_count, rating_sum FROM activity_ratings
           WHERE campaign_year = $1 AND feedback_count > 0 AND feedback_count >= $2${byProvince ? ' AND province_code = $4' : ''}
           ORDER BY (rating_sum::numeric / feedback_count) DESC, feedback_count DESC, activity_id
           LIMIT $3`;
}

/** Reads the maintained rollups: one statement for any number of scopes. */
export class EvaluationStatsService {
  constructor(private readonly dataSource: DataSource) {}

  async stats(keys: readonly StatsKey[]): Promise<EvaluationStats[]> {
    const rows: StatsRow[] = await this.dataSource.query(
      `SELECT k.ord, sum(s.feedback_count) AS feedback_count, sum(s.rating_sum) AS rating_sum,
              sum(s.rating_1) AS rating_1, sum(s.rating_2) AS rating_2, sum(s.rating_3) AS rating_3, sum(s.rating_4) AS rating_4,
              sum(s.rating_5) AS rating_5, sum(s.recommended_organizations) AS recommended_organizations,
              sum(s.recommended_activities) AS recommended_activities, sum(s.commended_organizations) AS commended_organizations,
              sum(s.commended_activities) AS commended_activities
         FROM unnest($1::int[], $2::varchar[]) WITH ORDINALITY AS k(year, scope, ord)
         JOIN evaluation_stats s ON s.scope = k.scope AND (k.year IS NULL OR s.campaign_year = k.year)
        GROUP BY k.ord`,
      [keys.map((key) => key.campaign), keys.map((key) => key.scope)],
    );
    return byOrdinal(keys.length, rows).map(([row]) => {
      const n = (column: Exclude<keyof StatsRow, 'ord'>) => Number(row?.[column] ?? 0);
      const feedbackCount = n('feedback_count');
      const recommended = { EXCELLENT_ORGANIZATION: n('recommended_organizations'), EXCELLENT_ACTIVITY: n('recommended_activities') };
      const commended = { ORGANIZATION: n('commended_organizations'), ACTIVITY: n('commended_activities') };
      return {
        feedbackCount,
        averageRating: mean(n('rating_sum'), feedbackCount),
        ratingHistogram: ([1, 2, 3, 4, 5] as const).map((rating) => ({ rating, feedbackCount: n(`rating_${rating}`) })),
        recommendedCount: recommended.EXCELLENT_ORGANIZATION + recommended.EXCELLENT_ACTIVITY,
        byRecommendationKind: RECOMMENDATION_KINDS.map((kind) => ({ kind, recommendedCount: recommended[kind] })),
        commendationCount: commended.ORGANIZATION + commended.ACTIVITY,
        byCommendationKind: COMMENDATION_KINDS.map((kind) => ({ kind, commendationCount: commended[kind] })),
      };
    });
  }

  /** Daily series of many scopes of one campaign each, in one statement; days without feedback are left out. */
  async daily(keys: readonly DailyStatsKey[]): Promise<EvaluationDay[][]> {
    const rows: Array<{ ord: string; day: string; feedback_count: number; rating_sum: string }> = await this.dataSource.query(
      `SELECT k.ord, to_char(d.day, 'YYYY-MM-DD') AS day, d.feedback_count, d.rating_sum
         FROM unnest($1::int[], $2::varchar[]) WITH ORDINALITY AS k(year, scope, ord)
         JOIN evaluation_daily d ON d.scope = k.scope AND d.campaign_year = k.year
        WHERE d.feedback_count <> 0
        ORDER BY k.ord, d.day`,
      [keys.map((key) => key.campaign), keys.map((key) => key.scope)],
    );
    return byOrdinal(keys.length, rows).map((group): EvaluationDay[] =>
      group.map((row) => ({ day: row.day, feedbackCount: row.feedback_count, averageRating: mean(Number(row.rating_sum), row.feedback_count) })));
  }

  /** The best-rated activities of a campaign (nationally or in a province) with at least `minFeedback` ratings. */
  async topRated(campaign: number, provinceCode: string | null, minFeedback: number, first: number): Promise<RatedActivity[]> {
    const rows: Array<{ activity_id: string; feedback_count: number; rating_sum: number }> = await this.dataSource.query(
      topRatedSql(provinceCode !== null),
      provinceCode === null ? [campaign, minFeedback, first] : [campaign, minFeedback, first, provinceCode],
    );
    return rows.map((row) => ({
      activity: { id: row.activity_id },
      feedbackCount: row.feedback_count,
      averageRating: round2(row.rating_sum / row.feedback_count),
    }));
  }
}
