import { GraphQLError, type GraphQLFormattedError } from 'graphql';
import { randomUUID } from 'node:crypto';
import type express from 'express';
import { REQUEST_ID_HEADER, currentRequestId, withRequestId } from '@kepuri/platform';

/**
 * Codes whose message is written for the client (docs/ARCHITECTURE.md, "Errors"), plus the request
 * errors of Apollo Server and GraphQL over HTTP. Anything else is unexpected.
 */
const PUBLIC_CODES: ReadonlySet<string> = new Set([
  'BAD_USER_INPUT', 'UNAUTHENTICATED', 'FORBIDDEN', 'NOT_FOUND', 'CONFLICT', 'DEADLINE_PASSED', 'GRAPHQL_VALIDATION_FAILED',
  'QUERY_TOO_COMPLEX', 'RATE_LIMITED', 'DOWNSTREAM_SERVICE_ERROR', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'OPERATION_RESOLUTION_FAILURE',
  'PERSISTED_QUERY_NOT_FOUND', 'PERSISTED_QUERY_NOT_SUPPORTED', 'PERSISTED_DOCUMENT_NOT_FOUND', 'PERSISTED_DOCUMENT_REQUIRED',
  'SUBGRAPH_UNAVAILABLE', 'SERVICE_UNAVAILABLE',
]);

/** Extensions that describe the hub's inside (a subgraph's name, address, raw answer; stack traces). */
const INTERNAL_EXTENSIONS = ['serviceName', 'response', 'exception', 'stacktrace', 'http'] as const;

export { REQUEST_ID_HEADER };

/** A subgraph's error that carried no code: @apollo/gateway labels it DOWNSTREAM_SERVICE_ERROR, but nothing vouches for its message. */
function uncodedFromSubgraph(error: unknown): boolean {
  if (!(error instanceof GraphQLError) || error.extensions.code !== 'DOWNSTREAM_SERVICE_ERROR') return false;
  // @apollo/gateway keeps the subgraph's error as it came (an object from the JSON answer).
  const original = error.originalError as { extensions?: { code?: unknown } } | undefined;
  return original !== undefined && original.extensions?.code === undefined;
}

/**
 * One request id per HTTP request or WebSocket operation (answered in `x-request-id`), and the
 * one place that decides what of an error leaves the gateway. Outside development an unexpected
 * error (a code not in the contract, or none) reaches the client as INTERNAL_SERVER_ERROR with the
 * request id only, and is logged in full under that id; a subgraph's own error keeps its code and
 * message but nothing of the subgraph (its address and raw answer never reach an error: see
 * subgraph-service.ts).
 */
export class ErrorMasking {
  constructor(private readonly development: boolean, private readonly log: (message: string) => void) {}

  /** Express middleware: a request id for this request, in its answer and in what it logs. */
  readonly middleware: express.RequestHandler = (_req, res, next) => {
    const requestId = randomUUID();
    res.setHeader(REQUEST_ID_HEADER, requestId);
    withRequestId(requestId, next);
  };

  /** Runs `work` (a WebSocket operation) under a request id of its own. */
  run<T>(work: () => T): T {
    return withRequestId(randomUUID(), work);
  }

  get requestId(): string | undefined {
    return currentRequestId();
  }

  /** Apollo Server's `formatError`. */
  readonly formatError = (formatted: GraphQLFormattedError, error: unknown): GraphQLFormattedError => {
    const code = typeof formatted.extensions?.code === 'string' ? formatted.extensions.code : undefined;
    const extensions: Record<string, unknown> = { ...formatted.extensions };
    for (const key of INTERNAL_EXTENSIONS) if (!(this.development && key === 'stacktrace')) delete extensions[key];
    // Which part of the hub is out of reach is the point of SUBGRAPH_UNAVAILABLE: its name stays (never its address).
    if (code === 'SUBGRAPH_UNAVAILABLE') extensions.serviceName = formatted.extensions?.serviceName;
    if ((code !== undefined && PUBLIC_CODES.has(code) && !uncodedFromSubgraph(error)) || this.development) return { ...formatted, extensions };
    const requestId = this.requestId ?? randomUUID();
    const original = error instanceof Error ? (error.stack ?? error.message) : String(error);
    this.log(`request ${requestId}: ${code ?? 'no code'}: ${formatted.message} ${JSON.stringify(formatted.path ?? [])}\n${original}`);
    return { message: 'Internal server error', path: formatted.path, extensions: { code: 'INTERNAL_SERVER_ERROR', requestId } };
  };
}
