import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Dashboard rollups, kept in the same transaction as every write that changes them (never
 * recomputed from raw rows per request). A scope is 'N' (national), 'R:<code>' (a region with
 * everything in it), 'O:<id>' (an organiser's own activities) or 'T:<id>' (an organiser and
 * everything below it). Only registered and completed activities count.
 */
export class Stats1700000000002 implements MigrationInterface {
  name = 'Stats1700000000002';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE activity_stats (
        campaign_year int NOT NULL,
        scope varchar(40) NOT NULL,
        dimension varchar(16) NOT NULL,
        key varchar(48) NOT NULL,
        activities int NOT NULL DEFAULT 0,
        expected_participants bigint NOT NULL DEFAULT 0,
        actual_participants bigint NOT NULL DEFAULT 0,
        participants bigint NOT NULL DEFAULT 0,
        check_ins bigint NOT NULL DEFAULT 0,
        online_views bigint NOT NULL DEFAULT 0,
        PRIMARY KEY (scope, campaign_year, dimension, key)
      )`);
    await db.query(`
      CREATE TABLE activity_daily (
        campaign_year int NOT NULL,
        scope varchar(40) NOT NULL,
        day date NOT NULL,
        running int NOT NULL DEFAULT 0,
        check_ins int NOT NULL DEFAULT 0,
        PRIMARY KEY (scope, campaign_year, day)
      )`);
    // Top-N lists read the maintained per-activity counter through these.
    await db.query(`CREATE INDEX activities_top_check_ins ON activities (campaign_year, check_in_count DESC, id)
      WHERE status IN ('REGISTERED', 'COMPLETED')`);
    await db.query(`CREATE INDEX activities_top_check_ins_province ON activities (campaign_year, province_code, check_in_count DESC, id)
      WHERE status IN ('REGISTERED', 'COMPLETED')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX activities_top_check_ins_province');
    await db.query('DROP INDEX activities_top_check_ins');
    await db.query('DROP TABLE activity_daily');
    await db.query('DROP TABLE activity_stats');
  }
}
