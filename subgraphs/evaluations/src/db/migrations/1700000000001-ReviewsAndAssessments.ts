import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Section 五 of the notice after the activities: where each rating comes from (organiser path,
 * region, campaign, learned at write time so statistics by subtree and region stay local), work
 * summaries (工作总结), recommendations (推荐), the host's assessments on seven indicators (考核)
 * and commendations (表扬).
 */
export class ReviewsAndAssessments1700000000001 implements MigrationInterface {
  name = 'ReviewsAndAssessments1700000000001';

  async up(db: QueryRunner): Promise<void> {
    // Rows written before this migration know none of these; statistics leave them out.
    await db.query(`
      ALTER TABLE feedback
        ADD COLUMN organizer_path uuid[],
        ADD COLUMN region_code char(6),
        ADD COLUMN campaign_year int`);
    await db.query('CREATE INDEX feedback_organizer_path ON feedback USING gin (organizer_path)');
    await db.query('CREATE INDEX feedback_campaign_region ON feedback (campaign_year, region_code)');

    await db.query(`
      CREATE TABLE work_summaries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_year int NOT NULL,
        organization_id uuid NOT NULL,
        organization_path uuid[] NOT NULL,
        content text NOT NULL CHECK (char_length(content) BETWEEN 20 AND 20000),
        attachment_urls varchar(2048)[] NOT NULL DEFAULT '{}' CHECK (cardinality(attachment_urls) <= 10),
        submitted_by varchar(200),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT work_summaries_once UNIQUE (campaign_year, organization_id)
      )`);
    await db.query('CREATE INDEX work_summaries_path ON work_summaries USING gin (organization_path)');
    await db.query('CREATE INDEX work_summaries_order ON work_summaries (campaign_year, created_at, id)');

    await db.query(`
      CREATE TABLE recommendations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_year int NOT NULL,
        kind varchar(32) NOT NULL CHECK (kind IN ('EXCELLENT_ORGANIZATION', 'EXCELLENT_ACTIVITY')),
        target_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        organization_path uuid[] NOT NULL,
        region_code char(6),
        recommender_id uuid NOT NULL,
        reason varchar(1000),
        recommended_by varchar(200),
        created_at timestamptz NOT NULL DEFAULT now(),
        withdrawn_at timestamptz,
        withdrawn_by varchar(200)
      )`);
    // A unit or an activity is recommended once per campaign; a withdrawn recommendation frees it.
    await db.query(`CREATE UNIQUE INDEX recommendations_once ON recommendations (campaign_year, kind, target_id)
      WHERE withdrawn_at IS NULL`);
    await db.query('CREATE INDEX recommendations_organization ON recommendations (organization_id, campaign_year)');
    await db.query('CREATE INDEX recommendations_recommender ON recommendations (recommender_id, campaign_year)');
    await db.query('CREATE INDEX recommendations_path ON recommendations USING gin (organization_path)');

    const score = (column: string) => `${column} double precision NOT NULL CHECK (${column} BETWEEN 0 AND 100)`;
    const indicators = ['social_mobilization', 'joint_action_implementation', 'online_activities', 'publicity',
      'tech_volunteering', 'activity_information', 'public_evaluation'];
    await db.query(`
      CREATE TABLE assessments (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_year int NOT NULL,
        organization_id uuid NOT NULL,
        organization_path uuid[] NOT NULL,
        ${indicators.map(score).join(',\n        ')},
        total double precision GENERATED ALWAYS AS ((${indicators.join(' + ')}) / 7) STORED,
        remarks varchar(2000),
        assessed_by varchar(200),
        created_at timestamptz NOT NULL DEFAULT now(),
        assessed_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT assessments_once UNIQUE (campaign_year, organization_id)
      )`);
    await db.query('CREATE INDEX assessments_ranking ON assessments (campaign_year, total DESC, id)');

    await db.query(`
      CREATE TABLE commendations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        campaign_year int NOT NULL,
        kind varchar(16) NOT NULL CHECK (kind IN ('ORGANIZATION', 'ACTIVITY')),
        target_id uuid NOT NULL,
        organization_id uuid NOT NULL,
        region_code char(6),
        citation varchar(1000) NOT NULL,
        commended_by varchar(200),
        published_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT commendations_once UNIQUE (campaign_year, kind, target_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE commendations');
    await db.query('DROP TABLE assessments');
    await db.query('DROP TABLE recommendations');
    await db.query('DROP TABLE work_summaries');
    await db.query('DROP INDEX feedback_campaign_region');
    await db.query('DROP INDEX feedback_organizer_path');
    await db.query('ALTER TABLE feedback DROP COLUMN organizer_path, DROP COLUMN region_code, DROP COLUMN campaign_year');
  }
}
