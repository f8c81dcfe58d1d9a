import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createJournalSql } from '@kepuri/platform';

/**
 * Rollups applied in batches (see ARCHITECTURE.md, "Rollups applied in batches"). A check-in
 * writes its row and a row in `check_ins_unapplied`, nothing shared; the rollup applier folds the
 * queued check-ins into the activities' counts, activity_stats and activity_daily and deletes
 * them, in one transaction. The other writes of activities (register, update, complete, withdraw)
 * put what they add to the rollups into the journals, folded by the same applier. Every check-in
 * already stored was counted when it was written: the queue starts empty.
 *
 * Each activity's count moves to a narrow table of its own, `activity_check_in_counts` (with what
 * the top lists filter on), read by Activity.checkInCount: the applier updates one row per
 * activity per batch, and a row of `activities` (a dozen indexes, trigram and bigram GIN indexes
 * among them) costs ten times as much to update as one of these.
 *
 * The foreign key from check_ins to activities goes: its check takes a KEY SHARE lock on the
 * activity's row for every check-in (the last row lock of the write, shared by every check-in of a
 * popular activity) and costs a fifth of the insert's database time. Activities are never deleted
 * (a withdrawal changes their status), and a check-in is inserted only for the activity its own
 * request has just read.
 */
export class RollupQueues1700000000004 implements MigrationInterface {
  name = 'RollupQueues1700000000004';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE check_ins DROP CONSTRAINT check_ins_activity_id_fkey');
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
    // `counted`: REGISTERED or COMPLETED, the activities the top lists rank.
    await db.query(`
      CREATE TABLE activity_check_in_counts (
        activity_id uuid PRIMARY KEY,
        campaign_year int NOT NULL,
        province_code char(6) NOT NULL,
        counted boolean NOT NULL,
        check_in_count int NOT NULL DEFAULT 0 CHECK (check_in_count >= 0)
      )`);
    await db.query(`
      INSERT INTO activity_check_in_counts (activity_id, campaign_year, province_code, counted, check_in_count)
      SELECT id, campaign_year, province_code, status IN ('REGISTERED', 'COMPLETED'), check_in_count FROM activities`);
    await db.query('DROP INDEX activities_top_check_ins_province');
    await db.query('DROP INDEX activities_top_check_ins');
    await db.query('ALTER TABLE activities DROP COLUMN check_in_count');
    await db.query(`CREATE INDEX activity_check_in_counts_top ON activity_check_in_counts (campaign_year, check_in_count DESC, activity_id)
      WHERE counted`);
    await db.query(`CREATE INDEX activity_check_in_counts_top_province ON activity_check_in_counts (campaign_year, province_code, check_in_count DESC, activity_id)
      WHERE counted`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE activities ADD COLUMN check_in_count int NOT NULL DEFAULT 0 CHECK (check_in_count >= 0)');
    await db.query('UPDATE activities a SET check_in_count = c.check_in_count FROM activity_check_in_counts c WHERE c.activity_id = a.id');
    await db.query(`CREATE INDEX activities_top_check_ins ON activities (campaign_year, check_in_count DESC, id)
      WHERE status IN ('REGISTERED', 'COMPLETED')`);
    await db.query(`CREATE INDEX activities_top_check_ins_province ON activities (campaign_year, province_code, check_in_count DESC, id)
      WHERE status IN ('REGISTERED', 'COMPLETED')`);
    await db.query('DROP TABLE activity_check_in_counts');
    await db.query('DROP TABLE activity_daily_journal');
    await db.query('DROP TABLE activity_stats_journal');
    await db.query('DROP TABLE check_ins_unapplied');
    await db.query('ALTER TABLE check_ins ADD CONSTRAINT check_ins_activity_id_fkey FOREIGN KEY (activity_id) REFERENCES activities(id)');
  }
}
