import type { DataSource } from 'typeorm';
import { byOrdinal } from '@kepuri/platform';
import { ACTIVITY_CATEGORIES, ACTIVITY_MODES, CONTENT_AREAS, JOINT_ACTIONS, type DailyStatsKey, type StatsKey } from '@kepuri/domain';
import type { ActivityDay, ActivityStats } from './activity-stats.types';

interface StatsRow {
  ord: string;
  dimension: string;
  key: string;
  activities: string;
  expected: string;
  actual: string;
  participants: string;
  check_ins: string;
  views: string;
}

/** Reads the maintained rollups: one statement for any number of scopes. */
export class ActivityStatsService {
  constructor(private readonly dataSource: DataSource) {}

  async stats(keys: readonly StatsKey[]): Promise<ActivityStats[]> {
    const rows: StatsRow[] = await this.dataSource.query(
      `SELECT k.ord, s.dimension, s.key, sum(s.activities) AS activities, sum(s.expected_participants) AS expected,
              sum(s.actual_participants) AS actual, sum(s.participants) AS participants, sum(s.check_ins) AS check_ins,
              sum(s.online_views) AS views
         FROM unnest($1::int[], $2::varchar[]) WITH ORDINALITY AS k(year, scope, ord)
         JOIN activity_stats s ON s.scope = k.scope AND (k.year IS NULL OR s.campaign_year = k.year)
        GROUP BY k.ord, s.dimension, s.key`,
      [keys.map((key) => key.campaign), keys.map((key) => key.scope)],
    );
    return byOrdinal(keys.length, rows).map((group) => {
      const found = new Map(group.map((row) => [`${row.dimension}|${row.key}`, row]));
      const count = (dimension: string, key: string) => Number(found.get(`${dimension}|${key}`)?.activities ?? 0);
      const all = found.get('all|');
      return {
        activityCount: Number(all?.activities ?? 0),
        completedActivityCount: count('status', 'COMPLETED'),
        onlineActivityCount: count('mode', 'ONLINE') + count('mode', 'HYBRID'),
        participantCount: Number(all?.participants ?? 0),
        expectedParticipants: Number(all?.expected ?? 0),
        actualParticipants: Number(all?.actual ?? 0),
        checkInCount: Number(all?.check_ins ?? 0),
        onlineViews: Number(all?.views ?? 0),
        byCategory: ACTIVITY_CATEGORIES.map((category) => ({ category, activityCount: count('category', category) })),
        byJointAction: JOINT_ACTIONS.map((jointAction) => ({ jointAction, activityCount: count('jointAction', jointAction) })),
        byContentArea: CONTENT_AREAS.map((contentArea) => ({ contentArea, activityCount: count('contentArea', contentArea) })),
        byMode: ACTIVITY_MODES.map((mode) => ({ mode, activityCount: count('mode', mode) })),
      };
    });
  }

  /** Daily series of many scopes of one campaign each, in one statement; days with nothing are left out. */
  async daily(keys: readonly DailyStatsKey[]): Promise<ActivityDay[][]> {
    const rows: Array<{ ord: string; day: string; running: number; check_ins: number }> = await this.dataSource.query(
      `SELECT k.ord, to_char(d.day, 'YYYY-MM-DD') AS day, d.running, d.check_ins
         FROM unnest($1::int[], $2::varchar[]) WITH ORDINALITY AS k(year, scope, ord)
         JOIN activity_daily d ON d.scope = k.scope AND d.campaign_year = k.year
        WHERE d.running <> 0 OR d.check_ins <> 0
        ORDER BY k.ord, d.day`,
      [keys.map((key) => key.campaign), keys.map((key) => key.scope)],
    );
    return byOrdinal(keys.length, rows).map((group): ActivityDay[] =>
      group.map((row) => ({ day: row.day, runningActivities: row.running, checkIns: row.check_ins })));
  }
}
