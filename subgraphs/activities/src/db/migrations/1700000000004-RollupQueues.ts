import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createJournalSql } from '@kepuri/platform';

/**
 * Rollups applied in batches (see ARCHITECTURE.md, "Rollups applied in batches"). A check-in
 * writes its row and a row in `check_ins_unapplied`, nothing shared; the rollup applier folds the
 * queued check-ins into activities.check_in_count, activity_stats and activity_daily and deletes
 * them, in one transaction. The other writes of activities (register, update, complete, withdraw)
 * put what they add to the rollups into the journals, folded by the same applier. Every check-in
 * already stored was counted when it was written: the queue starts empty.
 */
export class RollupQueues1700000000004 implements MigrationInterface {
  name = 'RollupQueues1700000000004';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE check_ins_unapplied (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        check_in_id uuid NOT NULL,
        activity_id uuid NOT NULL,
        day date NOT NULL,
        recorded_at timestamptz NOT NULL
      )`);
    for (const statement of [...createJournalSql('activity_stats', 'activity_stats_journal'), ...createJournalSql('activity_daily', 'activity_daily_journal')]) {
      await db.query(statement);
    }
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE activity_daily_journal');
    await db.query('DROP TABLE activity_stats_journal');
    await db.query('DROP TABLE check_ins_unapplied');
  }
}
