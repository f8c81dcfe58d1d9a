/**
 * The hub's own schema directives. A subgraph declares with them what the gateway must do for its
 * fields; composition keeps them in the supergraph (`@composeDirective`), and the gateway reads them
 * there. So the gateway names no subgraph, type or field of the domain, and a ministry's subgraph
 * declares the same things the same way. They are not part of the API schema clients see.
 *
 * - `@fanIn(into: "f")` on a Subscription field: its events also reach subscribers of the
 *   Subscription field `f` (same arguments, same type), e.g. three subgraphs' figures behind one field.
 * - `@throttle(ms: N)` on a Subscription field: at most one event per entity every N ms; later ones
 *   within the interval collapse into one at its end.
 * - `@membershipsOf(grantedBy: "m")` on a Query field `f(user: String!): [{ organizationId: ID!, role }]`:
 *   where the gateway reads whom a user acts for, to check a token's `org` claim (only a core
 *   subgraph's counts); a refusal names the mutation m that grants a membership.
 * - `@membershipsChanged` on a Subscription field returning the user (String!) whose memberships just
 *   changed: the gateway forgets what it read of them (only a core subgraph's counts).
 */
export const HUB_SPEC_URL = 'https://kepuri.example/hub/v1.0';

export const HUB_DIRECTIVE = {
  fanIn: 'fanIn',
  throttle: 'throttle',
  membershipsOf: 'membershipsOf',
  membershipsChanged: 'membershipsChanged',
} as const;

const names = Object.values(HUB_DIRECTIVE);

/** What every subgraph built on the platform puts in its SDL, after the federation @link. */
export const HUB_DIRECTIVES_SDL = `extend schema @link(url: "${HUB_SPEC_URL}", import: [${names.map((name) => `"@${name}"`).join(', ')}])
${names.map((name) => `  @composeDirective(name: "@${name}")`).join('\n')}

"""合并订阅 — the events of this Subscription field also reach subscribers of the field named by into."""
directive @fanIn(into: String!) on FIELD_DEFINITION

"""限流 — at most one event of this Subscription field per entity every ms milliseconds."""
directive @throttle(ms: Int!) on FIELD_DEFINITION

"""成员关系 — this Query field answers a user's memberships; the gateway checks organisation claims with it (grantedBy: the mutation that grants one)."""
directive @membershipsOf(grantedBy: String) on FIELD_DEFINITION

"""成员关系变动 — this Subscription field announces a user whose memberships changed."""
directive @membershipsChanged on FIELD_DEFINITION
`;
