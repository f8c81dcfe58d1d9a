import { Initial1700000000000 } from './1700000000000-Initial';
import { HierarchyAndMembers1700000000001 } from './1700000000001-HierarchyAndMembers';

/** Every migration of the organizations database, oldest first. */
export const migrations = [Initial1700000000000, HierarchyAndMembers1700000000001];
