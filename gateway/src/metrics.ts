import type { ApolloServerPlugin } from '@apollo/server';
import express from 'express';
import { createHash, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { GatewayContext } from './context';
import { sendGraphQLError } from './transport-errors';

/** This gateway's own metrics registry (one per gateway, so tests can run several in a process). */
export function createMetrics(): Registry {
  const metrics = new Registry();
  metrics.setDefaultLabels({ service: 'gateway' });
  collectDefaultMetrics({ register: metrics });
  return metrics;
}

/** Requests and their duration, by outcome. */
export function metricsPlugin(metrics: Registry): ApolloServerPlugin<GatewayContext> {
  const requests = new Counter({ name: 'hub_graphql_requests_total', help: 'GraphQL requests', labelNames: ['outcome'], registers: [metrics] });
  const duration = new Histogram({
    name: 'hub_graphql_request_duration_seconds',
    help: 'GraphQL request duration at the gateway',
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [metrics],
  });
  return {
    async requestDidStart() {
      const stop = duration.startTimer();
      return {
        async willSendResponse({ errors }) {
          stop();
          requests.inc({ outcome: errors?.length ? 'error' : 'ok' });
        },
      };
    },
  };
}

/** Where Prometheus reads the gateway's metrics (METRICS_TOKEN, METRICS_PORT). */
export interface MetricsExposure {
  /** `/metrics` on the gateway's port answers only `Authorization: Bearer <token>`. */
  token?: string;
  /** `/metrics` is served on this port instead (bind it where only the monitoring network reaches). */
  port?: number;
}

/**
 * `/metrics` on the gateway's own port: with a token, only to it; with a port of its own, not here;
 * with neither, open in development and refused in production (metrics describe the hub's inside).
 */
export function metricsRoute(metrics: Registry, exposure: MetricsExposure, production: boolean): express.RequestHandler {
  const expected = exposure.token ? createHash('sha256').update(`Bearer ${exposure.token}`).digest() : null;
  return async (req, res) => {
    const refuse = (status: number, message: string) => sendGraphQLError(res, status, status === 401 ? 'UNAUTHENTICATED' : 'NOT_FOUND', message);
    if (exposure.port !== undefined) return refuse(404, 'Metrics are served on their own port');
    if (expected) {
      const given = createHash('sha256').update(req.headers.authorization ?? '').digest();
      if (!timingSafeEqual(given, expected)) return refuse(401, 'Metrics need Authorization: Bearer <METRICS_TOKEN>');
    } else if (production) {
      return refuse(404, 'Metrics are off: set METRICS_TOKEN or METRICS_PORT');
    }
    res.type(metrics.contentType).send(await metrics.metrics());
  };
}

/** `/metrics` alone on a port of its own. */
export function metricsServer(metrics: Registry): http.Server {
  const app = express().disable('x-powered-by');
  app.get('/metrics', async (_req, res) => {
    res.type(metrics.contentType).send(await metrics.metrics());
  });
  return http.createServer(app);
}
