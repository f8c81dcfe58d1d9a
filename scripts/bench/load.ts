import autocannon from 'autocannon';
import { execFileSync } from 'node:child_process';
import os from 'node:os';

/** One closed-loop load run (autocannon: `connections` clients, each sending its next request when the last answered). */
export interface LoadResult {
  /** Answers per second, averaged over the run. */
  rate: number;
  p50: number;
  p99: number;
  requests: number;
  /** Answers that were not 2xx, plus connection errors and timeouts. */
  failed: number;
}

export interface LoadRequest {
  url: string;
  method?: 'GET' | 'POST';
  headers?: Record<string, string>;
  body?: string;
}

export async function runLoad(request: LoadRequest, options: { connections: number; seconds: number }): Promise<LoadResult> {
  const result = await autocannon({
    url: request.url,
    method: request.method ?? 'POST',
    headers: request.headers,
    body: request.body,
    connections: options.connections,
    duration: options.seconds,
  });
  return {
    rate: result.requests.total / options.seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
    failed: result.non2xx + result.errors + result.timeouts,
  };
}

/** A short run to warm the JIT, the plan caches and the connection pools, then the measured one. */
export async function measureLoad(request: LoadRequest, options: { connections: number; seconds: number; warmupSeconds: number }): Promise<LoadResult> {
  if (options.warmupSeconds > 0) await runLoad(request, { connections: options.connections, seconds: options.warmupSeconds });
  return runLoad(request, options);
}

/** The machine and the checkout, for the report. */
export function describeMachine(): string {
  const commit = (() => {
    try {
      return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).trim();
    } catch {
      return 'unknown';
    }
  })();
  const cpus = os.cpus();
  return `commit ${commit}; ${cpus.length} × ${cpus[0]?.model ?? 'cpu'}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB; node ${process.version}; `
    + `load average ${os.loadavg().map((value) => value.toFixed(2)).join(' ')}`;
}

export const rate = (value: number): string => `${value.toFixed(0)}/s`;
export const ratio = (value: number): string => `${value < 0.1 ? value.toFixed(3) : value.toFixed(2)}×`;
