import { hubError } from '@kepuri/platform';
import { INDICATORS, MAX_SCORE, MIN_SCORE, type Indicator, type IndicatorScoreInput } from './indicator.enum';

function badScore(indicator: Indicator, message: string) {
  const field = `scores.${indicator}`;
  return hubError('BAD_USER_INPUT', `${field}: ${message}`, { field, indicator });
}

/** Exactly one score from 0 to 100 for each of the seven indicators; an error names the indicator. */
export function checkScores(scores: readonly IndicatorScoreInput[]): Record<Indicator, number> {
  const byIndicator = new Map<Indicator, number>();
  for (const { indicator, score } of scores) {
    if (byIndicator.has(indicator)) throw badScore(indicator, 'is scored more than once');
    if (!Number.isFinite(score) || score < MIN_SCORE || score > MAX_SCORE) {
      throw badScore(indicator, `must be from ${MIN_SCORE} to ${MAX_SCORE}; got ${score}`);
    }
    byIndicator.set(indicator, score);
  }
  for (const indicator of INDICATORS) {
    if (!byIndicator.has(indicator)) throw badScore(indicator, 'is missing; every one of the seven indicators needs a score');
  }
  return Object.fromEntries(byIndicator) as Record<Indicator, number>;
}
