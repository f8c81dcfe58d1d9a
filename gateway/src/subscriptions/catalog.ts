import {
  Kind, buildASTSchema, getNamedType, isLeafType, isNonNullType, isObjectType, parse, printSchema, type ConstDirectiveNode, type DocumentNode,
  type FieldDefinitionNode, type GraphQLObjectType, type GraphQLSchema, type ObjectTypeDefinitionNode, type ObjectTypeExtensionNode,
} from 'graphql';
import { HUB_DIRECTIVE } from '@kepuri/platform';

/**
 * What the gateway needs to serve subscriptions, read from the supergraph (its join directives) and
 * the API schema: which subgraph owns each Subscription root field, what to ask it for (keys only),
 * and how to look an entity up through the public graph so that the rest of an event is planned
 * and fetched like any query.
 */
export interface RootFieldPlan {
  /** The public Subscription field. */
  field: string;
  /** Upstream (subgraph, field) pairs whose events this field delivers: the owner first, then fan-ins. */
  sources: Array<{ subgraph: string; field: string; selection: string }>;
  /** At most one event per entity (per topic) in this many milliseconds; 0 for none. */
  throttleMs: number;
}

/** How to fetch an entity by key through the public API, e.g. `thing(id: $key)`. */
export interface EntityLookup {
  typeName: string;
  queryField: string;
  argument: string;
  /** The argument's type as written in SDL, e.g. `ID!`. */
  argumentType: string;
  keyField: string;
}

export interface SubgraphEndpoint {
  name: string;
  url: string;
}

/**
 * Where the gateway reads memberships and hears of their changes: the fields a core subgraph marks
 * `@membershipsOf` (a Query field taking the user) and `@membershipsChanged` (a Subscription field).
 */
export interface MembershipSource {
  lookup: { subgraph: string; field: string; argument: string; grantedBy: string | null } | null;
  changes: { subgraph: string; field: string } | null;
}

type TypeNode = ObjectTypeDefinitionNode | ObjectTypeExtensionNode;

const hasDirective = (node: { directives?: readonly ConstDirectiveNode[] }, name: string): ConstDirectiveNode | undefined =>
  node.directives?.find((directive) => directive.name.value === name);

function directiveArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const argument = directive.arguments?.find((arg) => arg.name.value === name);
  if (!argument) return undefined;
  const value = argument.value;
  if (value.kind === Kind.STRING || value.kind === Kind.ENUM) return value.value;
  if (value.kind === Kind.BOOLEAN || value.kind === Kind.INT) return String(value.value);
  return undefined;
}

export class SubscriptionCatalog {
  readonly subgraphs = new Map<string, SubgraphEndpoint>();
  readonly rootFields = new Map<string, RootFieldPlan>();
  readonly lookups = new Map<string, EntityLookup>();
  readonly memberships: MembershipSource = { lookup: null, changes: null };
  /**
   * The API schema without resolvers, for executing a client's document against an event: the
   * gateway's own copy carries resolvers for its query plans that would bypass our field resolver.
   */
  readonly executionSchema: GraphQLSchema;
  /** graph enum value → subgraph name */
  private readonly graphNames = new Map<string, string>();
  private readonly types = new Map<string, TypeNode>();

  private constructor(
    readonly apiSchema: GraphQLSchema,
    supergraph: DocumentNode,
    urlOverrides: Record<string, string>,
    private readonly coreSubgraphs: ReadonlySet<string>,
  ) {
    this.executionSchema = buildASTSchema(parse(printSchema(apiSchema)), { assumeValidSDL: true });
    for (const definition of supergraph.definitions) {
      if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
        for (const value of definition.values ?? []) {
          const graph = value.directives?.find((directive) => directive.name.value === 'join__graph');
          const name = graph && directiveArgument(graph, 'name');
          const url = graph && directiveArgument(graph, 'url');
          if (!name || url === undefined) continue;
          this.graphNames.set(value.name.value, name);
          this.subgraphs.set(name, { name, url: urlOverrides[name] ?? url });
        }
      }
      if (definition.kind === Kind.OBJECT_TYPE_DEFINITION || definition.kind === Kind.OBJECT_TYPE_EXTENSION) {
        this.types.set(definition.name.value, definition);
      }
    }
    this.findLookups();
    this.planRootFields();
    this.findMembershipSource();
  }

  /** `coreSubgraphs`: only their @membershipsOf / @membershipsChanged count (a published subgraph's could forge rights). */
  static build(
    apiSchema: GraphQLSchema,
    supergraphSdl: string,
    urlOverrides: Record<string, string> = {},
    coreSubgraphs: ReadonlySet<string> = new Set(),
  ): SubscriptionCatalog {
    return new SubscriptionCatalog(apiSchema, parse(supergraphSdl), urlOverrides, coreSubgraphs);
  }

  /** Keys of a type in one subgraph (its @join__type key field sets). */
  keysIn(typeName: string, subgraph: string): string[] {
    const type = this.types.get(typeName);
    return (type?.directives ?? [])
      .filter((directive) => directive.name.value === 'join__type' && this.graphOf(directive) === subgraph)
      .map((directive) => directiveArgument(directive, 'key'))
      .filter((key): key is string => key !== undefined);
  }

  private graphOf(directive: ConstDirectiveNode): string | undefined {
    const graph = directiveArgument(directive, 'graph');
    return graph ? this.graphNames.get(graph) : undefined;
  }

  /** The subgraphs that resolve a field (its @join__field graphs, or the type's only graph). */
  private fieldOwners(typeName: string, field: FieldDefinitionNode): string[] {
    const joins = (field.directives ?? []).filter((directive) => directive.name.value === 'join__field');
    if (joins.length > 0) {
      return joins
        .filter((directive) => directiveArgument(directive, 'external') !== 'true')
        .map((directive) => this.graphOf(directive))
        .filter((graph): graph is string => graph !== undefined);
    }
    const type = this.types.get(typeName);
    return (type?.directives ?? [])
      .filter((directive) => directive.name.value === 'join__type')
      .map((directive) => this.graphOf(directive))
      .filter((graph): graph is string => graph !== undefined);
  }

  /**
   * An entity can be looked up when the API has a Query field returning it with exactly one
   * argument named like one of its single-field keys, e.g. `thing(id: ID!): Thing`.
   */
  private findLookups(): void {
    const query = this.apiSchema.getQueryType();
    if (!query) return;
    for (const field of Object.values(query.getFields())) {
      const type = field.type;
      if (isNonNullType(type) || !isObjectType(type) || field.args.length !== 1) continue;
      const [argument] = field.args;
      if (!isNonNullType(argument.type) || !isLeafType(argument.type.ofType)) continue;
      const keys = [...this.subgraphs.keys()].flatMap((subgraph) => this.keysIn(type.name, subgraph));
      if (!keys.includes(argument.name) || this.lookups.has(type.name)) continue;
      this.lookups.set(type.name, {
        typeName: type.name, queryField: field.name, argument: argument.name, argumentType: String(argument.type), keyField: argument.name,
      });
    }
  }

  /**
   * The upstream selection for a type in its subgraph: for an entity the gateway can look up, its
   * __typename and key; otherwise every field the subgraph resolves without arguments (leaves as
   * they are, objects recursively), so the event carries its own values and only keys of others.
   */
  upstreamSelection(typeName: string, subgraph: string, depth = 0): string {
    const key = this.lookups.has(typeName) ? this.keysIn(typeName, subgraph)[0] : undefined;
    if (key) return `{ __typename ${key} }`;
    const type = this.apiSchema.getType(typeName) as GraphQLObjectType | undefined;
    const node = this.types.get(typeName);
    if (!type || !isObjectType(type) || !node || depth > 3) return '{ __typename }';
    const fields = (node.fields ?? []).filter((field) => this.fieldOwners(typeName, field).includes(subgraph));
    const parts = ['__typename'];
    for (const field of fields) {
      const apiField = type.getFields()[field.name.value];
      if (!apiField || apiField.args.some((arg) => isNonNullType(arg.type) && arg.defaultValue === undefined)) continue;
      const named = getNamedType(apiField.type);
      if (isLeafType(named)) parts.push(apiField.name);
      else if (isObjectType(named)) parts.push(`${apiField.name} ${this.upstreamSelection(named.name, subgraph, depth + 1)}`);
    }
    return `{ ${parts.join(' ')} }`;
  }

  private planRootFields(): void {
    const subscription = this.apiSchema.getSubscriptionType();
    const node = this.types.get('Subscription');
    if (!subscription || !node) return;
    const nodes = new Map((node.fields ?? []).map((field) => [field.name.value, field]));
    const sourceFor = (field: string) => {
      const definition = nodes.get(field);
      const apiField = subscription.getFields()[field];
      const [owner] = definition ? this.fieldOwners('Subscription', definition) : [];
      if (!definition || !apiField || !owner) return null;
      return { subgraph: owner, field, selection: this.upstreamSelection(getNamedType(apiField.type).name, owner) };
    };
    // `@fanIn(into: "f")` on a field: its events also reach subscribers of f.
    const fanIns = new Map<string, string[]>();
    for (const definition of node.fields ?? []) {
      const into = hasDirective(definition, HUB_DIRECTIVE.fanIn);
      const target = into && directiveArgument(into, 'into');
      if (target) fanIns.set(target, [...(fanIns.get(target) ?? []), definition.name.value]);
    }
    for (const field of Object.values(subscription.getFields())) {
      const owner = sourceFor(field.name);
      if (!owner) continue;
      const sources = [owner];
      for (const extra of fanIns.get(field.name) ?? []) {
        const other = subscription.getFields()[extra];
        // Merged only when the other field takes the same arguments and returns the same type.
        if (!other || String(other.type) !== String(field.type) || signature(other.args) !== signature(field.args)) continue;
        const source = sourceFor(extra);
        if (source) sources.push(source);
      }
      const throttle = hasDirective(nodes.get(field.name)!, HUB_DIRECTIVE.throttle);
      this.rootFields.set(field.name, { field: field.name, sources, throttleMs: Number(throttle && directiveArgument(throttle, 'ms')) || 0 });
    }
  }

  /** The core subgraphs' @membershipsOf Query field and @membershipsChanged Subscription field, if any. */
  private findMembershipSource(): void {
    const marked = (typeName: string, directive: string) => {
      for (const field of this.types.get(typeName)?.fields ?? []) {
        if (!hasDirective(field, directive)) continue;
        const subgraph = this.fieldOwners(typeName, field).find((owner) => this.coreSubgraphs.has(owner));
        if (subgraph) return { subgraph, field };
      }
      return null;
    };
    const lookup = marked('Query', HUB_DIRECTIVE.membershipsOf);
    const argument = lookup?.field.arguments?.[0]?.name.value;
    const changes = marked('Subscription', HUB_DIRECTIVE.membershipsChanged);
    const grantedBy = lookup && directiveArgument(hasDirective(lookup.field, HUB_DIRECTIVE.membershipsOf)!, 'grantedBy');
    this.memberships.lookup = lookup && argument ? { subgraph: lookup.subgraph, field: lookup.field.name.value, argument, grantedBy: grantedBy ?? null } : null;
    this.memberships.changes = changes ? { subgraph: changes.subgraph, field: changes.field.name.value } : null;
  }
}

function signature(args: ReadonlyArray<{ name: string; type: unknown }>): string {
  return args.map((arg) => `${arg.name}:${String(arg.type)}`).sort().join(',');
}
