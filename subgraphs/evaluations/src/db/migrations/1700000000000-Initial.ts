import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Initial1700000000000 implements MigrationInterface {
  name = 'Initial1700000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`CREATE TABLE hub_seed (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())`);
    await db.query(`
      CREATE TABLE feedback (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        activity_id uuid NOT NULL,
        user_sub varchar(200) NOT NULL,
        rating smallint NOT NULL CHECK (rating BETWEEN 1 AND 5),
        comment varchar(1000),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (activity_id, user_sub)
      )`);
    // Per-activity totals, kept in the same transaction as every feedback write.
    await db.query(`
      CREATE TABLE activity_ratings (
        activity_id uuid PRIMARY KEY,
        feedback_count int NOT NULL CHECK (feedback_count >= 0),
        rating_sum int NOT NULL CHECK (rating_sum >= 0)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE activity_ratings');
    await db.query('DROP TABLE feedback');
    await db.query('DROP TABLE hub_seed');
  }
}
