import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createJournalSql } from '@kepuri/platform';

/**
 * Rollups applied in batches (see ARCHITECTURE.md, "Rollups applied in batches"). A service
 * record writes its row and a row in `service_records_unapplied`; the rollup applier folds the
 * queued records into volunteer_active, volunteer_stats, volunteer_daily and
 * activity_service_totals and deletes them, in one transaction. Volunteers and teams put what they
 * add to volunteer_stats into its journal. Every record already stored was counted when it was
 * written: the queues start empty.
 */
export class RollupQueues1700000000003 implements MigrationInterface {
  name = 'RollupQueues1700000000003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE service_records_unapplied (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        record_id uuid NOT NULL,
        recorded_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE INDEX service_records_unapplied_record ON service_records_unapplied (record_id)');
    for (const statement of createJournalSql('volunteer_stats', 'volunteer_stats_journal')) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE volunteer_stats_journal');
    await db.query('DROP TABLE service_records_unapplied');
  }
}
