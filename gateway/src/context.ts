import type { BaseContext } from '@apollo/server';
import type { Identity } from '@kepuri/platform';

export interface GatewayContext extends BaseContext {
  identity: Identity;
  /** The client's address (Express's `req.ip`, honouring `TRUST_PROXY`), for rate limits. */
  ip?: string;
  /** The identity signed for subgraphs, made on the first subgraph fetch of the request. */
  signedIdentity?: Promise<string>;
  /**
   * The gateway's own lookups for subscription events: their parts passed the limits as the
   * subscribers' operations, so the batch that carries them together is not held to them again.
   */
  internal?: boolean;
}
