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
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE registry_approved_hosts');
  }
}
