import type { DataSource } from 'typeorm';
import { requireUser, badInput, chinaDate, chinaDateSql, hubError, queryPrepared, type Identity, type SubgraphRuntime } from '@kepuri/platform';
import type { Activity } from '../activity/activity.entity';
import type { CheckIn } from './check-in.entity';

const CHECK_IN_COLUMNS = `id, activity_id AS "activityId", user_sub AS "userSub", to_char(day, 'YYYY-MM-DD') AS day, created_at AS "createdAt"`;

/**
 * The whole check-in in one statement (one round trip, one implicit transaction): the activity's
 * rules read as committed (no row lock), the check-in inserted only when they allow it — a repeat of
 * the same user, activity and day inserts nothing (the unique key) — and what is inserted queued for
 * the rollup applier (stats/activity-stats.applier.ts) in the same commit. The activity's status and
 * days come back with it, so that a refusal names its rule without asking again; no row when there is
 * no such activity.
 */
const RECORD_CHECK_IN = `
  WITH activity AS (
    SELECT status, ${chinaDateSql('starts_at')} AS first_day, ${chinaDateSql('ends_at')} AS last_day FROM activities WHERE id = $1
  ), inserted AS (
    INSERT INTO check_ins (activity_id, user_sub, day)
    SELECT $1::uuid, $2::varchar, $3::date FROM activity
     WHERE status IN ('REGISTERED', 'COMPLETED') AND $3::date BETWEEN first_day AND last_day
    ON CONFLICT (activity_id, user_sub, day) DO NOTHING
    RETURNING *
  ), queued AS (
    INSERT INTO check_ins_unapplied (check_in_id, activity_id, day, recorded_at)
    SELECT id, activity_id, day, created_at FROM inserted
  )
  SELECT status, to_char(first_day, 'YYYY-MM-DD') AS "firstDay", to_char(last_day, 'YYYY-MM-DD') AS "lastDay", ${CHECK_IN_COLUMNS}
    FROM activity LEFT JOIN inserted ON true`;

/** What RECORD_CHECK_IN answers: the activity's rules, and the check-in when one was inserted. */
type Recorded = Pick<Activity, 'status'> & { firstDay: string; lastDay: string } & Omit<CheckIn, 'id'> & { id: string | null };

export class CheckInService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runtime: SubgraphRuntime,
  ) {}

  /**
   * 打卡: a signed-in user checks in to a registered (or completed) activity on one of its days
   * (China time). One check-in per user, activity and day: a repeat returns the first one.
   *
   * Nothing shared is written or locked: the rules are read from the activity as committed, the
   * check-in is written with its queue row, and the activity's count, the rollups and the
   * checkInRecorded event follow within the applier's bound (see ARCHITECTURE.md, "Rollups applied
   * in batches"). A withdrawal that commits while a check-in is on its way does not wait for
   * it: the check-in is stored (it was taken while the activity was open) and counts in the
   * activity's count, but in no figure, like every check-in of a withdrawn activity.
   */
  async checkIn(activityId: string, identity: Identity): Promise<CheckIn> {
    const userSub = requireUser(identity, 'checkIn');
    const day = chinaDate(this.runtime.now());
    const [recorded] = await queryPrepared<Recorded>(this.dataSource, 'check-in-record', RECORD_CHECK_IN, [activityId, userSub, day]);
    if (!recorded) throw hubError('NOT_FOUND', `activityId: no activity ${activityId}`, { field: 'activityId' });
    const { status, firstDay: first, lastDay: last, ...checkIn } = recorded;
    if (checkIn.id !== null) return { ...checkIn, id: checkIn.id };
    if (status !== 'REGISTERED' && status !== 'COMPLETED') {
      throw hubError('CONFLICT', `checkIn: the activity is ${status}`, { field: 'activityId', status });
    }
    if (day < first || day > last) throw badInput('activityId', `check-in is open from ${first} to ${last} (China time); today is ${day}`);
    // Allowed but not inserted: this user's check-in of the day is already there.
    const [existing] = await queryPrepared<CheckIn>(this.dataSource, 'check-in-repeat',
      `SELECT ${CHECK_IN_COLUMNS} FROM check_ins WHERE activity_id = $1 AND user_sub = $2 AND day = $3`, [activityId, userSub, day]);
    return existing;
  }
}
