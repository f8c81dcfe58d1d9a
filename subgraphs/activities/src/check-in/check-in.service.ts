import DataLoader from 'dataloader';
import type { DataSource } from 'typeorm';
import { requireUser, badInput, chinaDate, chinaDateSql, hubError, queryPrepared, type Identity, type SubgraphRuntime } from '@kepuri/platform';
import type { Activity } from '../activity/activity.entity';
import type { CheckIn } from './check-in.entity';

/** A check-in's columns as the API names them, read from `check_ins` under `alias`. */
const checkInColumns = (alias: string) =>
  `${alias}.id, ${alias}.activity_id AS "activityId", ${alias}.user_sub AS "userSub", to_char(${alias}.day, 'YYYY-MM-DD') AS day, ${alias}.created_at AS "createdAt"`;

/**
 * A batch of check-ins in one statement (one round trip, one implicit transaction, one commit): each
 * activity's rules read as committed (no row lock), each check-in inserted only where they allow it
 * — a repeat of the same user, activity and day inserts nothing (the unique key), within the batch
 * too — and what is inserted queued for the rollup applier (stats/activity-stats.applier.ts) in the
 * same commit. Rows are inserted in key order, so that two batches wait on each other's keys (a user
 * checking in twice at once) in one order and never in a cycle. Each activity is looked up by its
 * key, whatever the planner guesses of the batch's size. For each request, by its position `n`: the
 * activity's status and days, so that a refusal names its rule without asking again (null
 * when there is no such activity), and the check-in when one was inserted for it.
 */
const RECORD_CHECK_INS = `
  WITH request AS (
    SELECT r.n, r.activity_id, r.user_sub, r.day, a.status, a.first_day, a.last_day
      FROM unnest($1::uuid[], $2::varchar[], $3::date[]) WITH ORDINALITY AS r (activity_id, user_sub, day, n)
      LEFT JOIN LATERAL (
        SELECT status, ${chinaDateSql('starts_at')} AS first_day, ${chinaDateSql('ends_at')} AS last_day FROM activities WHERE id = r.activity_id LIMIT 1
      ) a ON true
  ), inserted AS (
    INSERT INTO check_ins (activity_id, user_sub, day)
    SELECT activity_id, user_sub, day FROM request
     WHERE status IN ('REGISTERED', 'COMPLETED') AND day BETWEEN first_day AND last_day
     ORDER BY activity_id, user_sub, day
    ON CONFLICT (activity_id, user_sub, day) DO NOTHING
    RETURNING *
  ), queued AS (
    INSERT INTO check_ins_unapplied (check_in_id, activity_id, day, recorded_at)
    SELECT id, activity_id, day, created_at FROM inserted
  )
  SELECT r.n, r.status, to_char(r.first_day, 'YYYY-MM-DD') AS "firstDay", to_char(r.last_day, 'YYYY-MM-DD') AS "lastDay", ${checkInColumns('i')}
    FROM request r LEFT JOIN inserted i ON (i.activity_id, i.user_sub, i.day) = (r.activity_id, r.user_sub, r.day)`;

/** One check-in asked for. */
interface CheckInRequest {
  activityId: string;
  userSub: string;
  day: string;
}

/** What RECORD_CHECK_INS answers for one request: the activity's rules (null without an activity), and the check-in when one was inserted. */
type Recorded = { status: Activity['status'] | null; firstDay: string | null; lastDay: string | null } & Omit<CheckIn, 'id'> & { id: string | null };

/**
 * Batches written at once by one instance. Each waits for its commit (a flush to disk); while they
 * are in flight, the check-ins that arrive gather into the next batch, so that at the campaign peak
 * one statement and one commit carry many check-ins, and a quiet hour writes each at once.
 */
const BATCHES_IN_FLIGHT = 2;

/** The most check-ins one statement carries. */
const MAX_BATCH = 256;

/** PostgreSQL's deadlock_detected: nothing of the batch was written; it is written again. */
const DEADLOCK = '40P01';

export class CheckInService {
  private inFlight = 0;
  private readonly waiting: Array<() => void> = [];
  /**
   * The instance's check-in batches (a DataLoader shared by its requests, never caching: a write
   * batcher, not a per-request loader). A batch is sent as soon as fewer than BATCHES_IN_FLIGHT are
   * in flight, else when one of them is done.
   */
  private readonly batches = new DataLoader<CheckInRequest, Recorded>((requests) => this.record(requests), {
    cache: false,
    maxBatchSize: MAX_BATCH,
    batchScheduleFn: (send) => {
      if (this.inFlight >= BATCHES_IN_FLIGHT) return void this.waiting.push(send);
      this.inFlight += 1;
      process.nextTick(send);
    },
  });

  constructor(
    private readonly dataSource: DataSource,
    private readonly runtime: SubgraphRuntime,
  ) {}

  /**
   * 打卡: a signed-in user checks in to a registered (or completed) activity on one of its days
   * (China time). One check-in per user, activity and day: a repeat returns the first one.
   *
   * Nothing shared is written or locked: the rules are read from the activity as committed, the
   * check-in is written with its queue row (with the other check-ins of its batch), and the
   * activity's count, the rollups and the checkInRecorded event follow within the applier's bound
   * (see ARCHITECTURE.md, "Rollups applied in batches"). The answer comes after the commit. A
   * withdrawal that commits while a check-in is on its way does not wait for it: the check-in is
   * stored (it was taken while the activity was open) and counts in the activity's count, but in no
   * figure, like every check-in of a withdrawn activity.
   */
  async checkIn(activityId: string, identity: Identity): Promise<CheckIn> {
    const userSub = requireUser(identity, 'checkIn');
    const day = chinaDate(this.runtime.now());
    const { status, firstDay: first, lastDay: last, ...checkIn } = await this.batches.load({ activityId, userSub, day });
    if (status === null) throw hubError('NOT_FOUND', `activityId: no activity ${activityId}`, { field: 'activityId' });
    if (checkIn.id !== null) return { ...checkIn, id: checkIn.id };
    if (status !== 'REGISTERED' && status !== 'COMPLETED') {
      throw hubError('CONFLICT', `checkIn: the activity is ${status}`, { field: 'activityId', status });
    }
    if (day < first! || day > last!) throw badInput('activityId', `check-in is open from ${first} to ${last} (China time); today is ${day}`);
    // Allowed but not inserted: this user's check-in of the day is already there.
    const [existing] = await queryPrepared<CheckIn>(this.dataSource, 'check-in-repeat',
      `SELECT ${checkInColumns('c')} FROM check_ins c WHERE c.activity_id = $1 AND c.user_sub = $2 AND c.day = $3`, [activityId, userSub, day]);
    return existing;
  }

  /** Writes one batch; then the next one waiting is sent. */
  private async record(requests: readonly CheckInRequest[]): Promise<Array<Recorded | Error>> {
    try {
      return await this.write(requests);
    } catch (error) {
      // One check-in PostgreSQL refuses (a value it cannot store) fails alone, not the others of its batch.
      if (requests.length === 1 || !/^2[23]/.test((error as { code?: string }).code ?? '')) throw error;
      return Promise.all(requests.map((request) => this.write([request]).then(([recorded]) => recorded, (alone: Error) => alone)));
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.inFlight -= 1;
    }
  }

  /** RECORD_CHECK_INS for these requests, in their order (written again after a deadlock, which wrote nothing). */
  private async write(requests: readonly CheckInRequest[]): Promise<Recorded[]> {
    const values = [requests.map((r) => r.activityId), requests.map((r) => r.userSub), requests.map((r) => r.day)];
    for (let attempt = 1; ; attempt += 1) {
      try {
        const rows = await queryPrepared<Recorded & { n: string }>(this.dataSource, 'check-in-record', RECORD_CHECK_INS, values);
        const byRequest = new Map(rows.map(({ n, ...recorded }) => [Number(n) - 1, recorded]));
        return requests.map((_, index) => byRequest.get(index)!);
      } catch (error) {
        if ((error as { code?: string }).code !== DEADLOCK || attempt >= 3) throw error;
      }
    }
  }
}
