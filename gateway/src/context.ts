import type { BaseContext } from '@apollo/server';
import type { Identity } from '../../subgraphs/shared/src/identity';

export interface GatewayContext extends BaseContext {
  identity: Identity;
  /** The identity signed for subgraphs, made on the first subgraph fetch of the request. */
  signedIdentity?: Promise<string>;
}
