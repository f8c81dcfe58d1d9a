import { composeServices } from '@apollo/composition';
import { Supergraph } from '@apollo/federation-internals';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { CriticalityLevel, diff } from '@graphql-inspector/core';
import { createHash } from 'node:crypto';
import { Kind, parse, visit, type DocumentNode, type GraphQLSchema } from 'graphql';

export interface SubgraphInput {
  name: string;
  url: string;
  sdl: string;
}

export type Criticality = 'BREAKING' | 'DANGEROUS' | 'SAFE';

/** A client version (or, from usage alone, a client name and the version its requests said). */
export interface ClientRef {
  name: string;
  version: string;
}

export interface SchemaChange {
  criticality: Criticality;
  message: string;
  path: string | null;
  /** @graphql-inspector's kind of change (`FIELD_REMOVED`, `FIELD_ARGUMENT_ADDED`, …). */
  type?: string;
  /** A change the schema alone calls breaking, judged against usage (policy.ts): who it breaks. */
  clients?: ClientRef[];
  operations?: string[];
  /** Requests of the usage window that used what it changes. */
  requests?: number;
  /** Why a schema-breaking change is SAFE: nothing used it ("unused for N days"). */
  reason?: string;
  /** What the schema alone says (BREAKING), when usage made it SAFE. */
  schemaCriticality?: Criticality;
}

export interface CompositionError {
  message: string;
  /** Federation's error code (`INVALID_FIELD_SHARING`, `SATISFIABILITY_ERROR`, …), when it gave one. */
  code?: string;
}

/** A composition hint (`INCONSISTENT_DESCRIPTION`, …): composes, but worth a look. */
export interface CompositionHint {
  code: string;
  message: string;
}

export interface Composition {
  supergraphSdl: string | null;
  errors: CompositionError[];
  hints: CompositionHint[];
}

export const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/**
 * Federation directives a publisher may not use: `@override` moves a field's resolution away from
 * the subgraph that owns it, so only the hub's admins may publish it.
 */
const ADMIN_ONLY_DIRECTIVES: ReadonlySet<string> = new Set(['override']);

function parseSubgraph(subgraph: SubgraphInput): { document?: DocumentNode; error?: string } {
  try {
    return { document: parse(subgraph.sdl) };
  } catch (error) {
    return { error: `[${subgraph.name}] the SDL does not parse: ${(error as Error).message}` };
  }
}

/**
 * What only an admin may publish, as messages (empty when none): `@override`, and Subscription fields
 * — the gateway's subscription layer connects to a subscription's owner with a signed service
 * identity, which only the hub's own subgraphs may hold.
 */
export function adminOnlyParts(subgraph: SubgraphInput): string[] {
  const { document } = parseSubgraph(subgraph);
  if (!document) return [];
  const found: string[] = [];
  visit(document, {
    ObjectTypeDefinition(node) {
      if (node.name.value === 'Subscription') found.push(`[${subgraph.name}] Subscription fields are served by the hub's own subgraphs only`);
    },
    ObjectTypeExtension(node) {
      if (node.name.value === 'Subscription') found.push(`[${subgraph.name}] Subscription fields are served by the hub's own subgraphs only`);
    },
    SchemaDefinition(node) {
      if (node.operationTypes.some((type) => type.operation === 'subscription')) found.push(`[${subgraph.name}] a subscription root is served by the hub's own subgraphs only`);
    },
    SchemaExtension(node) {
      if (node.operationTypes?.some((type) => type.operation === 'subscription')) found.push(`[${subgraph.name}] a subscription root is served by the hub's own subgraphs only`);
    },
    Directive(node, _key, _parent, _path, ancestors) {
      if (!ADMIN_ONLY_DIRECTIVES.has(node.name.value)) return;
      const owner = [...ancestors].reverse().find((ancestor) => 'kind' in (ancestor as object) && (ancestor as { kind: string }).kind === Kind.FIELD_DEFINITION) as
        | { name: { value: string } }
        | undefined;
      found.push(`[${subgraph.name}] @${node.name.value}${owner ? ` on field "${owner.name.value}"` : ''} is reserved to the hub's admins`);
    },
  });
  return found;
}

/** Composes the subgraphs (sorted by name, so the same set always gives the same supergraph). */
export function compose(subgraphs: SubgraphInput[]): Composition {
  const sorted = [...subgraphs].sort((a, b) => a.name.localeCompare(b.name));
  const errors: CompositionError[] = [];
  const services = [];
  for (const subgraph of sorted) {
    const { document, error } = parseSubgraph(subgraph);
    if (error) errors.push({ message: error });
    else services.push({ name: subgraph.name, url: subgraph.url, typeDefs: document! });
  }
  if (errors.length > 0) return { supergraphSdl: null, errors, hints: [] };
  if (services.length === 0) return { supergraphSdl: null, errors: [{ message: 'The graph would have no subgraph left' }], hints: [] };
  const result = composeServices(services);
  const hints = (result.hints ?? []).map((hint) => ({ code: hint.definition.code, message: hint.message }));
  if (result.errors) {
    return {
      supergraphSdl: null,
      errors: result.errors.map((error) => ({ message: error.message, ...(typeof error.extensions.code === 'string' ? { code: error.extensions.code } : {}) })),
      hints,
    };
  }
  return { supergraphSdl: result.supergraphSdl, errors: [], hints };
}

/** The schema clients see: join directives and @inaccessible elements removed. */
export function apiSchema(supergraphSdl: string): GraphQLSchema {
  return Supergraph.build(supergraphSdl).apiSchema().toAPISchema().toGraphQLJSSchema();
}

const CRITICALITY: Record<CriticalityLevel, Criticality> = {
  [CriticalityLevel.Breaking]: 'BREAKING',
  [CriticalityLevel.Dangerous]: 'DANGEROUS',
  [CriticalityLevel.NonBreaking]: 'SAFE',
};

export const breakingChanges = (changes: SchemaChange[]): SchemaChange[] => changes.filter((change) => change.criticality === 'BREAKING');

/**
 * The changes clients would see between two supergraphs, diffed on the API schemas (the raw
 * supergraphs would report join-directive noise as breaking). Breaking first.
 */
export async function diffApiSchemas(before: string | null, after: string): Promise<SchemaChange[]> {
  if (!before) return [];
  const changes = await diff(apiSchema(before), apiSchema(after));
  const order: Criticality[] = ['BREAKING', 'DANGEROUS', 'SAFE'];
  return changes
    .map((change) => ({ criticality: CRITICALITY[change.criticality.level], message: change.message, path: change.path ?? null, type: change.type }))
    .sort((a, b) => order.indexOf(a.criticality) - order.indexOf(b.criticality));
}

const toChanges = (changes: Awaited<ReturnType<typeof diff>>): SchemaChange[] => {
  const order: Criticality[] = ['BREAKING', 'DANGEROUS', 'SAFE'];
  return changes
    .map((change) => ({ criticality: CRITICALITY[change.criticality.level], message: change.message, path: change.path ?? null, type: change.type }))
    .sort((a, b) => order.indexOf(a.criticality) - order.indexOf(b.criticality));
};

/** What changed from one version of a subgraph's SDL to the next (the registry page), schema only. */
export async function diffSubgraphSdl(before: string | null, after: string): Promise<SchemaChange[]> {
  if (!before) return [];
  return toChanges(await diff(buildSubgraphSchema(parse(before)), buildSubgraphSchema(parse(after))));
}
