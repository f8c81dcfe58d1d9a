import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1700000000000 implements MigrationInterface {
  name = 'Initial1700000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await db.query(`CREATE TABLE hub_seed (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    await db.query(`
      CREATE TABLE campaigns (
        year int PRIMARY KEY CHECK (year BETWEEN 2000 AND 2200),
        theme text NOT NULL,
        label text NOT NULL,
        is_demo boolean NOT NULL DEFAULT false,
        concentrated_starts_at timestamptz NOT NULL,
        concentrated_ends_at timestamptz NOT NULL,
        registration_opens_at timestamptz NOT NULL,
        registration_closes_at timestamptz NOT NULL,
        info_completion_deadline timestamptz NOT NULL,
        summary_deadline timestamptz NOT NULL,
        recommendation_deadline timestamptz NOT NULL,
        CHECK (concentrated_starts_at < concentrated_ends_at),
        CHECK (registration_opens_at < registration_closes_at)
      )`);
    await db.query(`
      CREATE TABLE activities (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_year int NOT NULL REFERENCES campaigns(year),
        title varchar(200) NOT NULL,
        description text NOT NULL DEFAULT '',
        label text NOT NULL,
        organizer_id uuid NOT NULL,
        region_code char(6) NOT NULL,
        province_code char(6) NOT NULL,
        city_code char(6),
        category varchar(32) NOT NULL,
        joint_action varchar(32),
        online_kind varchar(32),
        content_areas varchar(32)[] NOT NULL,
        mode varchar(16) NOT NULL,
        venue_kind varchar(48) NOT NULL,
        online_url varchar(2048),
        address varchar(500),
        starts_at timestamptz NOT NULL,
        ends_at timestamptz NOT NULL,
        status varchar(16) NOT NULL,
        expected_participants int NOT NULL DEFAULT 0 CHECK (expected_participants >= 0),
        check_in_count int NOT NULL DEFAULT 0 CHECK (check_in_count >= 0),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CHECK (starts_at <= ends_at),
        CHECK (mode = 'OFFLINE' OR online_url IS NOT NULL)
      )`);
    // The connection orders by (starts_at, id); filters narrow by campaign, province, city, organizer.
    await db.query('CREATE INDEX activities_campaign_order ON activities (campaign_year, starts_at, id)');
    await db.query('CREATE INDEX activities_order ON activities (starts_at, id)');
    await db.query('CREATE INDEX activities_province ON activities (province_code, starts_at, id)');
    await db.query('CREATE INDEX activities_city ON activities (city_code, starts_at, id) WHERE city_code IS NOT NULL');
    await db.query('CREATE INDEX activities_region ON activities (region_code)');
    await db.query('CREATE INDEX activities_organizer ON activities (organizer_id, starts_at, id)');
    // Chinese keyword search: trigram indexes answer ILIKE '%关键词%' without a sequential scan.
    await db.query('CREATE INDEX activities_title_trgm ON activities USING gin (title gin_trgm_ops)');
    await db.query('CREATE INDEX activities_description_trgm ON activities USING gin (description gin_trgm_ops)');
    await db.query(`
      CREATE TABLE check_ins (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        activity_id uuid NOT NULL REFERENCES activities(id),
        user_sub varchar(200) NOT NULL,
        day date NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (activity_id, user_sub, day)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE check_ins');
    await db.query('DROP TABLE activities');
    await db.query('DROP TABLE campaigns');
    await db.query('DROP TABLE hub_seed');
  }
}
