import type { Fetcher } from '@apollo/utils.fetcher';
import { Counter, type Registry } from 'prom-client';
import { SubgraphAnswer } from './subgraph-answer';

interface SharedResponse {
  status: number;
  headers: Array<[string, string]>;
  body: string;
}

// Apollo's RemoteGraphQLDataSource writes the operation first; a query starts "{…" or "query…".
const SHAREABLE_BODY = /^\{"query":"\s*(?:\{|query\b)/;

/**
 * Identical subgraph queries in flight at the same moment share one call: when a dashboard is polled by
 * many screens at once, the same fetches of the same plan reach a subgraph once instead of once per
 * screen (Hive Gateway does the same by default). "Identical" is the same URL, body and headers — the
 * signed identity among them — so two callers share only when the subgraph would see the very same
 * request; mutations are never shared. Each caller gets its own copy of the answer to parse, so no
 * request's merging can touch another's objects.
 */
export function shareInflight(fetcher: Fetcher, shared: { inc(): void }): Fetcher {
  const inflight = new Map<string, Promise<SharedResponse>>();
  const call = async (url: string, init: Parameters<Fetcher>[1]): Promise<SharedResponse> => {
    const response = await fetcher(url, init);
    return { status: response.status, headers: [...response.headers], body: await response.text() };
  };
  return (async (url: string, init?: Parameters<Fetcher>[1]) => {
    const body = init?.body;
    if (typeof body !== 'string' || !SHAREABLE_BODY.test(body)) return fetcher(url, init);
    const key = `${init?.method ?? 'GET'} ${url}\n${JSON.stringify(headersForKey(init?.headers))}\n${body}`;
    let answer = inflight.get(key);
    if (answer) shared.inc();
    else {
      answer = call(url, init);
      inflight.set(key, answer);
      void answer.then(() => inflight.delete(key), () => inflight.delete(key));
    }
    const { status, headers, body: text } = await answer;
    return new SubgraphAnswer(url, status, headers, text);
  }) as unknown as Fetcher;
}

/**
 * The headers that make two calls the same: all but the request id, a correlation id only (a shared call
 * carries the first caller's, so a subgraph's log line names one of the requests it served).
 */
function headersForKey(headers: unknown): unknown {
  if (!headers || typeof headers !== 'object') return headers ?? {};
  const entries = headers instanceof Headers || headers instanceof Map ? [...(headers as Map<string, string>).entries()] : Object.entries(headers);
  return entries.filter(([name]) => name.toLowerCase() !== 'x-request-id');
}

/** The count of subgraph queries that shared a call (one per registry: every subgraph's fetcher adds to it). */
export function sharedCallsCounter(metrics?: Registry): Counter {
  return new Counter({
    name: 'hub_subgraph_requests_shared_total',
    help: 'Subgraph queries answered by an identical call already in flight instead of a call of their own.',
    registers: metrics ? [metrics] : [],
  });
}
