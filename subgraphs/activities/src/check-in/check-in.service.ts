import type { DataSource } from 'typeorm';
import { requireUser, badInput, chinaDate, hubError, queryPrepared, type Identity, type SubgraphRuntime } from '@kepuri/platform';
import type { Activity } from '../activity/activity.entity';
import type { CheckIn } from './check-in.entity';

const CHECK_IN_COLUMNS = `id, activity_id AS "activityId", user_sub AS "userSub", to_char(day, 'YYYY-MM-DD') AS day, created_at AS "createdAt"`;

/**
 * The check-in and its queue row in one statement (one implicit transaction): a repeat of the same
 * user, activity and day inserts nothing (the unique key), and what is inserted is queued for the
 * rollup applier (stats/activity-stats.applier.ts) in the same commit.
 */
const RECORD_CHECK_IN = `
  WITH inserted AS (
    INSERT INTO check_ins (activity_id, user_sub, day) VALUES ($1, $2, $3)
    ON CONFLICT (activity_id, user_sub, day) DO NOTHING
    RETURNING *
  ), queued AS (
    INSERT INTO check_ins_unapplied (check_in_id, activity_id, day, recorded_at)
    SELECT id, activity_id, day, created_at FROM inserted
  )
  SELECT ${CHECK_IN_COLUMNS} FROM inserted`;

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
    const [activity] = await queryPrepared<Pick<Activity, 'status' | 'startsAt' | 'endsAt'>>(this.dataSource, 'check-in-rules',
      'SELECT status, starts_at AS "startsAt", ends_at AS "endsAt" FROM activities WHERE id = $1', [activityId]);
    if (!activity) throw hubError('NOT_FOUND', `activityId: no activity ${activityId}`, { field: 'activityId' });
    if (activity.status !== 'REGISTERED' && activity.status !== 'COMPLETED') {
      throw hubError('CONFLICT', `checkIn: the activity is ${activity.status}`, { field: 'activityId', status: activity.status });
    }
    const day = chinaDate(this.runtime.now());
    const [first, last] = [chinaDate(activity.startsAt), chinaDate(activity.endsAt)];
    if (day < first || day > last) throw badInput('activityId', `check-in is open from ${first} to ${last} (China time); today is ${day}`);
    const [inserted] = await queryPrepared<CheckIn>(this.dataSource, 'check-in-record', RECORD_CHECK_IN, [activityId, userSub, day]);
    if (inserted) return inserted;
    const [existing] = await queryPrepared<CheckIn>(this.dataSource, 'check-in-repeat',
      `SELECT ${CHECK_IN_COLUMNS} FROM check_ins WHERE activity_id = $1 AND user_sub = $2 AND day = $3`, [activityId, userSub, day]);
    return existing;
  }
}
