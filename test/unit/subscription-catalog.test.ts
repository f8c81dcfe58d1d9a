import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { readFileSync } from 'node:fs';
import { parse } from 'graphql';
import { HUB_DIRECTIVES_SDL } from '@kepuri/platform';
import { CORE_SUBGRAPHS } from '../../subgraphs/core-subgraphs';
import { SubscriptionCatalog } from '../../gateway/src/subscriptions/catalog';

/**
 * The gateway learns fan-in, throttling and where memberships live from directives in the
 * supergraph, so another subgraph (a ministry's) declares the same with the same directives. These
 * compose the core subgraphs' committed SDL with one more subgraph, as the registry would.
 */
const FEDERATION = 'extend schema @link(url: "https://specs.apollo.dev/federation/v2.7", import: ["@key", "@composeDirective"])';

function catalogWith(extraSdl: string, editCore: (name: string, sdl: string) => string = (_name, sdl) => sdl): SubscriptionCatalog {
  const services = [
    ...CORE_SUBGRAPHS.map((core) => ({ name: core.name, url: core.defaultUrl, typeDefs: parse(editCore(core.name, readFileSync(core.sdlFile, 'utf8'))) })),
    { name: 'ministry', url: 'http://localhost:4999/graphql', typeDefs: parse(`${FEDERATION}\n${HUB_DIRECTIVES_SDL}\n${extraSdl}`) },
  ];
  const composition = composeServices(services);
  if (composition.errors) throw new Error(composition.errors.map((error) => error.message).join('\n'));
  const supergraph = Supergraph.build(composition.supergraphSdl);
  return SubscriptionCatalog.build(supergraph.apiSchema().toGraphQLJSSchema(), composition.supergraphSdl, {}, new Set(CORE_SUBGRAPHS.map((core) => core.name)));
}

describe('the subscription catalog reads the hub directives from the supergraph', () => {
  const ministry = `
    type Region @key(fields: "code", resolvable: false) { code: ID! }
    type Query { ministryPing: String }
    type Subscription {
      ministryFiguresChanged(campaign: Int!, regionCode: ID): Region! @fanIn(into: "statsChanged") @throttle(ms: 250)
      ministryMembers(userSub: String!): String @membershipsChanged
    }
    type MinistryMembership { organizationId: ID! role: String! }
    extend type Query { ministryMemberships(userSub: String!): [MinistryMembership!]! @membershipsOf(grantedBy: "ministryGrant") }
  `;

  it('merges a field marked @fanIn into its target and throttles each field by its own @throttle', () => {
    const catalog = catalogWith(ministry);
    const stats = catalog.rootFields.get('statsChanged')!;
    expect(stats.sources[0]).toMatchObject({ subgraph: 'activities', field: 'statsChanged' });
    expect(stats.sources.map((source) => `${source.subgraph}.${source.field}`).sort()).toEqual([
      'activities.statsChanged', 'evaluations.evaluationStatsChanged', 'ministry.ministryFiguresChanged', 'volunteering.volunteerStatsChanged',
    ]);
    expect(stats.throttleMs).toBe(1_000);
    expect(catalog.rootFields.get('ministryFiguresChanged')!.throttleMs).toBe(250);
    expect(catalog.rootFields.get('checkInRecorded')!.throttleMs).toBe(0);
  });

  it('takes memberships only from a core subgraph: another subgraph\'s @membershipsOf cannot grant rights', () => {
    const catalog = catalogWith(ministry);
    expect(catalog.memberships.lookup).toEqual({ subgraph: 'organizations', field: 'userMemberships', argument: 'userSub', grantedBy: 'addMember' });
    expect(catalog.memberships.changes).toEqual({ subgraph: 'organizations', field: 'membershipChanged' });
    // Without the core subgraph's directives there is no source at all (the gateway then fails closed), not the ministry's.
    const unmarked = catalogWith(ministry, (name, sdl) => (name === 'organizations' ? sdl.replace(/(?<!directive) @memberships(Of|Changed)(\([^)]*\))?/g, '') : sdl));
    expect(unmarked.memberships).toEqual({ lookup: null, changes: null });
  });
});
