import type { Identity } from '@kepuri/platform';
import type { GraphQLRequest, GraphQLResult } from '../graphql-server';
import type { LoadedGraph } from '../loaded-graph';
import type { UpstreamClients } from '../subscriptions/upstream';
import { MembershipCheck, type MembershipRow } from './check';

export { MembershipCheck, type HeldRole, type MembershipRow } from './check';

export interface MembershipOptions {
  loaded: LoadedGraph;
  execute(request: GraphQLRequest, identity: Identity, internal: boolean): Promise<GraphQLResult>;
  upstream: UpstreamClients;
  ttlMs: number;
  max: number;
  log: (message: string) => void;
}

const AS_GATEWAY: Identity = { role: 'service', subgraph: 'gateway' };

/**
 * The membership check wired to the graph: a user's memberships are read through the gateway's own
 * query plan, as a service, from the Query field a core subgraph marks `@membershipsOf`; the
 * Subscription field it marks `@membershipsChanged` tells every gateway at once whose memberships
 * changed. Both follow the supergraph in force.
 */
export function connectMemberships(options: MembershipOptions): { check: MembershipCheck; stop(): void } {
  const check = new MembershipCheck({
    ttlMs: options.ttlMs,
    max: options.max,
    grantedBy: () => options.loaded.catalog?.memberships.lookup?.grantedBy,
    lookup: async (userSub) => {
      const source = options.loaded.catalog?.memberships.lookup;
      if (!source) throw new Error('no subgraph answers memberships (@membershipsOf)');
      const query = `query HubMemberships($user: String!) { memberships: ${source.field}(${source.argument}: $user) { organizationId role } }`;
      const { data, errors } = await options.execute({ query, variables: { user: userSub } }, AS_GATEWAY, true);
      if (errors?.length || !data) throw new Error(errors?.[0]?.message ?? 'no answer');
      return data.memberships as MembershipRow[];
    },
  });
  let following: { key: string; stop(): void } | null = null;
  options.loaded.follow((catalog) => {
    const changes = catalog.memberships.changes;
    const key = changes ? `${changes.subgraph}.${changes.field}` : '';
    if (following?.key === key) return;
    following?.stop();
    following = null;
    if (!changes) return;
    following = {
      key,
      stop: options.upstream.subscribe(changes.subgraph, `subscription { changed: ${changes.field} }`, {
        next: (result) => {
          const userSub = (result.data as { changed?: unknown } | null | undefined)?.changed;
          if (typeof userSub === 'string') check.forget(userSub);
        },
        refused: (errors) => options.log(`memberships: ${changes.subgraph} refused ${changes.field}: ${errors[0]?.message}`),
      }),
    };
  });
  return { check, stop: () => following?.stop() };
}
