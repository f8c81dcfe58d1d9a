import { GraphQLError } from 'graphql';
import { chinaTime } from './time';

/** The error codes of the public contract (ARCHITECTURE.md, "Errors"). */
export type ErrorCode =
  | 'BAD_USER_INPUT'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'NOT_FOUND'
  | 'CONFLICT'
  | 'DEADLINE_PASSED'
  | 'QUERY_TOO_COMPLEX'
  | 'RATE_LIMITED'
  | 'DOWNSTREAM_SERVICE_ERROR'
  | 'SERVICE_UNAVAILABLE'
  | 'SUBGRAPH_UNAVAILABLE';

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = { UNAUTHENTICATED: 401 };

export function hubError(code: ErrorCode, message: string, extensions: Record<string, unknown> = {}): GraphQLError {
  const status = HTTP_STATUS[code];
  return new GraphQLError(message, {
    extensions: { code, ...extensions, ...(status ? { http: { status } } : {}) },
  });
}

export function badInput(field: string, message: string): GraphQLError {
  return hubError('BAD_USER_INPUT', `${field}: ${message}`, { field });
}

/** DEADLINE_PASSED naming the deadline and when it was. */
export function deadlinePassed(deadline: string, at: Date, what: string): GraphQLError {
  return hubError('DEADLINE_PASSED', `${what}: the ${deadline} was ${chinaTime(at)}`, { deadline, date: at.toISOString() });
}
