import { Initial1700000000000 } from './1700000000000-Initial';
import { LifecycleAndResults1700000000001 } from './1700000000001-LifecycleAndResults';

/** Every migration of the activities database, oldest first. */
export const migrations = [Initial1700000000000, LifecycleAndResults1700000000001];
