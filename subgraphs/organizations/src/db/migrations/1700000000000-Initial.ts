import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1700000000000 implements MigrationInterface {
  name = 'Initial1700000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('CREATE EXTENSION IF NOT EXISTS pg_trgm');
    await db.query(`CREATE TABLE hub_seed (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    await db.query(`
      CREATE TABLE regions (
        code char(6) PRIMARY KEY CHECK (code ~ '^[0-9]{6}$'),
        name varchar(100) NOT NULL,
        level varchar(16) NOT NULL CHECK (level IN ('PROVINCE', 'CITY', 'COUNTY')),
        parent_code char(6) REFERENCES regions(code)
      )`);
    await db.query('CREATE INDEX regions_parent ON regions (parent_code)');
    await db.query('CREATE INDEX regions_level ON regions (level, code)');
    await db.query(`
      CREATE TABLE organizations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(200) NOT NULL,
        type varchar(32) NOT NULL,
        parent_id uuid REFERENCES organizations(id),
        region_code char(6) REFERENCES regions(code),
        contact_name varchar(100),
        contact_phone varchar(50),
        contact_email varchar(200),
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE INDEX organizations_order ON organizations (name, id)');
    await db.query('CREATE INDEX organizations_parent ON organizations (parent_id)');
    await db.query('CREATE INDEX organizations_region ON organizations (region_code)');
    await db.query('CREATE INDEX organizations_type ON organizations (type, name, id)');
    await db.query('CREATE INDEX organizations_name_trgm ON organizations USING gin (name gin_trgm_ops)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE organizations');
    await db.query('DROP TABLE regions');
    await db.query('DROP TABLE hub_seed');
  }
}
