import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import { BREAK, GraphQLError, visit, type DocumentNode } from 'graphql';
import { ANONYMOUS, type Identity, type Role } from '../../../subgraphs/shared/src/identity';

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
export function introspectionRefusal(document: DocumentNode, identity: Identity, restricted: boolean): GraphQLError | null {
  if (!restricted || !isIntrospection(document) || INTROSPECTION_ROLES.has(identity.role)) return null;
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

/** The rule on HTTP (401 or 403), once the operation is parsed and validated, before anything is planned. */
export function introspectionPolicyPlugin<TContext extends BaseContext & { identity: Identity }>(restricted: boolean): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      if (!restricted) return {};
      return {
        async didResolveOperation({ document, contextValue }) {
          const refusal = introspectionRefusal(document, contextValue.identity, restricted);
          if (!refusal) return;
          const status = refusal.extensions.code === 'UNAUTHENTICATED' ? 401 : 403;
          throw new GraphQLError(refusal.message, { extensions: { ...refusal.extensions, http: { status } } });
        },
      };
    },
  };
}
