import {
  GraphQLError, Kind, execute, getNamedType, isNonNullType, print, responsePathAsArray, visit,
  type DocumentNode, type ExecutionResult, type FieldNode, type FragmentDefinitionNode, type GraphQLFormattedError,
  type GraphQLResolveInfo, type GraphQLSchema, type SelectionSetNode,
} from 'graphql';
import type { Identity } from '../../../subgraphs/shared/src/identity';
import type { EntityLookup, SubscriptionCatalog } from './catalog';

/** Runs a query through the gateway (query planning, every subgraph) as a caller. */
export type GatewayExecutor = (
  query: string,
  variables: Record<string, unknown>,
  identity: Identity,
) => Promise<{ data?: Record<string, unknown> | null; errors?: ReadonlyArray<GraphQLFormattedError> }>;

/** One distinct subscription: the same document, variables and caller share one resolution per event. */
export interface SubscriptionShape {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables: Record<string, unknown>;
  identity: Identity;
}

const ALIAS = 'hubEvent';
const KEY_VARIABLE = 'hubEventKey';

/** Thrown to stop executing an event the subscriber may not see. */
const HIDDEN = new Error('not visible to this subscriber');

interface EventState {
  hidden: boolean;
  errors: GraphQLError[];
  /** Objects that came back from the gateway: keyed by response name (aliases), not field name. */
  resolved: WeakSet<object>;
}

/**
 * Turns an upstream event (keys, and the event's own values) into the subscriber's result: the
 * client's document is executed over the API schema against the event, and wherever it reaches an
 * entity the gateway can look up, the client's selection below that point is sent through the
 * gateway as a query (`activity(id: $key) { …the client's selection… }`) with the subscriber's
 * identity — so fields of other subgraphs are planned and fetched like in any query, and an entity
 * this subscriber may not see (a draft) comes back null: the event is not delivered to them.
 */
export class EventResolver {
  private readonly lookupQueries = new WeakMap<FieldNode, { query: string; variables: string[] }>();
  /** The lookup's key variable, named apart from the client's own variables. */
  private readonly keyVariable: string;
  private readonly fragments: Map<string, FragmentDefinitionNode>;

  constructor(
    private readonly shape: SubscriptionShape,
    private readonly catalog: SubscriptionCatalog,
    private readonly executor: GatewayExecutor,
  ) {
    this.fragments = new Map(
      shape.document.definitions
        .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
        .map((fragment) => [fragment.name.value, fragment]),
    );
    let keyVariable = KEY_VARIABLE;
    while (print(shape.document).includes(`$${keyVariable}`)) keyVariable += '_';
    this.keyVariable = keyVariable;
  }

  /** The result for one event, or null when the subscriber may not see it. */
  async resolve(rootValue: Record<string, unknown>): Promise<ExecutionResult | null> {
    const state: EventState = { hidden: false, errors: [], resolved: new WeakSet() };
    const result = await execute({
      schema: this.catalog.executionSchema,
      document: this.shape.document,
      operationName: this.shape.operationName,
      variableValues: this.shape.variables,
      rootValue,
      contextValue: state,
      fieldResolver: (source, _args, _context, info) => this.field(source as Record<string, unknown> | null, info, state),
    });
    if (state.hidden) return null;
    const errors = [...(result.errors ?? []).filter((error) => error.originalError !== HIDDEN), ...state.errors];
    return errors.length > 0 ? { data: result.data, errors } : { data: result.data };
  }

  private field(source: Record<string, unknown> | null, info: GraphQLResolveInfo, state: EventState): unknown {
    if (source === null || typeof source !== 'object') return null;
    if (state.resolved.has(source)) return markResolved(source[info.path.key as string], state.resolved);
    const value = source[info.fieldName];
    const lookup = this.catalog.lookups.get(getNamedType(info.returnType).name);
    if (!lookup || value === null || value === undefined) return value;
    if (Array.isArray(value)) {
      // A list of entities: each looked up; those this subscriber may not see are left out.
      return Promise.all(value.map((item) => this.lookup(item as Record<string, unknown>, lookup, info, state, false)))
        .then((items) => items.filter((item) => item !== null));
    }
    return this.lookup(value as Record<string, unknown>, lookup, info, state, isNonNullType(info.returnType));
  }

  private async lookup(
    representation: Record<string, unknown>,
    lookup: EntityLookup,
    info: GraphQLResolveInfo,
    state: EventState,
    required: boolean,
  ): Promise<unknown> {
    const { query, variables } = this.lookupQuery(info, lookup);
    const values: Record<string, unknown> = { [this.keyVariable]: representation[lookup.keyField] };
    for (const name of variables) if (name in this.shape.variables) values[name] = this.shape.variables[name];
    const result = await this.executor(query, values, this.shape.identity);
    const path = responsePathAsArray(info.path);
    for (const error of result.errors ?? []) {
      const rest = error.path?.[0] === ALIAS ? error.path.slice(1) : [];
      state.errors.push(new GraphQLError(error.message, { path: [...path, ...rest], extensions: error.extensions }));
    }
    const entity = (result.data?.[ALIAS] ?? null) as Record<string, unknown> | null;
    if (entity === null) {
      if (result.errors?.length) throw new GraphQLError(result.errors[0].message, { extensions: result.errors[0].extensions });
      if (required) {
        state.hidden = true;
        throw HIDDEN;
      }
      return null;
    }
    state.resolved.add(entity);
    return entity;
  }

  /** The query that fetches the client's selection below `info`'s field for one entity (cached per field node). */
  private lookupQuery(info: GraphQLResolveInfo, lookup: EntityLookup): { query: string; variables: string[] } {
    const cached = this.lookupQueries.get(info.fieldNodes[0]);
    if (cached) return cached;
    const selectionSet: SelectionSetNode = {
      kind: Kind.SELECTION_SET,
      selections: info.fieldNodes.flatMap((node) => node.selectionSet?.selections ?? []),
    };
    const fragments = new Map<string, FragmentDefinitionNode>();
    const variables = new Set<string>();
    const collect = (node: SelectionSetNode | FragmentDefinitionNode) => {
      visit(node, {
        Variable: (variable) => {
          variables.add(variable.name.value);
        },
        FragmentSpread: (spread) => {
          const name = spread.name.value;
          const fragment = this.fragments.get(name);
          if (fragment && !fragments.has(name)) {
            fragments.set(name, fragment);
            collect(fragment);
          }
        },
      });
    };
    collect(selectionSet);
    const definitions = (this.shape.document.definitions.find((definition) => definition.kind === Kind.OPERATION_DEFINITION
      && (!this.shape.operationName || definition.name?.value === this.shape.operationName)) as { variableDefinitions?: readonly unknown[] } | undefined)
      ?.variableDefinitions ?? [];
    const declared = (definitions as Array<Parameters<typeof print>[0] & { variable: { name: { value: string } } }>)
      .filter((definition) => variables.has(definition.variable.name.value));
    const header = [`$${this.keyVariable}: ${lookup.argumentType}`, ...declared.map((definition) => print(definition))].join(', ');
    const query = [
      `query HubEventLookup(${header}) { ${ALIAS}: ${lookup.queryField}(${lookup.argument}: $${this.keyVariable}) ${print(selectionSet)} }`,
      ...[...fragments.values()].map((fragment) => print(fragment)),
    ].join('\n');
    const entry = { query, variables: [...variables] };
    this.lookupQueries.set(info.fieldNodes[0], entry);
    return entry;
  }
}

/** Values under a gateway result are gateway results too (keyed by response name). */
function markResolved(value: unknown, resolved: WeakSet<object>): unknown {
  if (value !== null && typeof value === 'object') {
    if (Array.isArray(value)) value.forEach((item) => markResolved(item, resolved));
    else resolved.add(value);
  }
  return value;
}
