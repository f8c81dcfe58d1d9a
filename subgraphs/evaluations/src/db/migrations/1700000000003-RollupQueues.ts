import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createJournalSql } from '@kepuri/platform';

/**
 * Rollups applied in batches (see ARCHITECTURE.md, "Rollups applied in batches"). A rating
 * writes the user's own feedback row and one row in `feedback_unapplied`: what it counts now and,
 * for an edit, what it counted before; the rollup applier folds those into activity_ratings,
 * evaluation_stats and evaluation_daily and deletes them, in one transaction. Recommendations and
 * commendations put what they add to evaluation_stats into its journal. Every rating already
 * stored was counted when it was written: the queues start empty.
 */
export class RollupQueues1700000000003 implements MigrationInterface {
  name = 'RollupQueues1700000000003';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE feedback_unapplied (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        recorded_at timestamptz NOT NULL DEFAULT now(),
        feedback_id uuid NOT NULL,
        activity_id uuid NOT NULL,
        day date NOT NULL,
        written_at timestamptz NOT NULL,
        rating smallint NOT NULL,
        campaign_year int,
        region_code char(6),
        organizer_path uuid[],
        old_rating smallint,
        old_campaign_year int,
        old_region_code char(6),
        old_organizer_path uuid[]
      )`);
    for (const statement of createJournalSql('evaluation_stats', 'evaluation_stats_journal')) await db.query(statement);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE evaluation_stats_journal');
    await db.query('DROP TABLE feedback_unapplied');
  }
}
