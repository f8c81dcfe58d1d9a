import type { DataSource } from 'typeorm';
import { requireUser, badInput, chinaDate, hubError, type Identity, type SubgraphRuntime } from '@kepuri/platform';
import { Activity } from '../activity/activity.entity';
import { CheckIn } from './check-in.entity';
import { applyCheckIn } from '../stats/activity-stats.writer';
import { emitCheckInRecorded } from '../events';

export class CheckInService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly runtime: SubgraphRuntime,
  ) {}

  /**
   * 打卡: a signed-in user checks in to a registered (or completed) activity on one of its days
   * (China time). One check-in per user, activity and day: a repeat returns the first one. The
   * activity's count moves in the same transaction as the insert.
   */
  async checkIn(activityId: string, identity: Identity): Promise<CheckIn> {
    const userSub = requireUser(identity, 'checkIn');
    return this.dataSource.transaction(async (manager) => {
      // Locked: the counter, the rollups and a concurrent withdrawal see one order of events.
      const activity = await manager.findOne(Activity, { where: { id: activityId }, lock: { mode: 'pessimistic_write' } });
      if (!activity) throw hubError('NOT_FOUND', `activityId: no activity ${activityId}`, { field: 'activityId' });
      if (activity.status !== 'REGISTERED' && activity.status !== 'COMPLETED') {
        throw hubError('CONFLICT', `checkIn: the activity is ${activity.status}`, { field: 'activityId', status: activity.status });
      }
      const day = chinaDate(this.runtime.now());
      const [first, last] = [chinaDate(activity.startsAt), chinaDate(activity.endsAt)];
      if (day < first || day > last) throw badInput('activityId', `check-in is open from ${first} to ${last} (China time); today is ${day}`);
      const inserted: CheckIn[] = await manager.query(
        `INSERT INTO check_ins (activity_id, user_sub, day) VALUES ($1, $2, $3)
         ON CONFLICT (activity_id, user_sub, day) DO NOTHING
         RETURNING id, activity_id AS "activityId", user_sub AS "userSub", to_char(day, 'YYYY-MM-DD') AS day, created_at AS "createdAt"`,
        [activityId, userSub, day],
      );
      if (inserted.length > 0) {
        const [[counted]]: [[{ check_in_count: number }], number] = await manager.query(
          'UPDATE activities SET check_in_count = check_in_count + 1 WHERE id = $1 RETURNING check_in_count', [activityId]);
        await applyCheckIn(manager, activity, day);
        // Announced on commit only: a check-in that rolls back is never seen by a subscriber.
        await emitCheckInRecorded(manager, { checkInId: inserted[0].id, activityId, checkInCount: counted.check_in_count, day });
        return inserted[0];
      }
      return manager.findOneByOrFail(CheckIn, { activityId, userSub, day });
    });
  }
}
