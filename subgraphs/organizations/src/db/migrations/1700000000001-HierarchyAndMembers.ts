import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Every organisation carries its path (ancestor ids, root first, itself last), so "everything
 * below X" is one indexed `path @> {X}`; memberships say which users act for which organisation.
 */
export class HierarchyAndMembers1700000000001 implements MigrationInterface {
  name = 'HierarchyAndMembers1700000000001';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE organizations ADD COLUMN path uuid[]');
    await db.query(`
      WITH RECURSIVE tree AS (
        SELECT id, ARRAY[id] AS path FROM organizations WHERE parent_id IS NULL
        UNION ALL
        SELECT o.id, tree.path || o.id FROM organizations o JOIN tree ON o.parent_id = tree.id
      )
      UPDATE organizations o SET path = tree.path FROM tree WHERE o.id = tree.id`);
    await db.query('ALTER TABLE organizations ALTER COLUMN path SET NOT NULL');
    await db.query('ALTER TABLE organizations ADD CONSTRAINT organizations_path_ends_with_self CHECK (path[array_length(path, 1)] = id)');
    await db.query('CREATE INDEX organizations_path ON organizations USING gin (path)');
    await db.query('CREATE UNIQUE INDEX organizations_unique_name ON organizations (name)');
    await db.query(`
      CREATE TABLE memberships (
        organization_id uuid NOT NULL REFERENCES organizations(id),
        user_sub varchar(200) NOT NULL,
        role varchar(16) NOT NULL CHECK (role IN ('organizer', 'supervisor')),
        created_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (organization_id, user_sub)
      )`);
    await db.query('CREATE INDEX memberships_user ON memberships (user_sub)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE memberships');
    await db.query('DROP INDEX organizations_unique_name');
    await db.query('ALTER TABLE organizations DROP COLUMN path');
  }
}
