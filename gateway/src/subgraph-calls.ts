import type { Fetcher } from '@apollo/utils.fetcher';
import {
  BrokenCircuitError, CircuitState, ConsecutiveBreaker, TaskCancelledError, TimeoutStrategy, circuitBreaker, handleAll, timeout, wrap,
  type IPolicy,
} from 'cockatiel';
import { GraphQLError } from 'graphql';
import { Counter, Gauge, type Registry } from 'prom-client';
import { Agent, request, type Dispatcher } from 'undici';
import { SubgraphAnswer, headerEntries } from './subgraph-answer';
import { shareInflight, sharedCallsCounter } from './inflight';

export interface SubgraphCallSettings {
  /** How long one call to a subgraph may take (default 2 s). */
  timeoutMs: number;
  /** Per subgraph name, a deadline of its own. */
  timeouts?: Record<string, number>;
  /** Calls that fail in a row before the circuit opens, and how long it stays open before one probe. */
  breaker: { failures: number; halfOpenAfterMs: number };
  /** Identical queries in flight share one call (default on; off makes every request call for itself, as older hubs did). */
  shareInflight?: boolean;
}

export const DEFAULT_SUBGRAPH_CALLS: SubgraphCallSettings = { timeoutMs: 2_000, breaker: { failures: 5, halfOpenAfterMs: 5_000 } };

/** A subgraph that did not answer as a GraphQL server (a network error, a timeout, a 5xx without GraphQL): the circuit counts it. */
class SubgraphFailure extends Error {}

/**
 * How the gateway calls subgraphs over HTTP: one keep-alive connection pool for all of them, a
 * deadline per subgraph, and a circuit breaker per subgraph (cockatiel): after `failures` calls in a
 * row that got no GraphQL answer, calls fail at once for `halfOpenAfterMs`, then one call probes and
 * a success closes the circuit. A subgraph's GraphQL answer is its answer whatever the HTTP status
 * (GraphQL over HTTP refuses with 4xx and `{ errors }`), so it reaches the plan as a 200 with each
 * error's own code, message and path.
 */
export class SubgraphCalls {
  private readonly agent = new Agent({ keepAliveTimeout: 30_000, keepAliveMaxTimeout: 300_000, connections: 256 });
  private readonly policies = new Map<string, { policy: IPolicy; breaker: { state: CircuitState }; timeoutMs: number }>();

  private readonly shared: Counter;

  constructor(private readonly settings: SubgraphCallSettings, metrics?: Registry) {
    this.shared = sharedCallsCounter(metrics);
    const policies = this.policies;
    new Gauge({
      name: 'hub_subgraph_circuit_open',
      help: 'Whether calls to a subgraph fail fast (1) because its circuit is open.',
      labelNames: ['subgraph'],
      registers: metrics ? [metrics] : [],
      collect() {
        this.reset();
        for (const [name, { breaker }] of policies) this.set({ subgraph: name }, breaker.state === CircuitState.Open ? 1 : 0);
      },
    });
  }

  private policyOf(name: string) {
    let entry = this.policies.get(name);
    if (!entry) {
      const timeoutMs = this.settings.timeouts?.[name] ?? this.settings.timeoutMs;
      const breaker = circuitBreaker(handleAll, {
        halfOpenAfter: this.settings.breaker.halfOpenAfterMs,
        breaker: new ConsecutiveBreaker(this.settings.breaker.failures),
      });
      entry = { policy: wrap(breaker, timeout(timeoutMs, TimeoutStrategy.Aggressive)), breaker, timeoutMs };
      this.policies.set(name, entry);
    }
    return entry;
  }

  /** @apollo/gateway's fetcher for one subgraph; identical queries in flight share one call (inflight.ts). */
  fetcher(name: string): Fetcher {
    return this.settings.shareInflight === false ? this.call(name) : shareInflight(this.call(name), this.shared);
  }

  private call(name: string): Fetcher {
    return (async (url: string, init?: RequestInit) => {
      const { policy } = this.policyOf(name);
      return policy.execute(async ({ signal }) => {
        // undici's request(), not fetch(): no WHATWG Request, Response or stream per call (subgraph-answer.ts).
        let status: number;
        let headers: Array<[string, string]>;
        let text: string;
        try {
          const response = await request(url, {
            method: (init?.method ?? 'POST') as Dispatcher.HttpMethod,
            headers: init?.headers as Record<string, string> | undefined,
            body: init?.body as string | undefined,
            signal,
            dispatcher: this.agent,
          });
          status = response.statusCode;
          // The body is read within the policy: its signal is aborted once the call settles.
          text = await response.body.text();
          // The text is decoded already: the answer carries no encoding or length of the wire's.
          headers = headerEntries(response.headers).filter(([name]) => name !== 'content-encoding' && name !== 'content-length');
        } catch (error) {
          throw new SubgraphFailure((error as Error).message);
        }
        const contentType = headers.find(([name]) => name === 'content-type')?.[1] ?? null;
        if (status >= 200 && status < 300) return new SubgraphAnswer(url, status, headers, text);
        if (isGraphQLAnswer(contentType, text)) return new SubgraphAnswer(url, 200, headers, text);
        if (status >= 500) throw new SubgraphFailure(`HTTP ${status}`);
        return new SubgraphAnswer(url, status, headers, text);
      });
    }) as unknown as Fetcher;
  }

  /**
   * The client's error for a call that got no answer: SUBGRAPH_UNAVAILABLE naming the subgraph (a
   * retry may succeed), or undefined when `error` is not about reaching it.
   */
  unavailable(name: string, error: Error): GraphQLError | undefined {
    const { timeoutMs } = this.policyOf(name);
    let why: string;
    if (error instanceof BrokenCircuitError) why = 'it has been failing; calls resume after a probe succeeds';
    else if (error instanceof TaskCancelledError) why = `it did not answer within ${timeoutMs} ms`;
    else if (error instanceof SubgraphFailure) why = 'it could not be reached';
    else return undefined;
    return new GraphQLError(`The ${name} service is not available: ${why}; try again later`, {
      extensions: { code: 'SUBGRAPH_UNAVAILABLE', serviceName: name },
    });
  }

  /** After the drain: calls still waiting on a subgraph belong to requests already cut, so they are aborted too. */
  async close(): Promise<void> {
    await this.agent.destroy();
  }
}

function isGraphQLAnswer(contentType: string | null, text: string): boolean {
  if (!/json/.test(contentType ?? '')) return false;
  try {
    const body = JSON.parse(text) as { errors?: unknown; data?: unknown };
    return (Array.isArray(body?.errors) && body.errors.length > 0) || body?.data !== undefined;
  } catch {
    return false;
  }
}
