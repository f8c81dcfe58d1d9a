import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The subgraph registry: every published version of every subgraph, every composed supergraph, the
 * pointer to the one in force, publisher tokens (sha256 only) and the audit log.
 */
export class Registry1730000000000 implements MigrationInterface {
  name = 'Registry1730000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE registry_subgraphs (
        name varchar(64) PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9-]{1,63}$'),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE registry_subgraph_versions (
        id bigserial PRIMARY KEY,
        subgraph varchar(64) NOT NULL REFERENCES registry_subgraphs(name),
        version int NOT NULL CHECK (version > 0),
        sdl text NOT NULL,
        routing_url text NOT NULL,
        sha256 char(64) NOT NULL,
        published_by text NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (subgraph, version)
      )`);
    // members: subgraph name -> registry_subgraph_versions.id of each subgraph in this composition.
    await db.query(`
      CREATE TABLE registry_supergraph_versions (
        id bigserial PRIMARY KEY,
        sdl text NOT NULL,
        sha256 char(64) NOT NULL,
        members jsonb NOT NULL,
        reason text NOT NULL,
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    // One row: the supergraph every gateway serves.
    await db.query(`
      CREATE TABLE registry_active (
        singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
        supergraph_id bigint NOT NULL REFERENCES registry_supergraph_versions(id),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE registry_publisher_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        subgraph varchar(64) NOT NULL,
        token_sha256 char(64) NOT NULL UNIQUE,
        scopes text[] NOT NULL CHECK (scopes <@ ARRAY['publish', 'force']::text[]),
        label text NOT NULL DEFAULT '',
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        revoked_at timestamptz
      )`);
    await db.query(`
      CREATE TABLE registry_audit (
        id bigserial PRIMARY KEY,
        at timestamptz NOT NULL DEFAULT now(),
        action varchar(16) NOT NULL CHECK (action IN ('check', 'publish', 'rollback', 'delete', 'token')),
        subgraph varchar(64),
        actor text NOT NULL,
        outcome varchar(24) NOT NULL,
        status int NOT NULL,
        details jsonb NOT NULL DEFAULT '{}'
      )`);
    await db.query('CREATE INDEX registry_audit_subgraph_at ON registry_audit (subgraph, at)');
  }

  async down(db: QueryRunner): Promise<void> {
    for (const table of ['registry_audit', 'registry_publisher_tokens', 'registry_active', 'registry_supergraph_versions', 'registry_subgraph_versions', 'registry_subgraphs']) {
      await db.query(`DROP TABLE ${table}`);
    }
  }
}
