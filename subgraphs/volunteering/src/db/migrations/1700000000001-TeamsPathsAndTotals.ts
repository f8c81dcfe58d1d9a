import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Volunteer teams (总队 → 支队 → 大队 → 分队); on volunteers and service records the organisation
 * paths learned from the organizations and activities subgraphs at write time, so that "an
 * organisation and everything below it" is one `path @> ARRAY[id]` lookup on a GIN index; the
 * activity's region and campaign on each service record; one record per volunteer, activity and
 * day; and per-activity totals kept in the same transaction as each record.
 */
export class TeamsPathsAndTotals1700000000001 implements MigrationInterface {
  name = 'TeamsPathsAndTotals1700000000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE volunteer_teams (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        level varchar(16) NOT NULL CHECK (level IN ('CORPS', 'DETACHMENT', 'BRIGADE', 'SQUAD')),
        parent_id uuid REFERENCES volunteer_teams(id),
        organization_id uuid NOT NULL,
        organization_path uuid[] NOT NULL CHECK (organization_path[cardinality(organization_path)] = organization_id),
        region_code char(6) NOT NULL,
        created_by varchar(200),
        created_at timestamptz NOT NULL DEFAULT now(),
        CHECK ((level = 'CORPS') = (parent_id IS NULL)),
        CONSTRAINT volunteer_teams_name UNIQUE (organization_id, name)
      )`);
    await db.query('CREATE INDEX volunteer_teams_parent ON volunteer_teams (parent_id, name)');
    await db.query('CREATE INDEX volunteer_teams_organization_path ON volunteer_teams USING gin (organization_path)');

    await db.query(`
      ALTER TABLE volunteers
        ADD COLUMN team_id uuid REFERENCES volunteer_teams(id),
        ADD COLUMN organization_path uuid[] NOT NULL DEFAULT '{}',
        ADD COLUMN created_by varchar(200)`);
    // Rows written before paths were stored know only their own organisation.
    await db.query('UPDATE volunteers SET organization_path = ARRAY[organization_id] WHERE organization_id IS NOT NULL');
    await db.query('CREATE INDEX volunteers_order ON volunteers (name, id)');
    await db.query('CREATE INDEX volunteers_team ON volunteers (team_id, name, id) WHERE team_id IS NOT NULL');
    await db.query('CREATE INDEX volunteers_organization_path ON volunteers USING gin (organization_path)');
    // "This province (or city) and everything in it" is a code prefix: LIKE '42%' uses this index.
    await db.query('CREATE INDEX volunteers_region_prefix ON volunteers (region_code bpchar_pattern_ops)');
    await db.query('CREATE INDEX volunteers_skills ON volunteers USING gin (skills)');

    // Rows written before these columns existed have NULL here; the organiser's path and the
    // activity's region and campaign are only known to the activities subgraph.
    await db.query(`
      ALTER TABLE service_records
        ADD COLUMN organizer_path uuid[],
        ADD COLUMN region_code char(6),
        ADD COLUMN campaign_year int,
        ADD COLUMN created_by varchar(200),
        ADD CONSTRAINT service_records_half_hours CHECK (hours * 2 = trunc(hours * 2))`);
    await db.query('CREATE UNIQUE INDEX service_records_one_per_day ON service_records (volunteer_id, activity_id, service_date)');
    await db.query('CREATE INDEX service_records_organizer_path ON service_records USING gin (organizer_path)');
    await db.query('CREATE INDEX service_records_campaign ON service_records (campaign_year, region_code)');

    await db.query(`
      CREATE TABLE activity_service_totals (
        activity_id uuid PRIMARY KEY,
        volunteer_count int NOT NULL DEFAULT 0 CHECK (volunteer_count >= 0),
        service_hours numeric(12,1) NOT NULL DEFAULT 0 CHECK (service_hours >= 0)
      )`);
    await db.query(`
      INSERT INTO activity_service_totals (activity_id, volunteer_count, service_hours)
      SELECT activity_id, count(DISTINCT volunteer_id), sum(hours) FROM service_records GROUP BY activity_id`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE activity_service_totals');
    await db.query('DROP INDEX service_records_campaign');
    await db.query('DROP INDEX service_records_organizer_path');
    await db.query('DROP INDEX service_records_one_per_day');
    await db.query(`ALTER TABLE service_records DROP CONSTRAINT service_records_half_hours,
      DROP COLUMN organizer_path, DROP COLUMN region_code, DROP COLUMN campaign_year, DROP COLUMN created_by`);
    await db.query('DROP INDEX volunteers_skills');
    await db.query('DROP INDEX volunteers_region_prefix');
    await db.query('DROP INDEX volunteers_organization_path');
    await db.query('DROP INDEX volunteers_team');
    await db.query('DROP INDEX volunteers_order');
    await db.query('ALTER TABLE volunteers DROP COLUMN team_id, DROP COLUMN organization_path, DROP COLUMN created_by');
    await db.query('DROP TABLE volunteer_teams');
  }
}
