import { Initial1700000000000 } from './1700000000000-Initial';
import { LifecycleAndResults1700000000001 } from './1700000000001-LifecycleAndResults';
import { Stats1700000000002 } from './1700000000002-Stats';
import { KeywordBigrams1700000000003 } from './1700000000003-KeywordBigrams';
import { RollupQueues1700000000004 } from './1700000000004-RollupQueues';

/** Every migration of the activities database, oldest first. */
export const migrations = [Initial1700000000000, LifecycleAndResults1700000000001, Stats1700000000002, KeywordBigrams1700000000003, RollupQueues1700000000004];
