import type { AuthChecker } from 'type-graphql';
import { hubError } from './errors';
import type { Identity, Role } from './identity';

/** UNAUTHENTICATED for an anonymous caller, FORBIDDEN (`reason: ROLE_NOT_ALLOWED`) for any other without one of `roles`. */
export function requireRole(identity: Identity, roles: readonly Role[], action: string): void {
  if (roles.includes(identity.role)) return;
  if (identity.role === 'public' && !identity.sub) throw hubError('UNAUTHENTICATED', `${action} needs a token`);
  throw hubError('FORBIDDEN', `${action} needs the role ${roles.join(' or ')}; the caller is ${identity.role}`, { reason: 'ROLE_NOT_ALLOWED' });
}

/**
 * type-graphql's `authChecker` for every subgraph: `@Authorized('organizer', 'supervisor', 'admin')`
 * on a field lets only those roles call it (docs/ARCHITECTURE.md, "Who may call each mutation"),
 * before its arguments are looked at. `public` means a visitor's own token (with `sub`).
 */
export const roleChecker: AuthChecker<{ identity: Identity }, Role> = ({ context, info }, roles) => {
  requireRole(context.identity, roles, info.fieldName);
  if (context.identity.role === 'public') requireUser(context.identity, info.fieldName);
  return true;
};

/** A public user acting in person (a visitor's own write): a token with `sub`. */
export function requireUser(identity: Identity, action: string): string {
  if (!identity.sub) throw hubError('UNAUTHENTICATED', `${action} needs a signed-in user (a token with sub)`);
  return identity.sub;
}

/**
 * Whether the caller may manage what belongs to an organisation, given that organisation's path
 * (its ancestors, root first, itself last): the organisation's own organizer, a supervisor
 * anywhere above it (national society, provincial association), or the host's admin.
 */
export function mayManage(identity: Identity, organizationPath: readonly string[]): boolean {
  const organizationId = organizationPath.at(-1);
  switch (identity.role) {
    case 'admin':
      return true;
    case 'organizer':
      return identity.org !== undefined && identity.org === organizationId;
    case 'supervisor':
      return identity.org !== undefined && organizationPath.includes(identity.org);
    default:
      return false;
  }
}

export function requireManage(identity: Identity, organizationPath: readonly string[], action: string): void {
  if (!mayManage(identity, organizationPath)) {
    throw hubError('FORBIDDEN', `${action}: only the organisation itself, a supervisor above it or the host may do this`);
  }
}
