import { trace } from '@opentelemetry/api';

/**
 * Sends the spans still buffered (telemetry.ts, when on) before a process exits: the stop paths end
 * with process.exit, which skips the SDK's own exit hooks. Only the API is imported here.
 */
export async function flushTelemetry(timeoutMs = 2_000): Promise<void> {
  const provider = trace.getTracerProvider() as { getDelegate?: () => unknown };
  const real = (provider.getDelegate?.() ?? provider) as { forceFlush?: () => Promise<void> };
  if (!real.forceFlush) return;
  await Promise.race([real.forceFlush().catch(() => undefined), new Promise((resolve) => setTimeout(resolve, timeoutMs).unref())]);
}

/** The trace id of the span in force, for logs (undefined with telemetry off or outside a span). */
export function currentTraceId(): string | undefined {
  return trace.getActiveSpan()?.spanContext().traceId;
}
