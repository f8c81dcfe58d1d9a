import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hosts an admin approved as routing targets of one subgraph: the gateway sends a published
 * subgraph nothing unless its routing URL's host is approved for it.
 */
export class ApprovedHosts1760000000000 implements MigrationInterface {
  name = 'ApprovedHosts1760000000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE registry_approved_hosts (
        subgraph varchar(64) NOT NULL CHECK (subgraph ~ '^[a-z][a-z0-9-]{1,63}$'),
        host varchar(262) NOT NULL CHECK (host = lower(host)),
        approved_by text NOT NULL,
        approved_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (subgraph, host)
      )`);
    // Approvals and withdrawals are audited like every other change.
    await db.query('ALTER TABLE registry_audit DROP CONSTRAINT registry_audit_action_check');
    await db.query(`ALTER TABLE registry_audit ADD CONSTRAINT registry_audit_action_check CHECK (action IN ('check', 'publish', 'rollback', 'delete', 'token', 'host'))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`DELETE FROM registry_audit WHERE action = 'host'`);
    await db.query('ALTER TABLE registry_audit DROP CONSTRAINT registry_audit_action_check');
    await db.query(`ALTER TABLE registry_audit ADD CONSTRAINT registry_audit_action_check CHECK (action IN ('check', 'publish', 'rollback', 'delete', 'token'))`);
    await db.query('DROP TABLE registry_approved_hosts');
  }
}
