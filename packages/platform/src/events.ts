import { createPubSub, filter, pipe, type PubSub } from '@graphql-yoga/subscription';
import { Client } from 'pg';
import type { EntityManager } from 'typeorm';

/**
 * Events after commit. A write announces what changed with `emitEvent` inside its own transaction:
 * PostgreSQL delivers a NOTIFY only when that transaction commits (and never when it rolls back),
 * to every connection that LISTENs on the channel — every instance of the subgraph. Each instance
 * keeps one LISTEN connection (`EventListener`) and publishes what it hears on its in-process
 * PubSub, from which its GraphQL subscriptions read. Events carry keys (ids, codes), never
 * whole objects: whoever wants more asks the graph.
 */
export interface HubEvent<TKey = Record<string, unknown>> {
  topic: string;
  key: TKey;
  /** Epoch milliseconds of the NOTIFY statement, the last the transaction runs before its commit. */
  at: number;
}

export type HubPubSub = PubSub<Record<string, [HubEvent<any>]>>; // eslint-disable-line @typescript-eslint/no-explicit-any

export function createHubPubSub(): HubPubSub {
  return createPubSub() as HubPubSub;
}

/** The events of one topic that `accept` keeps: the source of a Subscription field. */
export function subscribeTopic<TKey>(pubSub: HubPubSub, topic: string, accept: (event: HubEvent<TKey>) => boolean): AsyncIterable<HubEvent<TKey>> {
  return pipe(pubSub.subscribe(topic) as AsyncIterable<HubEvent<TKey>>, filter(accept));
}

/** One channel per subgraph, so subgraphs sharing a database (allowed, not the default) do not hear each other. */
export const eventChannel = (subgraph: string): string => `hub_events_${subgraph}`;

/** PostgreSQL refuses NOTIFY payloads of 8000 bytes or more; keys stay far below. */
const MAX_PAYLOAD = 7_900;

/**
 * Announces `keys` (one event each) on `topic` when the caller's transaction commits. Must run
 * inside that transaction: outside one it would announce at once, before anything is durable.
 */
export async function emitEvent(manager: EntityManager, subgraph: string, topic: string, ...keys: Array<Record<string, unknown>>): Promise<void> {
  if (keys.length === 0) return;
  if (!manager.queryRunner?.isTransactionActive) throw new Error(`emitEvent(${topic}) must run inside the write's transaction`);
  const encoded = keys.map((key) => JSON.stringify(key));
  const tooLong = encoded.find((key) => Buffer.byteLength(key) > MAX_PAYLOAD - 200);
  if (tooLong) throw new Error(`emitEvent(${topic}): the key is too long for NOTIFY (${Buffer.byteLength(tooLong)} bytes)`);
  await manager.query(
    `SELECT pg_notify($1, json_build_object('topic', $2::text, 'key', k::json,
       'at', round(extract(epoch FROM clock_timestamp()) * 1000))::text)
       FROM unnest($3::text[]) AS k`,
    [eventChannel(subgraph), topic, encoded],
  );
}

export interface EventListenerOptions {
  url: string;
  subgraph: string;
  onEvent(event: HubEvent): void;
  log?: (message: string) => void;
  /** Ceiling of the reconnect backoff. */
  maxBackoffMs?: number;
}

/**
 * The subgraph process's LISTEN connection: a dedicated pg client (not one of the pool's), which
 * reconnects with backoff when PostgreSQL goes away. Events committed while it is down are lost
 * (subscribers see a gap), which is what a subscription promises.
 */
export class EventListener {
  private client: Client | null = null;
  private stopped = false;
  private attempt = 0;
  private retryTimer: NodeJS.Timeout | null = null;
  connected = false;

  constructor(private readonly options: EventListenerOptions) {}

  /** Connects and LISTENs; fails when PostgreSQL cannot be reached at start (later losses reconnect). */
  async start(): Promise<void> {
    this.stopped = false;
    await this.connect(true);
  }

  private async connect(first = false): Promise<void> {
    const client = new Client({ connectionString: this.options.url, application_name: `kepuri-${this.options.subgraph}-listen` });
    this.client = client;
    client.on('notification', (message) => {
      if (!message.payload) return;
      try {
        this.options.onEvent(JSON.parse(message.payload) as HubEvent);
      } catch (error) {
        this.options.log?.(`unreadable event: ${(error as Error).message}`);
      }
    });
    let reconnecting = first;
    const lost = (error?: Error) => {
      if (this.client !== client) return;
      this.connected = false;
      this.client = null;
      void client.end().catch(() => undefined);
      if (!this.stopped && !reconnecting) {
        reconnecting = true;
        this.options.log?.(`LISTEN connection lost${error ? `: ${error.message}` : ''}; reconnecting`);
        this.scheduleReconnect();
      }
    };
    client.on('error', lost);
    client.on('end', () => lost());
    try {
      await client.connect();
      await client.query(`LISTEN ${quoteIdentifier(eventChannel(this.options.subgraph))}`);
    } catch (error) {
      lost(error as Error);
      if (first) throw error;
      return; // lost() has scheduled the next attempt

    }
    reconnecting = false;
    this.connected = true;
    this.attempt = 0;
  }

  private scheduleReconnect(): void {
    const delay = Math.min(this.options.maxBackoffMs ?? 5_000, 100 * 2 ** this.attempt) * (0.5 + Math.random() / 2);
    this.attempt += 1;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      if (!this.stopped) void this.connect().catch(() => undefined);
    }, delay);
    this.retryTimer.unref();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.connected = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    const client = this.client;
    this.client = null;
    if (client) await client.end().catch(() => undefined);
  }
}

function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
