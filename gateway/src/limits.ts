import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import {
  GraphQLError, Kind, getNamedType, getOperationAST, isObjectType, isInterfaceType, type DocumentNode, type FieldNode,
  type FragmentDefinitionNode, type GraphQLField, type GraphQLNamedType, type GraphQLSchema, type SelectionSetNode, type ValueNode,
} from 'graphql';
import { DEFAULT_PAGE_SIZE } from '@kepuri/platform';

/**
 * Depth and cost limits, the same for every operation whatever the transport (HTTP, WebSocket).
 * Depth counts nested fields; cost counts fields, each field with a `first` argument multiplying
 * its subtree by the page size it asks for (or the default page size), so that
 * `things(first: 200) { edges { node { name } } }` costs about 200 × 4.
 */
export interface OperationLimits {
  maxDepth: number;
  maxCost: number;
}

export const DEFAULT_LIMITS: OperationLimits = { maxDepth: 12, maxCost: 20_000 };

export interface OperationMeasure {
  depth: number;
  cost: number;
}

/** Depth and cost of the operation (after validation: fragments exist and do not cycle). */
export function measureOperation(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
): OperationMeasure | null {
  const operation = getOperationAST(document, operationName);
  if (!operation) return null;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return null;

  const pageSize = (field: FieldNode, definition: GraphQLField<unknown, unknown> | undefined): number => {
    const argument = definition?.args.find((arg) => arg.name === 'first');
    if (!argument) return 1;
    const given = field.arguments?.find((arg) => arg.name.value === 'first')?.value;
    const value = given ? valueOf(given, variables) : argument.defaultValue;
    return typeof value === 'number' && Number.isFinite(value) && value > 0 ? value : DEFAULT_PAGE_SIZE;
  };

  const walk = (selectionSet: SelectionSetNode, parent: GraphQLNamedType | null, depth: number, seen: ReadonlySet<string>): OperationMeasure => {
    let maxDepth = depth;
    let cost = 0;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.FIELD) {
        if (selection.name.value.startsWith('__')) continue;
        const fields = parent && (isObjectType(parent) || isInterfaceType(parent)) ? parent.getFields() : {};
        const definition = fields[selection.name.value];
        const multiplier = pageSize(selection, definition);
        cost += 1;
        if (selection.selectionSet) {
          const inner = walk(selection.selectionSet, definition ? getNamedType(definition.type) : null, depth + 1, seen);
          maxDepth = Math.max(maxDepth, inner.depth);
          cost += multiplier * inner.cost;
        } else {
          maxDepth = Math.max(maxDepth, depth + 1);
        }
      } else {
        let inner: OperationMeasure | null = null;
        if (selection.kind === Kind.INLINE_FRAGMENT) {
          const typeName = selection.typeCondition?.name.value;
          inner = walk(selection.selectionSet, typeName ? (schema.getType(typeName) ?? parent) : parent, depth, seen);
        } else {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          if (!fragment || seen.has(name)) continue;
          inner = walk(fragment.selectionSet, schema.getType(fragment.typeCondition.name.value) ?? parent, depth, new Set([...seen, name]));
        }
        maxDepth = Math.max(maxDepth, inner.depth);
        cost += inner.cost;
      }
    }
    return { depth: maxDepth, cost };
  };
  return walk(operation.selectionSet, root, 0, new Set());
}

function valueOf(node: ValueNode, variables: Record<string, unknown> | null | undefined): unknown {
  if (node.kind === Kind.INT) return Number(node.value);
  if (node.kind === Kind.VARIABLE) return variables?.[node.name.value];
  return undefined;
}

/** QUERY_TOO_COMPLEX errors for an operation over the limits (none when it is within them). */
export function limitErrors(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown> | null | undefined,
  limits: OperationLimits,
): GraphQLError[] {
  const measure = measureOperation(schema, document, operationName, variables);
  if (!measure) return [];
  const errors: GraphQLError[] = [];
  if (measure.depth > limits.maxDepth) {
    errors.push(new GraphQLError(`The operation is ${measure.depth} fields deep; the limit is ${limits.maxDepth}`, {
      extensions: { code: 'QUERY_TOO_COMPLEX', depth: measure.depth, maxDepth: limits.maxDepth },
    }));
  }
  if (measure.cost > limits.maxCost) {
    errors.push(new GraphQLError(`The operation costs ${measure.cost}; the limit is ${limits.maxCost}`, {
      extensions: { code: 'QUERY_TOO_COMPLEX', cost: measure.cost, maxCost: limits.maxCost },
    }));
  }
  return errors;
}

/** The limits on HTTP: checked once the operation is parsed, validated and resolved, before planning. */
export function limitsPlugin<TContext extends BaseContext>(limits: OperationLimits): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, contextValue }) {
          if ((contextValue as { internal?: boolean }).internal) return;
          const [error] = limitErrors(schema, document, request.operationName, request.variables, limits);
          if (error) throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 400 } } });
        },
      };
    },
  };
}
