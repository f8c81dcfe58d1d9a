import { Initial1700000000000 } from './1700000000000-Initial';
import { ReviewsAndAssessments1700000000001 } from './1700000000001-ReviewsAndAssessments';
import { EvaluationStats1700000000002 } from './1700000000002-EvaluationStats';
import { RollupQueues1700000000003 } from './1700000000003-RollupQueues';

/** Every migration of the evaluations database, oldest first. */
export const migrations = [Initial1700000000000, ReviewsAndAssessments1700000000001, EvaluationStats1700000000002, RollupQueues1700000000003];
