import type { DataSource, EntityManager } from 'typeorm';
import { Counter, Histogram, type Registry } from 'prom-client';
import { foldJournalSql, type JournaledRollup } from './rollups';

/**
 * Rollups applied in batches. A write that moves figures every dashboard shares (the nation, a
 * province, a day) does not touch those rows: it records its fact — a check-in, a rating, a journal
 * row — and whatever lets a batch find it (a row in a queue table), acknowledges, and is done. The
 * applier takes the queued facts in batches and folds them into the rollups with SQL
 * (`INSERT … SELECT … GROUP BY … ON CONFLICT DO UPDATE`), deleting them from the queue in the same
 * transaction, then announces what moved (events after commit).
 *
 * Exactly once: a fact leaves its queue in the transaction that adds it to the rollups, so a batch
 * that fails or whose process or connection dies rolls back whole and its facts wait for the next
 * one. Replicas: every instance of a subgraph runs an applier; a batch runs only while it holds the
 * subgraph's transaction-scoped advisory lock (`pg_try_advisory_xact_lock`), so one batch runs at a
 * time (no two appliers wait on each other's rollup rows) and a dead leader's lock goes with its
 * connection. Queue rows are also taken `FOR UPDATE SKIP LOCKED`, and a batch that could not delete
 * every row it took rolls back.
 */
export interface FactQueue<M> {
  /**
   * The queue table: `seq` (bigint, arrival order, primary key) and `recorded_at` (timestamptz,
   * when the fact was written); with `wholeWrites` also `written_by` (xid8, indexed).
   */
  table: string;
  /** A batch takes every row of each write it reaches, never part of one (journals: one write, many rows). */
  wholeWrites?: boolean;
  /**
   * Folds the facts `seqs` (still in the queue, locked by this batch) into the rollups inside the
   * batch's transaction, announces per-fact events, and returns what moved for the batch's
   * announcement. The applier deletes the facts after.
   */
  apply(manager: EntityManager, seqs: string[]): Promise<M[]>;
}

/** The pause while the queues are empty: with a batch's own time, the figures' staleness (see ARCHITECTURE.md). */
export const DEFAULT_ROLLUP_INTERVAL_MS = 100;
/** Facts per queue per batch: more than a peak second of one instance's check-ins. */
export const DEFAULT_ROLLUP_BATCH_SIZE = 2_000;

/** What a subgraph gives its applier: its queues, in the order a batch takes them, and how a batch announces what moved. */
export interface RollupsDefinition<M> {
  queues: Array<FactQueue<M>>;
  announce(manager: EntityManager, moved: M[]): Promise<void>;
}

export interface RollupApplierOptions<M> extends RollupsDefinition<M> {
  subgraph: string;
  dataSource: DataSource;
  /** Pause between batches when the queues were drained. */
  intervalMs: number;
  /** Facts per queue per batch. */
  batchSize: number;
  log?: (message: string) => void;
  metrics?: Registry;
}

/** The outcome of one batch: another applier held the lock, or how many facts it applied and whether a queue had more. */
export type BatchOutcome = 'busy' | { facts: number; more: boolean };

/** A journal as a queue: whole writes, summed per key; `announce` returns the keys moved (else nothing). */
export function journalQueue<T>(rollup: JournaledRollup<T>, announce: boolean): FactQueue<T> {
  const sql = foldJournalSql(rollup);
  return {
    table: rollup.journal,
    wholeWrites: true,
    async apply(manager, seqs) {
      const moved: T[] = await manager.query(sql, [seqs]);
      return announce ? moved : [];
    },
  };
}

const sleep = (milliseconds: number) => new Promise((resolve) => setTimeout(resolve, milliseconds));

export class RollupApplier<M> {
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private active = false;
  private readonly lagSeconds: Histogram | null;
  private readonly factsApplied: Counter | null;
  private readonly batchesApplied: Counter | null;
  /** What this applier committed since it was built (tests and logs; /metrics has the same). */
  readonly totals = { batches: 0, facts: 0 };

  constructor(private readonly options: RollupApplierOptions<M>) {
    const registers = options.metrics ? [options.metrics] : [];
    this.lagSeconds = options.metrics ? new Histogram({
      name: 'hub_rollup_lag_seconds',
      help: 'From a fact\'s write to the batch that folds it into the rollups (the figures\' staleness).',
      buckets: [0.01, 0.025, 0.05, 0.1, 0.15, 0.2, 0.3, 0.5, 0.75, 1, 2, 5, 10],
      registers,
    }) : null;
    this.factsApplied = options.metrics ? new Counter({ name: 'hub_rollup_facts_total', help: 'Facts folded into the rollups.', registers }) : null;
    this.batchesApplied = options.metrics ? new Counter({ name: 'hub_rollup_batches_total', help: 'Rollup batches committed.', registers }) : null;
  }

  /** Starts the loop: a batch whenever facts wait, at most every intervalMs while the queues run dry. */
  start(): void {
    if (this.active) return;
    this.active = true;
    this.schedule(0);
  }

  /** Stops the loop after the batch in flight (which commits or rolls back whole). */
  async stop(): Promise<void> {
    this.active = false;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  private schedule(delay: number): void {
    this.timer = setTimeout(() => {
      this.timer = null;
      this.running = this.drainOnce().finally(() => {
        this.running = null;
        if (this.active) this.schedule(this.options.intervalMs);
      });
    }, delay);
  }

  /** Batches while facts wait and this applier holds the lock; errors (a lost connection) are logged and retried next time. */
  private async drainOnce(): Promise<void> {
    try {
      if (!(await this.waiting())) return;
      for (;;) {
        const outcome = await this.applyBatch();
        if (outcome === 'busy' || !outcome.more || !this.active) return;
      }
    } catch (error) {
      this.options.log?.(`rollup batch failed (its facts wait for the next one): ${(error as Error).message}`);
    }
  }

  /** Whether any queue holds a fact: one statement, the loop's idle check. */
  async waiting(): Promise<boolean> {
    const [{ waiting }] = await this.options.dataSource.query(
      `SELECT ${this.options.queues.map((queue) => `EXISTS (SELECT 1 FROM ${queue.table})`).join(' OR ')} AS waiting`);
    return waiting;
  }

  /** One batch: up to batchSize facts of each queue, folded, deleted and announced in one transaction. */
  async applyBatch(): Promise<BatchOutcome> {
    const { batchSize, queues, subgraph } = this.options;
    const lags: number[] = [];
    const outcome = await this.options.dataSource.transaction(async (manager): Promise<BatchOutcome> => {
      const [{ leader }] = await manager.query('SELECT pg_try_advisory_xact_lock(hashtext($1)) AS leader', [`kepuri-rollups:${subgraph}`]);
      if (!leader) return 'busy';
      let facts = 0;
      let more = false;
      const moved: M[] = [];
      for (const queue of queues) {
        const taken: Array<{ seq: string }> = await manager.query(queue.wholeWrites
          ? `SELECT seq FROM ${queue.table} WHERE written_by IN (SELECT written_by FROM ${queue.table} ORDER BY seq LIMIT $1)
              ORDER BY seq FOR UPDATE SKIP LOCKED`
          : `SELECT seq FROM ${queue.table} ORDER BY seq LIMIT $1 FOR UPDATE SKIP LOCKED`, [batchSize]);
        if (taken.length === 0) continue;
        const seqs = taken.map((row) => row.seq);
        moved.push(...await queue.apply(manager, seqs));
        // TypeORM answers a DELETE with [rows, count].
        const [done]: [Array<{ lag: number }>, number] = await manager.query(
          `DELETE FROM ${queue.table} WHERE seq = ANY($1::bigint[]) RETURNING extract(epoch FROM clock_timestamp() - recorded_at)::float8 AS lag`, [seqs]);
        if (done.length !== seqs.length) throw new Error(`${queue.table}: took ${seqs.length} facts, could delete ${done.length}`);
        for (const row of done) lags.push(row.lag);
        facts += seqs.length;
        more ||= taken.length >= batchSize;
      }
      if (moved.length > 0) await this.options.announce(manager, moved);
      return { facts, more };
    });
    if (outcome !== 'busy' && outcome.facts > 0) {
      this.totals.batches += 1;
      this.totals.facts += outcome.facts;
      this.batchesApplied?.inc();
      this.factsApplied?.inc(outcome.facts);
      for (const lag of lags) this.lagSeconds?.observe(lag);
    }
    return outcome;
  }

  /**
   * Applies until every queue is empty, whoever holds the lock meanwhile (tests, and anything that
   * must read its own writes in the rollups); fails after `timeoutMs`.
   */
  async drain(timeoutMs = 10_000): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (await this.waiting()) {
      if (Date.now() > deadline) throw new Error(`${this.options.subgraph}: rollup queues not drained within ${timeoutMs} ms`);
      const outcome = await this.applyBatch().catch((error: Error) => {
        this.options.log?.(`rollup batch failed while draining: ${error.message}`);
        return 'busy' as const;
      });
      if (outcome === 'busy') await sleep(5);
    }
  }
}
