import { Initial1700000000000 } from './1700000000000-Initial';

/** Every migration of the volunteering database, oldest first. */
export const migrations = [Initial1700000000000];
