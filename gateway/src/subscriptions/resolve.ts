import {
  GraphQLError, Kind, execute, getNamedType, isNonNullType, print, responsePathAsArray, visit,
  type ASTNode, type DocumentNode, type ExecutionResult, type FieldNode, type FragmentDefinitionNode, type GraphQLResolveInfo,
  type GraphQLSchema, type OperationDefinitionNode, type SelectionSetNode,
} from 'graphql';
import type { Identity } from '@kepuri/platform';
import type { EntityLookup, SubscriptionCatalog } from './catalog';
import type { LookupBatch, LookupPart } from './lookups';

/** One distinct subscription: the same document, variables and caller share one resolution per event. */
export interface SubscriptionShape {
  schema: GraphQLSchema;
  document: DocumentNode;
  operationName?: string | null;
  variables: Record<string, unknown>;
  identity: Identity;
}

/** Thrown to stop executing an event the subscriber may not see. */
const HIDDEN = new Error('not visible to this subscriber');

interface EventState {
  batch: LookupBatch;
  hidden: boolean;
  errors: GraphQLError[];
  /** Objects that came back from the gateway: keyed by response name (aliases), not field name. */
  resolved: WeakSet<object>;
}

/**
 * Turns an upstream event (keys, and the event's own values) into the subscriber's result: the
 * client's document is executed over the API schema against the event, and wherever it reaches an
 * entity the gateway can look up, the client's selection below that point is sent through the
 * gateway as a query (`thing(id: $key) { …the client's selection… }`) with the subscriber's
 * identity — so fields of other subgraphs are planned and fetched like in any query, and an entity
 * this subscriber may not see (a draft) comes back null: the event is not delivered to them. The
 * lookups of all groups of an event are sent together (`LookupBatch`).
 */
export class EventResolver {
  private readonly parts = new WeakMap<FieldNode, LookupPart>();
  private readonly fragments: Map<string, FragmentDefinitionNode>;
  private readonly operation: OperationDefinitionNode | undefined;
  /** `prefix`: this group's names in a shared lookup query (`g12` gives `g12_first`, `g12_Fragment`), unique per broker. */
  constructor(
    private readonly shape: SubscriptionShape,
    private readonly catalog: SubscriptionCatalog,
    private readonly identityKey: string,
    private readonly prefix: string,
  ) {
    this.fragments = new Map(
      shape.document.definitions
        .filter((definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION)
        .map((fragment) => [fragment.name.value, fragment]),
    );
    this.operation = shape.document.definitions.find((definition): definition is OperationDefinitionNode =>
      definition.kind === Kind.OPERATION_DEFINITION && (!shape.operationName || definition.name?.value === shape.operationName));
  }

  /** The result for one event, or null when the subscriber may not see it. */
  async resolve(rootValue: Record<string, unknown>, batch: LookupBatch): Promise<ExecutionResult | null> {
    const state: EventState = { batch, hidden: false, errors: [], resolved: new WeakSet() };
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
    const answer = await state.batch.load(this.part(info, lookup), representation[lookup.keyField], this.shape.identity, this.identityKey);
    const path = responsePathAsArray(info.path);
    for (const error of answer.errors) {
      state.errors.push(new GraphQLError(error.message, { path: [...path, ...(error.path ?? [])], extensions: error.extensions }));
    }
    if (answer.entity === null) {
      if (answer.errors.length > 0) throw new GraphQLError(answer.errors[0].message, { extensions: answer.errors[0].extensions });
      if (required) {
        state.hidden = true;
        throw HIDDEN;
      }
      return null;
    }
    state.resolved.add(answer.entity);
    return answer.entity;
  }

  /**
   * The client's selection below `info`'s field, with the variables and fragments it uses, renamed
   * under this group's prefix (cached per field node).
   */
  private part(info: GraphQLResolveInfo, lookup: EntityLookup): LookupPart {
    const cached = this.parts.get(info.fieldNodes[0]);
    if (cached) return cached;
    const selectionSet: SelectionSetNode = {
      kind: Kind.SELECTION_SET,
      selections: info.fieldNodes.flatMap((node) => node.selectionSet?.selections ?? []),
    };
    const used = new Map<string, FragmentDefinitionNode>();
    const variables = new Set<string>();
    const collect = (node: ASTNode) => {
      visit(node, {
        Variable: (variable) => {
          variables.add(variable.name.value);
        },
        FragmentSpread: (spread) => {
          const fragment = this.fragments.get(spread.name.value);
          if (fragment && !used.has(fragment.name.value)) {
            used.set(fragment.name.value, fragment);
            collect(fragment);
          }
        },
      });
    };
    collect(selectionSet);
    const renamed = (name: string) => `${this.prefix}_${name}`;
    const rename = <T extends ASTNode>(node: T): T => visit(node, {
      Variable: (variable) => ({ ...variable, name: { ...variable.name, value: renamed(variable.name.value) } }),
      FragmentSpread: (spread) => ({ ...spread, name: { ...spread.name, value: renamed(spread.name.value) } }),
      FragmentDefinition: (fragment) => ({ ...fragment, name: { ...fragment.name, value: renamed(fragment.name.value) } }),
    });
    const definitions = (this.operation?.variableDefinitions ?? []).filter((definition) => variables.has(definition.variable.name.value));
    const part: LookupPart = {
      prefix: this.prefix,
      lookup,
      selection: print(rename(selectionSet)),
      fragments: new Map([...used.values()].map((fragment) => [renamed(fragment.name.value), print(rename(fragment))])),
      variableDefinitions: new Map(definitions.map((definition) => [renamed(definition.variable.name.value), print(rename(definition))])),
      variables: Object.fromEntries([...variables].filter((name) => name in this.shape.variables).map((name) => [renamed(name), this.shape.variables[name]])),
    };
    this.parts.set(info.fieldNodes[0], part);
    return part;
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
