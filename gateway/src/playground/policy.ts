import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { BREAK, GraphQLError, getOperationAST, visit, type DocumentNode } from 'graphql';
import { ANONYMOUS, type Identity, type Role } from '@kepuri/platform';

/**
 * Who may read the schema (introspection, hence the playground's docs and completion) when the hub
 * runs in production. Everyone may in development and test.
 */
export const INTROSPECTION_ROLES: ReadonlySet<Role> = new Set<Role>(['developer', 'admin']);

/**
 * Whether the document asks for the schema (`__schema` or `__type`; `__typename` is ordinary data).
 * The whole document is visited, fragments included, so a `__schema` hidden in one is seen too.
 */
export function isIntrospection(document: DocumentNode): boolean {
  let found = false;
  visit(document, {
    Field(node) {
      if (node.name.value === '__schema' || node.name.value === '__type') {
        found = true;
        return BREAK;
      }
      return undefined;
    },
  });
  return found;
}

/**
 * The production rule: introspection needs a developer or admin token. Anonymous callers get
 * UNAUTHENTICATED (send a token), other roles FORBIDDEN (this token may not); `extensions.reason`
 * is INTROSPECTION_DISABLED either way.
 */
export function introspectionRefusal(
  document: DocumentNode, identity: Identity, restricted: boolean, introspects: (document: DocumentNode) => boolean = isIntrospection,
): GraphQLError | null {
  if (!restricted || INTROSPECTION_ROLES.has(identity.role) || !introspects(document)) return null;
  const hint = 'send "Authorization: Bearer <token>" of a developer or admin (npm run token -- --role developer)';
  if (identity === ANONYMOUS) {
    return new GraphQLError(`Introspection is off for anonymous callers in production: ${hint}`, {
      extensions: { code: 'UNAUTHENTICATED', reason: 'INTROSPECTION_DISABLED' },
    });
  }
  return new GraphQLError(`Introspection in production is for developer and admin tokens, not ${identity.role}: ${hint}`, {
    extensions: { code: 'FORBIDDEN', reason: 'INTROSPECTION_DISABLED' },
  });
}

/**
 * Developer tokens read like the public and write nothing: a mutation with one is FORBIDDEN in every
 * environment (`extensions.reason` READ_ONLY_ROLE), before any subgraph sees it.
 */
export function readOnlyRefusal(document: DocumentNode, operationName: string | null | undefined, identity: Identity): GraphQLError | null {
  if (identity.role !== 'developer' || getOperationAST(document, operationName)?.operation !== 'mutation') return null;
  return new GraphQLError('Developer tokens are read-only: mutations need an organizer, supervisor, admin or public user token', {
    extensions: { code: 'FORBIDDEN', reason: 'READ_ONLY_ROLE' },
  });
}

/** Both rules, as the WebSocket endpoint asks: the first refusal, or null. */
export function policyRefusal(
  document: DocumentNode, operationName: string | null | undefined, identity: Identity, restricted: boolean,
  introspects: (document: DocumentNode) => boolean = isIntrospection,
): GraphQLError | null {
  return introspectionRefusal(document, identity, restricted, introspects) ?? readOnlyRefusal(document, operationName, identity);
}

/** The rules on HTTP (401 or 403), once the operation is parsed and validated, before anything is planned. */
export function accessPolicyPlugin<TContext extends BaseContext & { identity: Identity }>(restricted: boolean): ApolloServerPlugin<TContext> {
  // Apollo's document store hands every request with the same text the same parsed document: visit each once.
  const visited = new WeakMap<DocumentNode, boolean>();
  const introspects = (document: DocumentNode) => {
    let found = visited.get(document);
    if (found === undefined) visited.set(document, (found = isIntrospection(document)));
    return found;
  };
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ document, request, contextValue }) {
          const refusal = policyRefusal(document, request.operationName, contextValue.identity, restricted, introspects);
          if (!refusal) return;
          const status = refusal.extensions.code === 'UNAUTHENTICATED' ? 401 : 403;
          throw new GraphQLError(refusal.message, { extensions: { ...refusal.extensions, http: { status } } });
        },
      };
    },
  };
}
