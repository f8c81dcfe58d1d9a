import type { ApolloServerPlugin, BaseContext } from '@apollo/server';
import express from 'express';
import { GraphQLError } from 'graphql';

/** Apollo Router's default: a request body (or WebSocket message) may hold 2 MB. */
export const DEFAULT_MAX_BODY_BYTES = 2_000_000;

const ALLOWED_METHODS = 'GET, POST';

/** A GraphQL-over-HTTP error answer: always JSON, never a page, never a stack trace or a path. */
export function sendGraphQLError(res: express.Response, status: number, code: string, message: string, extensions: Record<string, unknown> = {}): void {
  if (res.headersSent) return;
  res.status(status).type('application/json').send(JSON.stringify({ errors: [{ message, extensions: { code, ...extensions } }] }));
}

const isJson = (req: express.Request) => req.is(['application/json', 'application/graphql-response+json']) !== false;

/**
 * What reaches `/graphql` before Apollo Server: methods other than GET and POST (405 with `Allow`),
 * a POST whose body is not JSON (415), a body over the limit (413) or not parseable (400). Each
 * answer is a GraphQL error in JSON (GraphQL over HTTP), like those of the operations themselves.
 */
export function graphqlTransport(maxBodyBytes: number): express.RequestHandler[] {
  const guard: express.RequestHandler = (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'POST') {
      res.set('allow', ALLOWED_METHODS);
      sendGraphQLError(res, 405, 'METHOD_NOT_ALLOWED', `GraphQL over HTTP takes ${ALLOWED_METHODS}, not ${req.method}`);
      return;
    }
    if (req.method === 'POST' && !isJson(req)) {
      const type = req.headers['content-type'];
      sendGraphQLError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', `A POST body must be application/json${type ? `, not ${type.split(';')[0]}` : ''}`);
      return;
    }
    next();
  };
  const body = express.json({ limit: maxBodyBytes, type: ['application/json', 'application/graphql-response+json'] });
  return [guard, body];
}

interface HttpError {
  status?: number;
  statusCode?: number;
  type?: string;
  expose?: boolean;
}

/**
 * The last error handler of the app: body-parser's errors become GraphQL-over-HTTP answers (413,
 * 415, 400), anything else a masked 500 that `log` records in full. Replaces Express's default
 * handler, which answers with an HTML page carrying the stack trace and the server's paths.
 */
export function transportErrorHandler(maxBodyBytes: number, log: (message: string) => void): express.ErrorRequestHandler {
  return (error: HttpError & Error, req, res, _next) => {
    const status = error.status ?? error.statusCode ?? 500;
    if (error.type === 'entity.too.large' || status === 413) {
      sendGraphQLError(res, 413, 'PAYLOAD_TOO_LARGE', `The body is larger than ${maxBodyBytes} bytes`, { maxBodyBytes });
    } else if (error.type === 'entity.parse.failed') {
      sendGraphQLError(res, 400, 'BAD_REQUEST', 'The body is not valid JSON');
    } else if (status === 415 || error.type === 'charset.unsupported' || error.type === 'encoding.unsupported') {
      sendGraphQLError(res, 415, 'UNSUPPORTED_MEDIA_TYPE', 'The body\'s charset or encoding is not supported');
    } else if (status >= 400 && status < 500 && error.expose) {
      sendGraphQLError(res, status, 'BAD_REQUEST', 'The request is malformed');
    } else {
      const requestId = res.getHeader('x-request-id');
      log(`${req.method} ${req.path} failed (request ${requestId}): ${error.stack ?? error}`);
      sendGraphQLError(res, 500, 'INTERNAL_SERVER_ERROR', 'Internal server error', { requestId });
    }
  };
}

/** Paths no route answers: a JSON 404 rather than Express's HTML page. */
export const notFound: express.RequestHandler = (req, res) => sendGraphQLError(res, 404, 'NOT_FOUND', `Nothing at ${req.method} ${req.path}`);

/**
 * An `operationName` the document does not define (or none for a document of several operations)
 * is a request error (400) before anything is planned; left alone, @apollo/gateway throws and the
 * client sees a 500.
 */
export function operationResolutionPlugin<TContext extends BaseContext>(): ApolloServerPlugin<TContext> {
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ operation, request }) {
          if (operation) return;
          const message = request.operationName
            ? `Unknown operation named "${request.operationName}"`
            : 'Must provide operation name if query contains multiple operations';
          throw new GraphQLError(message, { extensions: { code: 'OPERATION_RESOLUTION_FAILURE', http: { status: 400 } } });
        },
      };
    },
  };
}
