import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Fetcher } from '@apollo/utils.fetcher';
import { Registry } from 'prom-client';
import { shareInflight, sharedCallsCounter } from '../../gateway/src/inflight';
import { DEFAULT_SUBGRAPH_CALLS, SubgraphCalls } from '../../gateway/src/subgraph-calls';

/**
 * The gateway's sharing of identical subgraph queries in flight, against a real HTTP server that
 * answers slowly and counts what reaches it.
 */
let server: http.Server;
let url: string;
let calls: Array<{ body: string; identity: string | undefined }>;
let failNext = false;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (chunk: Buffer) => (body += chunk.toString()));
    req.on('end', () => {
      calls.push({ body, identity: req.headers['x-hub-identity'] as string | undefined });
      setTimeout(() => {
        if (failNext) {
          failNext = false;
          req.socket.destroy();
          return;
        }
        res.setHeader('content-type', 'application/json');
        res.setHeader('cache-control', 'max-age=5, public');
        res.end(JSON.stringify({ data: { call: calls.length, echo: body } }));
      }, 100);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
});
beforeEach(() => {
  calls = [];
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const request = (query: string, identity = 'token-a') => ({
  method: 'POST',
  headers: { 'content-type': 'application/json', 'x-hub-identity': identity },
  body: JSON.stringify({ query, variables: { year: 2020 } }),
});

async function jsonOf(fetcher: Fetcher, init: ReturnType<typeof request>) {
  const response = await fetcher(url, init);
  return { status: response.status, cacheControl: response.headers.get('cache-control'), body: (await response.json()) as { data: { call: number } } };
}

describe('shareInflight', () => {
  it('sends identical queries in flight at once as one call, and gives each caller its own copy', async () => {
    const metrics = new Registry();
    const fetcher = shareInflight(fetch as unknown as Fetcher, sharedCallsCounter(metrics));
    const answers = await Promise.all(Array.from({ length: 6 }, () => jsonOf(fetcher, request('query Q__s__0($year:Int!){campaign(year:$year){theme}}'))));
    expect(calls).toHaveLength(1);
    expect(new Set(answers.map((answer) => answer.body.data.call))).toEqual(new Set([1]));
    expect(answers.every((answer) => answer.status === 200 && answer.cacheControl === 'max-age=5, public')).toBe(true);
    answers[0].body.data.call = 99; // one caller's object is its own
    expect(answers[1].body.data.call).toBe(1);
    expect((await metrics.getSingleMetric('hub_subgraph_requests_shared_total')!.get()).values[0].value).toBe(5);
    // Once answered, the next one is a call of its own.
    await jsonOf(fetcher, request('query Q__s__0($year:Int!){campaign(year:$year){theme}}'));
    expect(calls).toHaveLength(2);
  });

  it('never shares between different identities or bodies, and never a mutation', async () => {
    const fetcher = shareInflight(fetch as unknown as Fetcher, sharedCallsCounter());
    await Promise.all([
      jsonOf(fetcher, request('{campaign(year:2020){theme}}', 'token-a')),
      jsonOf(fetcher, request('{campaign(year:2020){theme}}', 'token-b')),
      jsonOf(fetcher, request('{campaign(year:2021){theme}}', 'token-a')),
      jsonOf(fetcher, request('mutation M__s__0{checkIn(activityId:"x"){id}}', 'token-a')),
      jsonOf(fetcher, request('mutation M__s__0{checkIn(activityId:"x"){id}}', 'token-a')),
    ]);
    expect(calls).toHaveLength(5);
    expect(calls.map((call) => call.identity).sort()).toEqual(['token-a', 'token-a', 'token-a', 'token-a', 'token-b']);
  });

  it('fails every caller of a failed call, and forgets it', async () => {
    const fetcher = shareInflight(fetch as unknown as Fetcher, sharedCallsCounter());
    failNext = true;
    const results = await Promise.allSettled(Array.from({ length: 3 }, () => jsonOf(fetcher, request('{regions{name}}'))));
    expect(results.map((result) => result.status)).toEqual(['rejected', 'rejected', 'rejected']);
    expect(calls).toHaveLength(1);
    expect((await jsonOf(fetcher, request('{regions{name}}'))).status).toBe(200);
    expect(calls).toHaveLength(2);
  });
});

describe('SubgraphCalls and sharing', () => {
  const query = 'query Q__s__0($year:Int!){campaign(year:$year){theme}}';
  const withRequestIdOf = (id: string) => {
    const init = request(query);
    return { ...init, headers: { ...init.headers, 'x-request-id': id } };
  };

  it('shares identical queries of different requests (the request id is no part of "identical")', async () => {
    const subgraphCalls = new SubgraphCalls(DEFAULT_SUBGRAPH_CALLS, new Registry());
    try {
      const fetcher = subgraphCalls.fetcher('s');
      await Promise.all(['r1', 'r2', 'r3'].map((id) => jsonOf(fetcher, withRequestIdOf(id))));
      expect(calls).toHaveLength(1);
    } finally {
      await subgraphCalls.close();
    }
  });

  it('calls once per request with SUBGRAPH_SHARE_INFLIGHT=off', async () => {
    const subgraphCalls = new SubgraphCalls({ ...DEFAULT_SUBGRAPH_CALLS, shareInflight: false }, new Registry());
    try {
      const fetcher = subgraphCalls.fetcher('s');
      await Promise.all(['r1', 'r2', 'r3'].map((id) => jsonOf(fetcher, withRequestIdOf(id))));
      expect(calls).toHaveLength(3);
    } finally {
      await subgraphCalls.close();
    }
  });
});
