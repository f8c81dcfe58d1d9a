import { Initial1700000000000 } from './1700000000000-Initial';
import { TeamsPathsAndTotals1700000000001 } from './1700000000001-TeamsPathsAndTotals';
import { Stats1700000000002 } from './1700000000002-Stats';
import { RollupQueues1700000000003 } from './1700000000003-RollupQueues';

/** Every migration of the volunteering database, oldest first. */
export const migrations = [Initial1700000000000, TeamsPathsAndTotals1700000000001, Stats1700000000002, RollupQueues1700000000003];
