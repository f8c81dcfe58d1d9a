import { Registry1730000000000 } from './1730000000000-Registry';

/** Every migration of the gateway's database, oldest first. */
export const migrations = [Registry1730000000000];
