/**
 * OpenTelemetry for every process of the hub, loaded before anything else (`node -r` of this file,
 * as the SDK's instrumentations patch modules when they are first required): one trace from the
 * gateway's request through each subgraph fetch (W3C trace context in `traceparent`, next to the
 * signed identity) to the SQL each subgraph runs. On only when OTEL_EXPORTER_OTLP_ENDPOINT is set;
 * spans go there over OTLP/HTTP. The process is named by OTEL_SERVICE_NAME (npm start, the compose
 * file and the manifests set it per process).
 *
 * This module imports OpenTelemetry alone, never the rest of the platform: whatever it loaded
 * before the SDK started would escape the instrumentations.
 */
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { ExpressInstrumentation } from '@opentelemetry/instrumentation-express';
import { GraphQLInstrumentation } from '@opentelemetry/instrumentation-graphql';
import { HttpInstrumentation } from '@opentelemetry/instrumentation-http';
import { PgInstrumentation } from '@opentelemetry/instrumentation-pg';
import { UndiciInstrumentation } from '@opentelemetry/instrumentation-undici';
import { NodeSDK } from '@opentelemetry/sdk-node';

function startTelemetry(env: NodeJS.ProcessEnv): NodeSDK | null {
  if (!env.OTEL_EXPORTER_OTLP_ENDPOINT) return null;
  const sdk = new NodeSDK({
    serviceName: env.OTEL_SERVICE_NAME ?? 'kepuri-hub',
    traceExporter: new OTLPTraceExporter(),
    // No host, cloud or container probes: the hub reaches nothing outside its own network.
    autoDetectResources: false,
    instrumentations: [
      // Health, readiness and metrics probes would be most of the traces and say nothing.
      new HttpInstrumentation({ ignoreIncomingRequestHook: (request) => /^\/(health|ready|metrics)\b/.test(request.url ?? '') }),
      new ExpressInstrumentation(),
      new GraphQLInstrumentation({ mergeItems: true, ignoreTrivialResolveSpans: true }),
      new PgInstrumentation({ enhancedDatabaseReporting: false }),
      new UndiciInstrumentation(),
    ],
  });
  sdk.start();
  return sdk;
}

startTelemetry(process.env);
