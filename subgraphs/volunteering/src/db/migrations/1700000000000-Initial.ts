import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1700000000000 implements MigrationInterface {
  name = 'Initial1700000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE hub_seed (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    await db.query(`
      CREATE TABLE volunteers (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(100) NOT NULL,
        region_code char(6) NOT NULL,
        organization_id uuid,
        skills varchar(50)[] NOT NULL DEFAULT '{}',
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE INDEX volunteers_region ON volunteers (region_code)');
    await db.query('CREATE INDEX volunteers_organization ON volunteers (organization_id)');
    await db.query(`
      CREATE TABLE service_records (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        volunteer_id uuid NOT NULL REFERENCES volunteers(id),
        activity_id uuid NOT NULL,
        service_date date NOT NULL,
        hours numeric(4,1) NOT NULL CHECK (hours > 0 AND hours <= 24),
        service_type varchar(32) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE INDEX service_records_activity ON service_records (activity_id)');
    await db.query('CREATE INDEX service_records_volunteer ON service_records (volunteer_id, service_date)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE service_records');
    await db.query('DROP TABLE volunteers');
    await db.query('DROP TABLE hub_seed');
  }
}
