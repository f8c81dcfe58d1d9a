import type { Fetcher } from '@apollo/utils.fetcher';
import { Counter, type Registry } from 'prom-client';

interface SharedResponse {
  status: number;
  statusText: string;
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
export function shareInflight(fetcher: Fetcher, metrics: Registry): Fetcher {
  const inflight = new Map<string, Promise<SharedResponse>>();
  const shared = new Counter({
    name: 'hub_subgraph_requests_shared_total',
    help: 'Subgraph queries answered by an identical call already in flight instead of a call of their own.',
    registers: [metrics],
  });
  const call = async (url: string, init: Parameters<Fetcher>[1]): Promise<SharedResponse> => {
    const response = await fetcher(url, init);
    return { status: response.status, statusText: response.statusText, headers: [...response.headers], body: await response.text() };
  };
  return (async (url: string, init?: Parameters<Fetcher>[1]) => {
    const body = init?.body;
    if (typeof body !== 'string' || !SHAREABLE_BODY.test(body)) return fetcher(url, init);
    const key = `${init?.method ?? 'GET'} ${url}\n${JSON.stringify(init?.headers ?? {})}\n${body}`;
    let answer = inflight.get(key);
    if (answer) shared.inc();
    else {
      answer = call(url, init);
      inflight.set(key, answer);
      void answer.then(() => inflight.delete(key), () => inflight.delete(key));
    }
    const { status, statusText, headers, body: text } = await answer;
    return new Response(text, { status, statusText, headers });
  }) as unknown as Fetcher;
}
