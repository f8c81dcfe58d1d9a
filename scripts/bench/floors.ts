import { DataSource } from 'typeorm';
import { databaseUrl } from '../lib/postgres';
import type { parseStartConfig } from '../lib/start-config';
import { PROVINCES } from '../../subgraphs/shared/src/seed/reference-data';
import { ActivityStatsService } from '../../subgraphs/activities/src/stats/activity-stats.service';

/**
 * The floor of the dashboard: the subgraphs' own stats reads (the very SQL they send for the
 * dashboard: every province plus the nation, one statement per subgraph), run in parallel on
 * direct connections, with no GraphQL, HTTP or federation in between.
 */
export async function dashboardFloors(start: ReturnType<typeof parseStartConfig>, campaign: number) {
  const adminUrl = start.externalDatabaseUrl ?? `postgres://postgres:postgres@127.0.0.1:${start.pgPort}/postgres`;
  const connect = async (name: string) => {
    const dataSource = new DataSource({ type: 'postgres', url: databaseUrl(adminUrl, `kepuri_${name}`), extra: { max: 2 } });
    return dataSource.initialize();
  };
  const activities = await connect('activities');
  const activityStats = new ActivityStatsService(activities);
  const keys = [...PROVINCES.map(([code]) => ({ campaign, scope: `R:${code}` })), { campaign, scope: 'N' }];
  const [{ n }] = await activities.query('SELECT count(*)::int AS n FROM activities');
  return {
    adminUrl,
    describe: `${n.toLocaleString('en')} activities`,
    run: () => Promise.all([activityStats.stats(keys)]),
    close: async () => {
      await activities.destroy();
    },
  };
}
