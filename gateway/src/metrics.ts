import type { ApolloServerPlugin } from '@apollo/server';
import { Counter, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { GatewayContext } from './context';

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
