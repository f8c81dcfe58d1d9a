import type { MigrationInterface, QueryRunner } from 'typeorm';
import { recountEvaluationStats } from '../../stats/evaluation-stats.recount';

/**
 * Dashboard rollups of the evaluations data, kept in the same transaction as every write that
 * changes them (never recomputed from raw rows per request). Scopes as in the activities
 * subgraph: 'N' national, 'R:<code>' a region with everything in it, 'O:<id>' an organisation
 * itself, 'T:<id>' an organisation and everything below it (see evaluation-stats.rows.ts for what
 * each record counts in).
 */
export class EvaluationStats1700000000002 implements MigrationInterface {
  name = 'EvaluationStats1700000000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE evaluation_stats (
        campaign_year int NOT NULL,
        scope varchar(40) NOT NULL,
        feedback_count int NOT NULL DEFAULT 0,
        rating_sum bigint NOT NULL DEFAULT 0,
        rating_1 int NOT NULL DEFAULT 0,
        rating_2 int NOT NULL DEFAULT 0,
        rating_3 int NOT NULL DEFAULT 0,
        rating_4 int NOT NULL DEFAULT 0,
        rating_5 int NOT NULL DEFAULT 0,
        recommended_organizations int NOT NULL DEFAULT 0,
        recommended_activities int NOT NULL DEFAULT 0,
        commended_organizations int NOT NULL DEFAULT 0,
        commended_activities int NOT NULL DEFAULT 0,
        PRIMARY KEY (scope, campaign_year)
      )`);
    // Feedback given per day (China time, the day it was first given), nationally and by region.
    await db.query(`
      CREATE TABLE evaluation_daily (
        campaign_year int NOT NULL,
        scope varchar(40) NOT NULL,
        day date NOT NULL,
        feedback_count int NOT NULL DEFAULT 0,
        rating_sum bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (scope, campaign_year, day)
      )`);
    // The campaign and region of the rated activity as of its latest feedback, for the top-rated lists.
    await db.query(`
      ALTER TABLE activity_ratings
        ADD COLUMN campaign_year int,
        ADD COLUMN region_code char(6),
        ADD COLUMN province_code char(6)`);
    // Top-rated lists walk these in order (mean rating, then count) and stop after `first` rows.
    await db.query(`CREATE INDEX activity_ratings_top ON activity_ratings
      (campaign_year, (rating_sum::numeric / feedback_count) DESC, feedback_count DESC, activity_id) WHERE feedback_count > 0`);
    await db.query(`CREATE INDEX activity_ratings_top_province ON activity_ratings
      (campaign_year, province_code, (rating_sum::numeric / feedback_count) DESC, feedback_count DESC, activity_id) WHERE feedback_count > 0`);
    // Commendations learn the commended unit's (or the organiser's) path at write time, like
    // recommendations; older rows take it from what this database already knows of the unit.
    await db.query('ALTER TABLE commendations ADD COLUMN organization_path uuid[]');
    await db.query(`
      UPDATE commendations c SET organization_path = known.path
        FROM (SELECT DISTINCT ON (organization_id) organization_id, path FROM (
                SELECT organization_id, organization_path AS path FROM recommendations
                UNION ALL SELECT organization_id, organization_path FROM work_summaries
                UNION ALL SELECT organization_id, organization_path FROM assessments) o
              ORDER BY organization_id) known
       WHERE known.organization_id = c.organization_id`);
    // Rows already there (a database that ran earlier versions): the rollups from scratch.
    // The recount as of this migration; should it ever read columns added later, freeze a copy here.
    await recountEvaluationStats(db);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE commendations DROP COLUMN organization_path');
    await db.query('DROP INDEX activity_ratings_top_province');
    await db.query('DROP INDEX activity_ratings_top');
    await db.query('ALTER TABLE activity_ratings DROP COLUMN campaign_year, DROP COLUMN region_code, DROP COLUMN province_code');
    await db.query('DROP TABLE evaluation_daily');
    await db.query('DROP TABLE evaluation_stats');
  }
}
