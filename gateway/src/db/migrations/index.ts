import { Registry1730000000000 } from './1730000000000-Registry';
import { ApprovedHosts1760000000000 } from './1760000000000-ApprovedHosts';

/** Every migration of the gateway's database, oldest first. */
export const migrations = [Registry1730000000000, ApprovedHosts1760000000000];
