import type { EntityManager } from 'typeorm';
import { emitEvent } from '@kepuri/platform';
import { REGISTRY_CHANNEL_SUBGRAPH } from './storage';

/** One operation of a client version's manifest, with the schema coordinates it uses. */
export interface ClientOperation {
  id: string;
  name: string;
  type: string;
  body: string;
  coordinates: string[];
}

export interface ClientVersionSummary {
  client: string;
  version: string;
  manifestSha256: string;
  publishedBy: string;
  publishedAt: string;
  operations: number;
}

/** Requests of one (client, version, operation, document) over the usage window. */
export interface UsageRow {
  clientName: string;
  clientVersion: string;
  operationName: string;
  documentHash: string;
  coordinates: string[];
  requests: number;
}

/** An operation of an active client version, or one seen in usage, that uses some coordinates. */
export interface CoordinateUser {
  client: string;
  version: string;
  operation: string;
  coordinates: string[];
  /** Requests within the window; 0 for a registered document no one sent lately. */
  requests: number;
  registered: boolean;
}

const CLIENTS_CHANGED = 'clientsChanged';
const TODAY = `(now() AT TIME ZONE 'UTC')::date`;

/**
 * Versions whose documents count in checks: the latest version of each client, and every version
 * that sent a request within the window (docs/ARCHITECTURE.md, "Usage-aware checks").
 */
const ACTIVE_VERSIONS = `
  (SELECT id FROM (SELECT DISTINCT ON (client) id FROM registry_client_versions ORDER BY client, id DESC) latest)
  UNION
  (SELECT v.id FROM registry_client_versions v JOIN registry_usage_daily u ON u.client_name = v.client AND u.client_version = v.version
    WHERE u.day > ${TODAY} - $2::int)`;

/**
 * The clients' tables (migration `Clients`): registered client versions and their operations, and
 * the daily usage buckets the gateways flush. Reads and writes only; the rules are policy.ts's.
 */
export class ClientStorage {
  constructor(private readonly db: EntityManager) {}

  /** The document ids of a stored version, or null when there is none. */
  async versionDocuments(client: string, version: string): Promise<{ manifestSha256: string; ids: string[] } | null> {
    const rows: Array<{ manifest_sha256: string; document_id: string | null }> = await this.db.query(
      `SELECT v.manifest_sha256, o.document_id FROM registry_client_versions v LEFT JOIN registry_client_operations o ON o.version_id = v.id
        WHERE v.client = $1 AND v.version = $2`,
      [client, version],
    );
    if (rows.length === 0) return null;
    return { manifestSha256: rows[0].manifest_sha256, ids: rows.flatMap((row) => (row.document_id ? [row.document_id] : [])) };
  }

  /** Stores a client version and its operations in one transaction, and tells every gateway (their document stores). */
  async addVersion(input: { client: string; version: string; manifestSha256: string; operations: ClientOperation[]; by: string }): Promise<ClientVersionSummary> {
    return this.db.transaction(async (db) => {
      await db.query('INSERT INTO registry_clients (name, created_by) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [input.client, input.by]);
      const [row] = await db.query(
        'INSERT INTO registry_client_versions (client, version, manifest_sha256, published_by) VALUES ($1, $2, $3, $4) RETURNING id, published_at',
        [input.client, input.version, input.manifestSha256, input.by],
      );
      if (input.operations.length) {
        await db.query(
          `INSERT INTO registry_client_operations (version_id, document_id, name, type, body, coordinates)
           SELECT $1, id, name, type, body, string_to_array(coordinates, ' ')
             FROM unnest($2::text[], $3::text[], $4::text[], $5::text[], $6::text[]) AS t(id, name, type, body, coordinates)`,
          [
            row.id,
            input.operations.map((operation) => operation.id),
            input.operations.map((operation) => operation.name),
            input.operations.map((operation) => operation.type),
            input.operations.map((operation) => operation.body),
            input.operations.map((operation) => operation.coordinates.join(' ')),
          ],
        );
      }
      await emitEvent(db, REGISTRY_CHANNEL_SUBGRAPH, CLIENTS_CHANGED, { client: input.client });
      return {
        client: input.client, version: input.version, manifestSha256: input.manifestSha256, publishedBy: input.by,
        publishedAt: new Date(row.published_at).toISOString(), operations: input.operations.length,
      };
    });
  }

  /** Every client with its versions (newest first). */
  async clients(): Promise<Array<{ name: string; createdBy: string; versions: ClientVersionSummary[] }>> {
    const clients: Array<{ name: string; created_by: string }> = await this.db.query('SELECT name, created_by FROM registry_clients ORDER BY name');
    const versions = await this.versionSummaries(null);
    return clients.map((client) => ({ name: client.name, createdBy: client.created_by, versions: versions.filter((version) => version.client === client.name) }));
  }

  /** Versions of one client (or of all), newest first. */
  async versionSummaries(client: string | null): Promise<ClientVersionSummary[]> {
    const rows: Array<{ client: string; version: string; manifest_sha256: string; published_by: string; published_at: Date; operations: string }> = await this.db.query(
      `SELECT v.client, v.version, v.manifest_sha256, v.published_by, v.published_at, count(o.document_id) AS operations
         FROM registry_client_versions v LEFT JOIN registry_client_operations o ON o.version_id = v.id
        WHERE $1::text IS NULL OR v.client = $1 GROUP BY v.id ORDER BY v.client, v.id DESC`,
      [client],
    );
    return rows.map((row) => ({
      client: row.client, version: row.version, manifestSha256: row.manifest_sha256, publishedBy: row.published_by,
      publishedAt: new Date(row.published_at).toISOString(), operations: Number(row.operations),
    }));
  }

  /** The operations of one version, or null when there is no such version. */
  async operations(client: string, version: string): Promise<ClientOperation[] | null> {
    if (!(await this.versionDocuments(client, version))) return null;
    const rows: Array<{ document_id: string; name: string; type: string; body: string; coordinates: string[] }> = await this.db.query(
      `SELECT o.document_id, o.name, o.type, o.body, o.coordinates FROM registry_client_operations o
         JOIN registry_client_versions v ON v.id = o.version_id WHERE v.client = $1 AND v.version = $2 ORDER BY o.name`,
      [client, version],
    );
    return rows.map((row) => ({ id: row.document_id, name: row.name, type: row.type, body: row.body, coordinates: row.coordinates }));
  }

  /** Changes whenever a version is added: the latest version's id. */
  async latestVersionId(): Promise<string | null> {
    const [row] = await this.db.query('SELECT max(id)::text AS id FROM registry_client_versions');
    return row?.id ?? null;
  }

  /** Every registered document (id → body), of every version: the trusted documents the gateway executes by id. */
  async documents(): Promise<Map<string, string>> {
    const rows: Array<{ document_id: string; body: string }> = await this.db.query('SELECT DISTINCT ON (document_id) document_id, body FROM registry_client_operations');
    return new Map(rows.map((row) => [row.document_id, row.body]));
  }

  /**
   * Adds a batch of counts to today's buckets in one multi-row upsert, and deletes the buckets older
   * than `retentionDays` (the same statement's transaction).
   */
  async recordUsage(rows: UsageRow[], retentionDays: number): Promise<void> {
    await this.db.transaction(async (db) => {
      if (rows.length) {
        await db.query(
          `INSERT INTO registry_usage_daily (day, client_name, client_version, operation_name, document_hash, coordinates, requests, last_seen)
           SELECT ${TODAY}, c, v, o, h, string_to_array(k, ' '), r, now()
             FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::text[], $6::bigint[]) AS t(c, v, o, h, k, r)
           ON CONFLICT (day, client_name, client_version, operation_name, document_hash)
           DO UPDATE SET requests = registry_usage_daily.requests + EXCLUDED.requests, last_seen = EXCLUDED.last_seen, coordinates = EXCLUDED.coordinates`,
          [
            rows.map((row) => row.clientName),
            rows.map((row) => row.clientVersion),
            rows.map((row) => row.operationName),
            rows.map((row) => row.documentHash),
            rows.map((row) => row.coordinates.join(' ')),
            rows.map((row) => row.requests),
          ],
        );
      }
      await db.query(`DELETE FROM registry_usage_daily WHERE day <= ${TODAY} - $1::int`, [retentionDays]);
    });
  }

  /**
   * Who uses any of `coordinates`: operations of active client versions (registered documents) and
   * operations seen in usage within the last `days` days, one row per client, version and operation.
   */
  async usersOf(coordinates: string[], days: number): Promise<CoordinateUser[]> {
    if (coordinates.length === 0) return [];
    const registered: Array<{ client: string; version: string; name: string; coordinates: string[] }> = await this.db.query(
      `SELECT v.client, v.version, o.name, o.coordinates FROM registry_client_operations o JOIN registry_client_versions v ON v.id = o.version_id
        WHERE o.version_id IN (${ACTIVE_VERSIONS}) AND o.coordinates && $1::text[]`,
      [coordinates, days],
    );
    const used: Array<{ client_name: string; client_version: string; operation_name: string; coordinates: string[]; requests: string }> = await this.db.query(
      `SELECT client_name, client_version, operation_name, coordinates, sum(requests) AS requests FROM registry_usage_daily
        WHERE day > ${TODAY} - $2::int AND coordinates && $1::text[]
        GROUP BY client_name, client_version, operation_name, coordinates`,
      [coordinates, days],
    );
    return [
      ...registered.map((row) => ({ client: row.client, version: row.version, operation: row.name, coordinates: row.coordinates, requests: 0, registered: true })),
      ...used.map((row) => ({
        client: row.client_name, version: row.client_version, operation: row.operation_name, coordinates: row.coordinates, requests: Number(row.requests), registered: false,
      })),
    ];
  }
}
