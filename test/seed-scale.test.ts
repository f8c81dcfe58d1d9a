import { Client } from 'pg';
import { NonEmptyError, SUBGRAPH_NAMES, migrateDatabases, runSeed, type SubgraphName } from '../scripts/lib/seed';
import { SCALES } from '../scripts/lib/seed/scales';
import { hubTables } from '../scripts/lib/seed/schema';
import { containsPattern } from '@kepuri/platform';
import { nationScope } from '@kepuri/domain';
import { sampleSet } from '@kepuri/seed';
import { freshDatabase } from './support/hub';

/**
 * `npm run seed` at a tiny scale into fresh databases: the counts asked for, the migrations'
 * constraints and indexes back in place, every maintained total equal to a recount of the raw
 * rows, the notice's rules held, every table the migrations made filled, and the same rows on a
 * second run (after --reset, which a non-empty database requires).
 */
const NOW = new Date('2026-06-15T12:00:00+08:00');
const spec = SCALES.tiny;

async function freshDatabases(): Promise<Record<SubgraphName, string>> {
  const urls = {} as Record<SubgraphName, string>;
  for (const name of SUBGRAPH_NAMES) urls[name] = await freshDatabase(name.slice(0, 4));
  return urls;
}

async function withClients<T>(urls: Record<SubgraphName, string>, work: (db: Record<SubgraphName, Client>) => Promise<T>): Promise<T> {
  const clients = {} as Record<SubgraphName, Client>;
  for (const name of SUBGRAPH_NAMES) {
    clients[name] = new Client({ connectionString: urls[name] });
    await clients[name].connect();
  }
  try {
    return await work(clients);
  } finally {
    await Promise.all(Object.values(clients).map((client) => client.end()));
  }
}

const value = async (client: Client, sql: string): Promise<unknown> => Object.values((await client.query(sql)).rows[0])[0];
const count = async (client: Client, sql: string): Promise<number> => Number(await value(client, sql));

/** A checksum of every row of every hub table (the seed marker's timestamp aside). */
async function checksums(db: Record<SubgraphName, Client>): Promise<Record<string, string>> {
  const sums: Record<string, string> = {};
  for (const name of SUBGRAPH_NAMES) {
    for (const table of await hubTables(db[name])) {
      if (table === 'hub_seed') continue;
      sums[`${name}.${table}`] = String(await value(db[name], `SELECT md5(coalesce(string_agg(t::text, '|' ORDER BY t::text), '')) FROM ${table} t`));
    }
  }
  return sums;
}

/** Indexes (their structure: a rebuilt predicate deparses differently) and constraints, per database. */
async function schemaOf(db: Record<SubgraphName, Client>): Promise<Record<string, string[]>> {
  const shapes: Record<string, string[]> = {};
  for (const name of SUBGRAPH_NAMES) {
    const { rows } = await db[name].query<{ d: string }>(`
      SELECT c.relname || ' ON ' || t.relname || ' ' || am.amname || ' unique=' || i.indisunique || ' keys=' || i.indkey::text
             || ' classes=' || array(SELECT o.opcname FROM unnest(i.indclass::oid[]) WITH ORDINALITY u(oid, n) JOIN pg_opclass o ON o.oid = u.oid ORDER BY u.n)::text || ' options=' || i.indoption::text || ' expressions=' || (i.indexprs IS NOT NULL)
             || ' predicate=' || (i.indpred IS NOT NULL) AS d
        FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid JOIN pg_class t ON t.oid = i.indrelid JOIN pg_am am ON am.oid = c.relam
       WHERE t.relnamespace = current_schema()::regnamespace
      UNION ALL SELECT conrelid::regclass || ' ' || conname || ' ' || pg_get_constraintdef(oid) FROM pg_constraint WHERE connamespace = current_schema()::regnamespace
      ORDER BY 1`);
    shapes[name] = rows.map((row) => row.d);
  }
  return shapes;
}

describe('npm run seed', () => {
  let urls: Record<SubgraphName, string>;
  let first: Record<string, string>;

  beforeAll(async () => {
    urls = await freshDatabases();
    await runSeed({ databases: urls, scale: spec, now: NOW, progress: false, log: () => undefined });
  });

  test('loads the rows the scale asks for into every table the migrations made', async () => {
    await withClients(urls, async (db) => {
      expect(await count(db.activities, 'SELECT count(*) FROM activities')).toBe(spec.activities);
      expect(await count(db.activities, 'SELECT count(*) FROM check_ins')).toBe(spec.checkIns);
      expect(await count(db.evaluations, 'SELECT count(*) FROM feedback')).toBe(spec.feedback);
      expect(await count(db.volunteering, 'SELECT count(*) FROM volunteers')).toBe(spec.volunteers);
      expect(await count(db.volunteering, 'SELECT count(*) FROM service_records')).toBe(spec.serviceRecords);
      expect(await count(db.activities, 'SELECT count(*) FROM campaigns')).toBe(2);
      for (const name of SUBGRAPH_NAMES) {
        for (const table of await hubTables(db[name])) {
          // The rollup applier's queues and journals: a loaded database has applied everything.
          const queue = /_(unapplied|journal)$/.test(table);
          expect([name, table, await count(db[name], `SELECT count(*) FROM ${table}`) > 0]).toEqual([name, table, !queue]);
        }
        // `npm start` finds the database seeded and does not add the sample set on top.
        expect(await count(db[name], `SELECT count(*) FROM hub_seed WHERE name IN ('sample', 'scale:tiny')`)).toBe(2);
      }
    });
  });

  test('puts back exactly the indexes and constraints the migrations made', async () => {
    const migratedOnly = await freshDatabases();
    await migrateDatabases(migratedOnly);
    await withClients(migratedOnly, async (empty) => {
      await withClients(urls, async (db) => expect(await schemaOf(db)).toEqual(await schemaOf(empty)));
      const indexes = await empty.activities.query(`SELECT indexname FROM pg_indexes WHERE tablename = 'check_ins' ORDER BY 1`);
      expect(indexes.rows.map((row) => row.indexname)).toEqual(['check_ins_activity_id_user_sub_day_key', 'check_ins_pkey']);
    });
  });

  test('keeps every maintained total equal to a recount of the raw rows', async () => {
    await withClients(urls, async (db) => {
      expect(await count(db.activities, `
        SELECT count(*) FROM activities a LEFT JOIN activity_check_in_counts k ON k.activity_id = a.id
         WHERE k.check_in_count IS DISTINCT FROM (SELECT count(*) FROM check_ins c WHERE c.activity_id = a.id)`)).toBe(0);
      expect(await count(db.evaluations, `
        SELECT count(*) FROM (SELECT activity_id, count(*) AS n, sum(rating) AS s FROM feedback GROUP BY activity_id) f
          FULL JOIN activity_ratings r USING (activity_id)
         WHERE r.feedback_count IS DISTINCT FROM f.n OR r.rating_sum IS DISTINCT FROM f.s`)).toBe(0);
      expect(await count(db.volunteering, `
        SELECT count(*) FROM (SELECT activity_id, count(DISTINCT volunteer_id) AS n, sum(hours) AS h FROM service_records GROUP BY activity_id) s
          FULL JOIN activity_service_totals t USING (activity_id)
         WHERE t.volunteer_count IS DISTINCT FROM s.n OR t.service_hours IS DISTINCT FROM s.h`)).toBe(0);
      // The national rollup of each campaign against the activities it counts.
      expect(await count(db.activities, `
        SELECT count(*) FROM (SELECT campaign_year, count(*) AS n, sum(check_in_count) AS c FROM activity_check_in_counts
                               WHERE counted GROUP BY campaign_year) a
          FULL JOIN (SELECT campaign_year, activities AS n, check_ins AS c FROM activity_stats WHERE scope = '${nationScope}' AND dimension = 'all') s
         USING (campaign_year) WHERE a.n IS DISTINCT FROM s.n OR a.c IS DISTINCT FROM s.c`)).toBe(0);
      expect(await count(db.activities, `
        SELECT count(*) FROM (SELECT campaign_year, day, count(*) AS n FROM check_ins JOIN activities a ON a.id = activity_id GROUP BY 1, 2) c
          FULL JOIN (SELECT campaign_year, day, check_ins AS n FROM activity_daily WHERE scope = '${nationScope}' AND check_ins > 0) d USING (campaign_year, day)
         WHERE c.n IS DISTINCT FROM d.n`)).toBe(0);
      // The other subgraphs' rollups, nationally, against the raw rows.
      expect(await count(db.volunteering, `SELECT count(*) FROM volunteer_stats s
        WHERE scope = '${nationScope}' AND campaign_year = 0 AND dimension = 'all'
          AND (volunteers <> (SELECT count(*) FROM volunteers) OR teams <> (SELECT count(*) FROM volunteer_teams)
               OR service_records <> (SELECT count(*) FROM service_records) OR service_hours <> (SELECT sum(hours) FROM service_records)
               OR active_volunteers <> (SELECT count(DISTINCT volunteer_id) FROM service_records))`)).toBe(0);
      expect(await count(db.evaluations, `
        SELECT count(*) FROM (SELECT campaign_year, count(*) AS n, sum(rating) AS s FROM feedback GROUP BY 1) f
          FULL JOIN (SELECT campaign_year, feedback_count AS n, rating_sum AS s FROM evaluation_stats WHERE scope = '${nationScope}') e USING (campaign_year)
         WHERE f.n IS DISTINCT FROM e.n OR f.s IS DISTINCT FROM e.s`)).toBe(0);
    });
  });

  test('follows the notice and the services\' rules across databases', async () => {
    await withClients(urls, async (db) => {
      // Check-ins only at registered or completed activities, on one of their days (China time).
      expect(await count(db.activities, `
        SELECT count(*) FROM check_ins c JOIN activities a ON a.id = c.activity_id
         WHERE a.status NOT IN ('REGISTERED', 'COMPLETED')
            OR c.day NOT BETWEEN (a.starts_at AT TIME ZONE 'Asia/Shanghai')::date AND (a.ends_at AT TIME ZONE 'Asia/Shanghai')::date
            OR c.created_at >= $$2026-06-15T00:00:00+08$$`)).toBe(0);
      // 3+1: one cloud launch per campaign, one main venue per province; joint actions name theirs.
      expect(await count(db.activities, `SELECT count(*) FROM activities WHERE category = 'CLOUD_LAUNCH'`)).toBe(2);
      expect(await count(db.activities, `SELECT count(DISTINCT (campaign_year, province_code)) FROM activities WHERE category = 'PROVINCIAL_MAIN_VENUE'`)).toBe(64);
      expect(await count(db.activities, `SELECT count(*) FROM activities WHERE (category = 'JOINT_ACTION') <> (joint_action IS NOT NULL)
        OR (mode <> 'OFFLINE' AND online_url IS NULL) OR (mode <> 'ONLINE' AND address IS NULL)
        OR extract(year FROM starts_at AT TIME ZONE 'Asia/Shanghai') <> campaign_year
        OR organizer_path[cardinality(organizer_path)] <> organizer_id`)).toBe(0);
      // Organiser paths and regions are the organizations database's own.
      const organizations = new Map((await db.organizations.query<{ id: string; path: string[] }>('SELECT id, path FROM organizations')).rows
        .map((row) => [row.id, row.path.join(',')]));
      const regions = new Set((await db.organizations.query<{ code: string }>('SELECT code FROM regions')).rows.map((row) => row.code));
      const activities = (await db.activities.query<{ id: string; organizer_id: string; organizer_path: string[]; region_code: string; status: string }>(
        'SELECT id, organizer_id, organizer_path, region_code, status FROM activities')).rows;
      for (const activity of activities) {
        expect(organizations.get(activity.organizer_id)).toBe(activity.organizer_path.join(','));
        expect(regions.has(activity.region_code)).toBe(true);
      }
      const live = new Set(activities.filter((a) => a.status === 'REGISTERED' || a.status === 'COMPLETED').map((a) => a.id));
      const rated = (await db.evaluations.query<{ activity_id: string }>('SELECT DISTINCT activity_id FROM feedback')).rows;
      expect(rated.every((row) => live.has(row.activity_id))).toBe(true);
      const served = (await db.volunteering.query<{ activity_id: string }>('SELECT DISTINCT activity_id FROM service_records')).rows;
      expect(served.every((row) => live.has(row.activity_id))).toBe(true);
      // At most 24 hours a day per volunteer; volunteers' and teams' paths are their organisations'.
      expect(await count(db.volunteering, `SELECT count(*) FROM (SELECT volunteer_id, service_date FROM service_records
        GROUP BY 1, 2 HAVING sum(hours) > 24) x`)).toBe(0);
      const volunteers = (await db.volunteering.query<{ organization_id: string; organization_path: string[] }>(
        'SELECT organization_id, organization_path FROM volunteers')).rows;
      for (const volunteer of volunteers) expect(organizations.get(volunteer.organization_id)).toBe(volunteer.organization_path.join(','));
      expect(await count(db.volunteering, `SELECT count(*) FROM volunteers v JOIN volunteer_teams t ON t.id = v.team_id
        WHERE NOT t.organization_path @> ARRAY[v.organization_id]`)).toBe(0);
      expect(await count(db.volunteering, `SELECT count(*) FROM volunteer_teams c JOIN volunteer_teams p ON p.id = c.parent_id
        WHERE NOT c.organization_path @> ARRAY[p.organization_id]
           OR array_position(ARRAY['CORPS','DETACHMENT','BRIGADE','SQUAD'], c.level::text) <> array_position(ARRAY['CORPS','DETACHMENT','BRIGADE','SQUAD'], p.level::text) + 1`)).toBe(0);
      // Recommendations: by national societies and provincial associations, of what is below them.
      expect(await count(db.evaluations, `SELECT count(*) FROM recommendations
        WHERE NOT organization_path @> ARRAY[recommender_id] OR (kind = 'EXCELLENT_ORGANIZATION' AND organization_id = recommender_id)`)).toBe(0);
    });
  });

  test('the stored keyword bigrams never lose a row the ILIKE finds', async () => {
    await withClients(urls, async (db) => {
      for (const keyword of ['节水', '天文', '人工智能', '科普日', '2020年', '“云上', 'A', '100%_不存在']) {
        const pattern = containsPattern(keyword);
        const { rows: [row] } = await db.activities.query<{ ilike: string; both: string }>(`
          SELECT count(*) FILTER (WHERE title ILIKE $1 OR description ILIKE $1) AS ilike,
                 count(*) FILTER (WHERE (title ILIKE $1 OR description ILIKE $1) AND keyword_bigrams @> activity_keyword_bigrams($2)) AS both
            FROM activities`, [pattern, keyword]);
        expect([keyword, Number(row.both)]).toEqual([keyword, Number(row.ilike)]);
      }
    });
  });

  test('refuses non-empty tables without --reset, and gives the same rows again after it', async () => {
    await withClients(urls, async (db) => {
      first = await checksums(db);
    });
    await expect(runSeed({ databases: urls, scale: spec, now: NOW, progress: false, log: () => undefined })).rejects.toBeInstanceOf(NonEmptyError);
    await runSeed({ databases: urls, scale: spec, now: NOW, reset: true, progress: false, log: () => undefined });
    await withClients(urls, async (db) => {
      expect(await checksums(db)).toEqual(first);
    });
  });

  test('--scale small is exactly the sample set npm start seeds', async () => {
    const small = await freshDatabases();
    await runSeed({ databases: small, scale: 'small', now: NOW, progress: false, log: () => undefined });
    const sample = sampleSet(NOW);
    await withClients(small, async (db) => {
      expect(await count(db.activities, 'SELECT count(*) FROM activities')).toBe(sample.activities.length);
      expect(await count(db.evaluations, 'SELECT count(*) FROM feedback')).toBe(sample.feedback.length);
      expect(await count(db.volunteering, 'SELECT count(*) FROM volunteers')).toBe(sample.volunteers.length);
      expect(await count(db.activities, `SELECT count(*) FROM hub_seed WHERE name = 'sample'`)).toBe(1);
    });
  });
});
