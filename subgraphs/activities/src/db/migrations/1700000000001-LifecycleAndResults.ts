import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the notice asks of an activity after registration (results, media, news links), its
 * lifecycle timestamps, and the organiser's path in the hierarchy (learned from the organizations
 * subgraph at write time) so that supervisors' rights and "everything below X" filters are local.
 */
export class LifecycleAndResults1700000000001 implements MigrationInterface {
  name = 'LifecycleAndResults1700000000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE activities
        ADD COLUMN organizer_path uuid[],
        ADD COLUMN actual_participants int CHECK (actual_participants >= 0),
        ADD COLUMN online_views int CHECK (online_views >= 0),
        ADD COLUMN image_urls varchar(2048)[] NOT NULL DEFAULT '{}',
        ADD COLUMN video_urls varchar(2048)[] NOT NULL DEFAULT '{}',
        ADD COLUMN news_links varchar(2048)[] NOT NULL DEFAULT '{}',
        ADD COLUMN registered_at timestamptz,
        ADD COLUMN info_completed_at timestamptz,
        ADD COLUMN withdrawn_at timestamptz,
        ADD COLUMN withdraw_reason varchar(500),
        ADD COLUMN created_by varchar(200)`);
    // Rows written before paths were stored know only their organiser.
    await db.query('UPDATE activities SET organizer_path = ARRAY[organizer_id] WHERE organizer_path IS NULL');
    await db.query('ALTER TABLE activities ALTER COLUMN organizer_path SET NOT NULL');
    await db.query(`ALTER TABLE activities ADD CONSTRAINT activities_status CHECK (status IN ('DRAFT', 'REGISTERED', 'COMPLETED', 'WITHDRAWN'))`);
    await db.query('CREATE INDEX activities_organizer_path ON activities USING gin (organizer_path)');
    await db.query('CREATE INDEX activities_content_areas ON activities USING gin (content_areas)');
    await db.query('CREATE INDEX activities_campaign_category ON activities (campaign_year, category, joint_action)');
    // One provincial main venue per province and one cloud launch per campaign (withdrawn ones aside).
    await db.query(`CREATE UNIQUE INDEX activities_one_main_venue ON activities (campaign_year, province_code)
      WHERE category = 'PROVINCIAL_MAIN_VENUE' AND status <> 'WITHDRAWN'`);
    await db.query(`CREATE UNIQUE INDEX activities_one_cloud_launch ON activities (campaign_year)
      WHERE category = 'CLOUD_LAUNCH' AND status <> 'WITHDRAWN'`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP INDEX activities_one_cloud_launch');
    await db.query('DROP INDEX activities_one_main_venue');
    await db.query('DROP INDEX activities_campaign_category');
    await db.query('DROP INDEX activities_content_areas');
    await db.query('DROP INDEX activities_organizer_path');
    await db.query('ALTER TABLE activities DROP CONSTRAINT activities_status');
    await db.query(`ALTER TABLE activities DROP COLUMN organizer_path, DROP COLUMN actual_participants, DROP COLUMN online_views,
      DROP COLUMN image_urls, DROP COLUMN video_urls, DROP COLUMN news_links, DROP COLUMN registered_at,
      DROP COLUMN info_completed_at, DROP COLUMN withdrawn_at, DROP COLUMN withdraw_reason, DROP COLUMN created_by`);
  }
}
