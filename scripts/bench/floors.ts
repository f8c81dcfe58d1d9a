import { DataSource } from 'typeorm';
import { databaseUrl } from '../lib/postgres';
import type { parseStartConfig } from '../lib/start-config';
import { nationScope, regionScope } from '@kepuri/domain';
import { PROVINCES } from '@kepuri/seed';
import { ActivityStatsService } from '../../subgraphs/activities/src/stats/activity-stats.service';
import { EvaluationStatsService } from '../../subgraphs/evaluations/src/stats/evaluation-stats.service';
import { VolunteerStatsService } from '../../subgraphs/volunteering/src/stats/volunteer-stats.service';

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
  const [activities, volunteering, evaluations] = await Promise.all([connect('activities'), connect('volunteering'), connect('evaluations')]);
  const activityStats = new ActivityStatsService(activities);
  const volunteerStats = new VolunteerStatsService(volunteering);
  const evaluationStats = new EvaluationStatsService(evaluations);
  const keys = [...PROVINCES.map(([code]) => ({ campaign, scope: regionScope(code) })), { campaign, scope: nationScope }];
  const [[{ n }], [{ c }], [{ f }], [{ v }]] = await Promise.all([
    activities.query('SELECT count(*)::int AS n FROM activities'),
    activities.query('SELECT count(*)::int AS c FROM check_ins'),
    evaluations.query('SELECT count(*)::int AS f FROM feedback'),
    volunteering.query('SELECT count(*)::int AS v FROM volunteers'),
  ]);
  return {
    adminUrl,
    describe: `${n.toLocaleString('en')} activities, ${c.toLocaleString('en')} check-ins, ${f.toLocaleString('en')} feedback, ${v.toLocaleString('en')} volunteers`,
    run: () => Promise.all([activityStats.stats(keys), volunteerStats.stats(keys), evaluationStats.stats(keys)]),
    close: async () => {
      await Promise.all([activities.destroy(), volunteering.destroy(), evaluations.destroy()]);
    },
  };
}
