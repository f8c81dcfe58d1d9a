import { Registry1730000000000 } from './1730000000000-Registry';
import { ApprovedHosts1760000000000 } from './1760000000000-ApprovedHosts';
import { Clients1780000000000 } from './1780000000000-Clients';

/** Every migration of the gateway's database, oldest first. */
export const migrations = [Registry1730000000000, ApprovedHosts1760000000000, Clients1780000000000];
