import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { ApolloArmor } from '@escape.tech/graphql-armor';
import {
  GraphQLError, getOperationAST, parse, validate, type DocumentNode, type GraphQLSchema, type ValidationContext, type ValidationRule,
} from 'graphql';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@kepuri/platform';
import { operationCost } from './cost';

/**
 * The operation limits, the same for every operation whatever the transport (HTTP, WebSocket):
 * tokens (at parse), depth, aliases and directives (graphql-armor's rules) and cost (./cost.ts).
 * Over any of them: QUERY_TOO_COMPLEX (HTTP 400) naming the limit, and nothing runs.
 */
export interface OperationLimits {
  maxDepth: number;
  maxCost: number;
  maxAliases: number;
  maxDirectives: number;
  maxTokens: number;
  /** Items an unsliced list of objects counts as (its cap). */
  listSize: number;
}

export const DEFAULT_LIMITS: OperationLimits = { maxDepth: 12, maxCost: 20_000, maxAliases: 30, maxDirectives: 20, maxTokens: 2_000, listSize: MAX_PAGE_SIZE };

/** Lists nested inside introspection (`__schema { types { fields { args } } } }` is 3). */
const MAX_INTROSPECTION_LIST_DEPTH = 3;

export type LimitName = 'tokens' | 'depth' | 'aliases' | 'directives' | 'cost';

export function tooComplex(limit: LimitName, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code: 'QUERY_TOO_COMPLEX', limit, ...extensions } });
}

/** graphql-armor's rules, reporting QUERY_TOO_COMPLEX to the validation context instead of throwing. */
function armorRules(limits: OperationLimits): ValidationRule[] {
  const report = (limit: LimitName) => ({
    propagateOnRejection: false,
    onReject: [(context: ValidationContext | null, error: GraphQLError) => {
      context?.reportError(tooComplex(limit, error.message.replace(/^Syntax Error: /, '')));
    }],
  });
  return new ApolloArmor({
    blockFieldSuggestion: { enabled: false },
    maxTokens: { enabled: false },
    costLimit: { enabled: false },
    maxDepth: { n: limits.maxDepth, flattenFragments: true, ...report('depth') },
    maxAliases: { n: limits.maxAliases, ...report('aliases') },
    maxDirectives: { n: limits.maxDirectives, ...report('directives') },
  }).protect().validationRules as ValidationRule[];
}

const SUGGESTION_MASK = '[Suggestion hidden]';

/**
 * Production hides the schema from who may not introspect it: validation errors lose graphql-js's
 * "Did you mean …?" (graphql-armor's plugin on HTTP; the same words removed on the WebSocket).
 */
export function suggestionsOffPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  const off = { enabled: false };
  const [plugin] = new ApolloArmor({
    blockFieldSuggestion: { enabled: true, mask: SUGGESTION_MASK }, maxTokens: off, costLimit: off, maxDepth: off, maxAliases: off, maxDirectives: off,
  }).protect().plugins as ApolloServerPlugin<TContext>[];
  return plugin;
}

/** The same words as graphql-armor's plugin, for the WebSocket's own validation. */
export const withoutSuggestions = (message: string): string => message.replace(/Did you mean ".+"/g, SUGGESTION_MASK);

export interface LimitChecker {
  /** Apollo Server's `parseOptions`: the token limit stops the lexer before a large document is parsed. */
  parseOptions: { maxTokens: number };
  /** Parses like Apollo Server does; a document over the token limit throws QUERY_TOO_COMPLEX. */
  parse(query: string): DocumentNode;
  /** The token limit's parse error as QUERY_TOO_COMPLEX (graphql-js words it as a syntax error). */
  fromParseError(error: GraphQLError): GraphQLError;
  /** QUERY_TOO_COMPLEX errors for a valid operation over a limit (none when within them). */
  check(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): GraphQLError[];
  /** The operation's cost (0 when the document has no such operation). */
  cost(schema: GraphQLSchema, document: DocumentNode, operationName: string | null | undefined, variables: Record<string, unknown> | null | undefined): number;
}

export function limitChecker(limits: OperationLimits): LimitChecker {
  const rules = armorRules(limits);
  const model = { defaultPageSize: DEFAULT_PAGE_SIZE, listSize: limits.listSize, maxIntrospectionListDepth: MAX_INTROSPECTION_LIST_DEPTH };
  const tokenLimit = /Document contains more \w+ \d+ tokens/;
  const fromParseError = (error: GraphQLError) =>
    tokenLimit.test(error.message)
      ? tooComplex('tokens', `The document has more than ${limits.maxTokens} tokens; the limit is ${limits.maxTokens}`, { maxTokens: limits.maxTokens })
      : error;
  return {
    parseOptions: { maxTokens: limits.maxTokens },
    parse(query) {
      try {
        return parse(query, { maxTokens: limits.maxTokens });
      } catch (error) {
        throw error instanceof GraphQLError ? fromParseError(error) : error;
      }
    },
    fromParseError,
    cost(schema, document, operationName, variables) {
      const operation = getOperationAST(document, operationName);
      return operation ? operationCost(schema, document, operation, variables, model).cost : 0;
    },
    check(schema, document, operationName, variables) {
      const errors = validate(schema, document, rules);
      if (errors.length > 0) return [...errors];
      const operation = getOperationAST(document, operationName);
      if (!operation) return [];
      const { cost, introspectionListDepth } = operationCost(schema, document, operation, variables, model);
      if (introspectionListDepth > model.maxIntrospectionListDepth) {
        return [tooComplex('depth', `Introspection nests lists ${introspectionListDepth} deep; the limit is ${model.maxIntrospectionListDepth}`)];
      }
      if (cost > limits.maxCost) return [tooComplex('cost', `The operation costs ${cost}; the limit is ${limits.maxCost}`, { cost, maxCost: limits.maxCost })];
      return [];
    },
  };
}

/**
 * The limits on HTTP: the token limit at parse (Apollo's `parseOptions`), the rest once the
 * operation is parsed, validated and resolved, before anything is planned. The gateway's own
 * lookups (`internal`) passed them as the subscribers' operations; subgraphs' signed lookups
 * (`service`) are the hub's own code, sized by what they look up.
 */
export function limitsPlugin<TContext extends BaseContext>(checker: LimitChecker): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ schema, document, request, contextValue }) {
          const context = contextValue as { internal?: boolean; identity?: { role: string } };
          if (context.internal || context.identity?.role === 'service') return;
          const [error] = checker.check(schema, document, request.operationName, request.variables);
          if (error) throw new GraphQLError(error.message, { extensions: { ...error.extensions, http: { status: 400 } } });
        },
        async didEncounterErrors({ errors }) {
          // A document over the token limit failed to parse: say which limit, like every other one.
          for (const [index, error] of errors.entries()) {
            if (error.extensions.code !== 'GRAPHQL_PARSE_FAILED') continue;
            const limit = checker.fromParseError(error);
            if (limit !== error) (errors as GraphQLError[])[index] = new GraphQLError(limit.message, { extensions: { ...limit.extensions, http: { status: 400 } } });
          }
        },
      };
    },
  };
}
