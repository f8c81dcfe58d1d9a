import {
  Kind, getNamedType, getNullableType, isInterfaceType, isListType, isObjectType, valueFromAST, type DocumentNode,
  type FieldNode, type FragmentDefinitionNode, type GraphQLField, type GraphQLNamedType, type GraphQLSchema, type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { getVariableValues } from 'graphql/execution/values';

/** How cost is counted (docs/ARCHITECTURE.md, "Operation limits"). */
export interface CostModel {
  /** Items a sliced field (`first`/`last`) returns when the operation does not say. */
  defaultPageSize: number;
  /** Items an unsliced list of objects is assumed to hold (its cap). */
  listSize: number;
  /** Lists nested inside one another under `__schema`/`__type` (the introspection query needs 3). */
  maxIntrospectionListDepth: number;
}

export interface OperationCost {
  cost: number;
  /** The deepest nesting of lists inside introspection fields. */
  introspectionListDepth: number;
}

const SLICING_ARGUMENTS = ['first', 'last'] as const;

/**
 * The cost of an operation with its variables (coerced, defaults included): every field costs 1,
 * and its selection counts as many times as the items it returns — `first`/`last` when the field
 * takes them (from a literal, a variable, the variable's default, the argument's default, else the
 * default page size), the list cap for any other list of objects. Lists directly inside a sliced
 * field (a connection's `edges`) are sized by it. Introspection costs nothing but may not nest
 * lists deeper than the model allows.
 */
export function operationCost(
  schema: GraphQLSchema,
  document: DocumentNode,
  operation: OperationDefinitionNode,
  rawVariables: Record<string, unknown> | null | undefined,
  model: CostModel,
): OperationCost {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const coerced = getVariableValues(schema, operation.variableDefinitions ?? [], rawVariables ?? {});
  // Variables that do not coerce fail the request later; until then each counts at the list cap.
  const variables: Record<string, unknown> = ('coerced' in coerced ? coerced.coerced : undefined) ?? {};
  const missing = 'coerced' in coerced ? model.defaultPageSize : model.listSize;
  const root = schema.getRootType(operation.operation);
  let introspectionListDepth = 0;

  /** The items a field returns by its `first`/`last`, or null when it takes neither. */
  const sliceSize = (node: FieldNode, definition: GraphQLField<unknown, unknown>): number | null => {
    let size: number | null = null;
    for (const name of SLICING_ARGUMENTS) {
      const argument = definition.args.find((arg) => arg.name === name);
      if (!argument) continue;
      const given = node.arguments?.find((arg) => arg.name.value === name)?.value;
      const value = given ? valueFromAST(given, argument.type, variables) : argument.defaultValue;
      const items = typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : given?.kind === Kind.VARIABLE ? missing : model.defaultPageSize;
      size = Math.max(size ?? 0, items);
    }
    return size;
  };

  const typeOf = (name: string, definition: GraphQLField<unknown, unknown> | undefined): GraphQLNamedType | null => {
    if (name === '__schema') return schema.getType('__Schema') ?? null;
    if (name === '__type') return schema.getType('__Type') ?? null;
    return definition ? getNamedType(definition.type) : null;
  };

  /** `introspection`: lists nested so far inside `__schema`/`__type`, or null outside them. */
  const walk = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | null, sizedByParent: boolean, introspection: number | null, seen: ReadonlySet<string>): number => {
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        const name = selection.name.value;
        const fields = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields() : {};
        const definition = fields[name];
        const isList = definition !== undefined && isListType(getNullableType(definition.type));
        if (introspection !== null || name === '__schema' || name === '__type') {
          const lists = (introspection ?? 0) + (isList ? 1 : 0);
          introspectionListDepth = Math.max(introspectionListDepth, lists);
          if (selection.selectionSet) walk(selection.selectionSet, typeOf(name, definition), false, lists, seen);
          continue;
        }
        if (!selection.selectionSet) {
          if (name !== '__typename') cost += 1;
          continue;
        }
        const sliced = definition ? sliceSize(selection, definition) : null;
        const multiplier = sliced ?? (isList && !sizedByParent ? model.listSize : 1);
        cost += 1 + multiplier * walk(selection.selectionSet, typeOf(name, definition), sliced !== null, null, seen);
      } else if (selection.kind === Kind.INLINE_FRAGMENT) {
        const condition = selection.typeCondition ? schema.getType(selection.typeCondition.name.value) : null;
        cost += walk(selection.selectionSet, condition ?? parent, sizedByParent, introspection, seen);
      } else {
        const fragment = fragments.get(selection.name.value);
        if (!fragment || seen.has(fragment.name.value)) continue;
        const condition = schema.getType(fragment.typeCondition.name.value);
        cost += walk(fragment.selectionSet, condition ?? parent, sizedByParent, introspection, new Set([...seen, fragment.name.value]));
      }
    }
    return cost;
  };
  const cost = root ? walk(operation.selectionSet, root, false, null, new Set()) : 0;
  return { cost, introspectionListDepth };
}
