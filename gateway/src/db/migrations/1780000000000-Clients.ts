import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The registry knows its clients: registered client versions and their operations (trusted
 * documents, with the schema coordinates each one uses), and the usage the gateways record, per day,
 * client, client version, operation and document — what usage-aware checks judge changes against.
 */
export class Clients1780000000000 implements MigrationInterface {
  name = 'Clients1780000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE registry_clients (
        name varchar(64) PRIMARY KEY CHECK (name ~ '^[a-z][a-z0-9._-]{1,63}$'),
        created_by text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query(`
      CREATE TABLE registry_client_versions (
        id bigserial PRIMARY KEY,
        client varchar(64) NOT NULL REFERENCES registry_clients(name),
        version varchar(64) NOT NULL,
        manifest_sha256 char(64) NOT NULL,
        published_by text NOT NULL,
        published_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (client, version)
      )`);
    await db.query(`
      CREATE TABLE registry_client_operations (
        version_id bigint NOT NULL REFERENCES registry_client_versions(id),
        document_id char(64) NOT NULL,
        name text NOT NULL,
        type varchar(16) NOT NULL,
        body text NOT NULL,
        coordinates text[] NOT NULL,
        PRIMARY KEY (version_id, document_id)
      )`);
    await db.query('CREATE INDEX registry_client_operations_document ON registry_client_operations (document_id)');
    await db.query('CREATE INDEX registry_client_operations_coordinates ON registry_client_operations USING gin (coordinates)');
    // One row per day and (client, version, operation, document): the gateways add their counts in batches.
    await db.query(`
      CREATE TABLE registry_usage_daily (
        day date NOT NULL,
        client_name varchar(64) NOT NULL,
        client_version varchar(64) NOT NULL,
        operation_name varchar(256) NOT NULL,
        document_hash char(64) NOT NULL,
        coordinates text[] NOT NULL,
        requests bigint NOT NULL,
        last_seen timestamptz NOT NULL,
        PRIMARY KEY (day, client_name, client_version, operation_name, document_hash)
      )`);
    await db.query('CREATE INDEX registry_usage_daily_coordinates ON registry_usage_daily USING gin (coordinates)');
    await db.query('ALTER TABLE registry_audit DROP CONSTRAINT registry_audit_action_check');
    await db.query(`ALTER TABLE registry_audit ADD CONSTRAINT registry_audit_action_check CHECK (action IN ('check', 'publish', 'rollback', 'delete', 'token', 'host', 'client'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM registry_audit WHERE action = 'client'`);
    await db.query('ALTER TABLE registry_audit DROP CONSTRAINT registry_audit_action_check');
    await db.query(`ALTER TABLE registry_audit ADD CONSTRAINT registry_audit_action_check CHECK (action IN ('check', 'publish', 'rollback', 'delete', 'token', 'host'))`);
    for (const table of ['registry_usage_daily', 'registry_client_operations', 'registry_client_versions', 'registry_clients']) await db.query(`DROP TABLE ${table}`);
  }
}
