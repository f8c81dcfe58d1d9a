import { GraphQLError, type GraphQLFormattedError } from 'graphql';

/**
 * PostgreSQL out of reach: a refused or dropped connection, the pool's wait for a connection running
 * out, or the server refusing connections for now (SQLSTATE class 08, 57P01-57P03, 53300).
 */
const UNREACHABLE_CODES: ReadonlySet<string> = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P02', '57P03', '53300']);
const UNREACHABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|the database system is (starting up|shutting down|in recovery mode)|Connection refused/i;

export function isInfrastructureFailure(error: unknown): boolean {
  type Candidate = { code?: unknown; driverError?: unknown; cause?: unknown; thrownValue?: unknown; message?: unknown } | undefined;
  for (let current = error as Candidate, depth = 0; current && depth < 4; depth += 1) {
    const code = typeof current.code === 'string' ? current.code : '';
    if (UNREACHABLE_CODES.has(code) || code.startsWith('08')) return true;
    if (typeof current.message === 'string' && UNREACHABLE_MESSAGES.test(current.message)) return true;
    // TypeORM keeps the driver's error; graphql-js wraps a thrown non-Error (an error from another realm) as thrownValue.
    current = (current.driverError ?? current.cause ?? current.thrownValue) as Candidate;
  }
  return false;
}

/** How long a client should wait before trying again after SERVICE_UNAVAILABLE. */
export const RETRY_AFTER_SECONDS = 2;

/**
 * Apollo Server's `formatError` for a subgraph: the database out of reach (or its pool exhausted) is
 * SERVICE_UNAVAILABLE with `retryAfter`, a retryable answer instead of an internal error.
 */
export function formatInfrastructureError(formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError {
  const original = error instanceof GraphQLError ? (error.originalError ?? error) : error;
  if (!isInfrastructureFailure(original)) return formatted;
  return {
    message: 'The service cannot reach its database right now; try again shortly',
    path: formatted.path,
    locations: formatted.locations,
    extensions: { code: 'SERVICE_UNAVAILABLE', retryAfter: RETRY_AFTER_SECONDS },
  };
}
