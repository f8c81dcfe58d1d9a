import {
  GraphQLBoolean, GraphQLDirective, GraphQLEnumType, GraphQLInt, DirectiveLocation, isInterfaceType, isObjectType, type GraphQLSchema,
} from 'graphql';
import { Extensions } from 'type-graphql';

/**
 * How long the gateway, a CDN or a browser may reuse a public answer, declared where the data lives:
 * a subgraph marks its types and fields with `@CacheHint(kind)`, which its SDL carries as Apollo's
 * `@cacheControl` directive; Apollo Server computes each answer's policy from them (the shortest
 * `maxAge` of everything in it, PRIVATE if anything is) and sends it as the `cache-control` header the
 * gateway merges. A type or root field without a hint is never reused (`maxAge` 0): a new field is
 * fresh until someone declares otherwise.
 *
 * - `reference`: what changes only by an administrator's hand (calendars, the map, the directory).
 * - `content`: what users write now and then (listings, entries, comments).
 * - `stats`: figures that every write moves (counts, sums, averages).
 * - `inherit`: a part of its parent (an edge, a page, a breakdown): as fresh as what holds it.
 * - `private`: depends on who asks (their own data, an organiser's or the host's view): never reused.
 *
 * The seconds of the first three are the subgraph's configuration (`CACHE_MAX_AGE_*`); the committed
 * SDL shows the defaults.
 */
export type CacheHintKind = 'reference' | 'content' | 'stats' | 'inherit' | 'private';

export interface CacheMaxAges {
  reference: number;
  content: number;
  stats: number;
}

export const DEFAULT_CACHE_MAX_AGES: Readonly<CacheMaxAges> = Object.freeze({ reference: 600, content: 60, stats: 4 });

const HINT_EXTENSION = 'hubCacheHint';

/** Declares how long answers of this type or field may be reused (see CacheHintKind). */
export function CacheHint(kind: CacheHintKind): ReturnType<typeof Extensions> {
  return Extensions({ [HINT_EXTENSION]: kind });
}

const SCOPE = new GraphQLEnumType({
  name: 'CacheControlScope',
  description: '缓存范围 — whether a cached answer may be shared (PUBLIC) or is for its caller only (PRIVATE).',
  values: {
    PUBLIC: { description: '公开 — the same for every caller.' },
    PRIVATE: { description: '私有 — for the caller who asked only.' },
  },
  // Composition keeps the type; clients never see it.
  extensions: { directives: { inaccessible: {} } },
});

/** Apollo Server's `@cacheControl`, declared in every subgraph built on the platform. */
export const CACHE_CONTROL_DIRECTIVE = new GraphQLDirective({
  name: 'cacheControl',
  description: '缓存 — how long an answer with this type or field may be reused (seconds), by whom, or whether it takes its parent\'s.',
  locations: [DirectiveLocation.FIELD_DEFINITION, DirectiveLocation.OBJECT, DirectiveLocation.INTERFACE, DirectiveLocation.UNION],
  args: {
    maxAge: { type: GraphQLInt },
    scope: { type: SCOPE },
    inheritMaxAge: { type: GraphQLBoolean },
  },
});

function directiveArguments(kind: CacheHintKind, ages: CacheMaxAges): Record<string, unknown> {
  if (kind === 'inherit') return { inheritMaxAge: true };
  if (kind === 'private') return { maxAge: 0, scope: 'PRIVATE' };
  return { maxAge: ages[kind] };
}

type Hinted = { extensions: Readonly<Record<string, unknown>> | null | undefined };

/**
 * Turns the `@CacheHint` marks of a type-graphql schema into `@cacheControl` directives with the
 * configured seconds, where printSchemaWithDirectives prints them (the `directives` extension). The
 * schema must declare CACHE_CONTROL_DIRECTIVE, so that the scope prints as an enum value.
 */
export function applyCacheHints(schema: GraphQLSchema, ages: CacheMaxAges): void {
  const apply = (element: Hinted) => {
    const kind = element.extensions?.[HINT_EXTENSION] as CacheHintKind | undefined;
    if (!kind) return;
    const directives = (element.extensions?.directives ?? {}) as Record<string, unknown>;
    (element as { extensions: Record<string, unknown> }).extensions = {
      ...element.extensions,
      directives: { ...directives, cacheControl: directiveArguments(kind, ages) },
    };
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (!isObjectType(type) && !isInterfaceType(type)) continue;
    apply(type as Hinted);
    for (const field of Object.values(type.getFields())) apply(field as Hinted);
  }
}
