import type { EntityManager } from 'typeorm';
import { emitEvent } from '@kepuri/platform';
import { sha256, type SubgraphInput } from './compose';

/** A subgraph version as the registry shows it. */
export interface SubgraphVersion {
  subgraph: string;
  version: number;
  url: string;
  sha256: string;
  publishedBy: string;
  publishedAt: string;
}

/** A subgraph version with what stays inside the registry: its row id and its SDL. */
export interface StoredVersion extends SubgraphVersion {
  id: string;
  sdl: string;
}

export interface ActiveSupergraph {
  id: number;
  sdl: string;
}

export type RegistryAction = 'check' | 'publish' | 'rollback' | 'delete' | 'token' | 'host' | 'client';

export interface AuditEntry {
  action: RegistryAction;
  subgraph: string | null;
  actor: string;
  outcome: string;
  status: number;
  details?: Record<string, unknown>;
}

export interface TokenGrant {
  id: string;
  subgraph: string;
  scopes: string[];
}

/** The NOTIFY channel (`hub_events_registry`) every gateway LISTENs on. */
export const REGISTRY_CHANNEL_SUBGRAPH = 'registry';
const SUPERGRAPH_CHANGED = 'supergraphChanged';
const HOSTS_CHANGED = 'approvedHostsChanged';
/** Serialises every change of the active supergraph across all gateways on this database. */
const REGISTRY_LOCK = 7_202_009_30;
const ACTIVE_SUPERGRAPH = 'SELECT s.id, s.sdl, s.members FROM registry_active a JOIN registry_supergraph_versions s ON s.id = a.supergraph_id';

interface VersionRow {
  id: string;
  subgraph: string;
  version: number;
  sdl: string;
  routing_url: string;
  sha256: string;
  published_by: string;
  published_at: Date;
}

const toStored = (row: VersionRow): StoredVersion => ({
  id: row.id,
  subgraph: row.subgraph,
  version: row.version,
  url: row.routing_url,
  sha256: row.sha256,
  publishedBy: row.published_by,
  publishedAt: new Date(row.published_at).toISOString(),
  sdl: row.sdl,
});

/** The version without its id and SDL, in the key order the HTTP answers have always had. */
export const publicVersion = (stored: StoredVersion): SubgraphVersion => ({
  subgraph: stored.subgraph,
  version: stored.version,
  url: stored.url,
  sha256: stored.sha256,
  publishedBy: stored.publishedBy,
  publishedAt: stored.publishedAt,
});

/**
 * The registry's tables in the gateway's database (migration `Registry`): subgraphs and their
 * versions, supergraph versions, the active pointer, publisher tokens and the audit log. Reads and
 * writes only; what may change is decided by the policy.
 */
export class RegistryStorage {
  constructor(private readonly db: EntityManager) {}

  /** Runs `work` in one transaction under the registry's advisory lock, on a storage bound to it. */
  lockedTransaction<T>(work: (storage: RegistryStorage) => Promise<T>): Promise<T> {
    return this.db.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [REGISTRY_LOCK]);
      return work(new RegistryStorage(manager));
    });
  }

  /** The supergraph in force, or null before anything was registered. */
  async active(): Promise<ActiveSupergraph | null> {
    const rows = await this.db.query(ACTIVE_SUPERGRAPH);
    return rows.length ? { id: Number(rows[0].id), sdl: rows[0].sdl } : null;
  }

  /** The supergraph in force and the subgraph versions it was composed from, by name. */
  async activeMembers(): Promise<{ supergraph: ActiveSupergraph | null; members: StoredVersion[] }> {
    const rows = await this.db.query(ACTIVE_SUPERGRAPH);
    if (rows.length === 0) return { supergraph: null, members: [] };
    const ids = Object.values(rows[0].members as Record<string, string>);
    const versions: VersionRow[] = await this.db.query('SELECT * FROM registry_subgraph_versions WHERE id = ANY($1::bigint[]) ORDER BY subgraph', [ids]);
    return { supergraph: { id: Number(rows[0].id), sdl: rows[0].sdl }, members: versions.map(toStored) };
  }

  async version(subgraph: string, version: number): Promise<StoredVersion | null> {
    const rows: VersionRow[] = await this.db.query('SELECT * FROM registry_subgraph_versions WHERE subgraph = $1 AND version = $2', [subgraph, version]);
    return rows.length ? toStored(rows[0]) : null;
  }

  /** Stores the next version of `input.name` (and the subgraph itself, the first time, owned by `by`). */
  async addVersion(input: SubgraphInput, by: string): Promise<StoredVersion> {
    await this.db.query('INSERT INTO registry_subgraphs (name, created_by) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [input.name, by]);
    const [row]: VersionRow[] = await this.db.query(
      `INSERT INTO registry_subgraph_versions (subgraph, version, sdl, routing_url, sha256, published_by)
       SELECT $1::varchar, COALESCE(MAX(version), 0) + 1, $2, $3, $4, $5 FROM registry_subgraph_versions WHERE subgraph = $1::varchar
       RETURNING *`,
      [input.name, input.sdl, input.url, sha256(input.sdl), by],
    );
    return toStored(row);
  }

  /** Stores a composed supergraph; `members` maps each subgraph name to its version's id. Returns its version. */
  async addSupergraph(supergraph: { sdl: string; members: Record<string, string>; reason: string; by: string }): Promise<number> {
    const [created] = await this.db.query(
      `INSERT INTO registry_supergraph_versions (sdl, sha256, members, reason, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
      [supergraph.sdl, sha256(supergraph.sdl), JSON.stringify(supergraph.members), supergraph.reason, supergraph.by],
    );
    return Number(created.id);
  }

  /** Moves the active pointer and tells every gateway; both take effect when the transaction commits. */
  async activate(supergraphVersion: number): Promise<void> {
    await this.db.query(
      `INSERT INTO registry_active (singleton, supergraph_id) VALUES (true, $1)
       ON CONFLICT (singleton) DO UPDATE SET supergraph_id = EXCLUDED.supergraph_id, updated_at = now()`,
      [supergraphVersion],
    );
    await emitEvent(this.db, REGISTRY_CHANNEL_SUBGRAPH, SUPERGRAPH_CHANGED, { supergraph: supergraphVersion });
  }

  /** The subgraphs in force: name, url, current version, published at, owner. */
  async list(): Promise<Array<{ name: string } & SubgraphVersion & { owner: string }>> {
    const { members } = await this.activeMembers();
    const owners: Array<{ name: string; created_by: string }> = await this.db.query('SELECT name, created_by FROM registry_subgraphs');
    return members.map((member) => ({
      name: member.subgraph,
      ...publicVersion(member),
      owner: owners.find((owner) => owner.name === member.subgraph)?.created_by ?? '',
    }));
  }

  /** Every stored version of `name`, newest first, with the one in force marked; null for an unknown name. */
  async versions(name: string): Promise<Array<SubgraphVersion & { active: boolean }> | null> {
    const rows: VersionRow[] = await this.db.query('SELECT * FROM registry_subgraph_versions WHERE subgraph = $1 ORDER BY version DESC', [name]);
    if (rows.length === 0) return null;
    const { members } = await this.activeMembers();
    const activeId = members.find((member) => member.subgraph === name)?.id;
    return rows.map((row) => ({ ...publicVersion(toStored(row)), active: row.id === activeId }));
  }

  /** The latest supergraph versions, newest first: why, who, when, whether in force, and their members (subgraph → version). */
  async supergraphHistory(limit = 100): Promise<Array<{ version: number; reason: string; createdBy: string; createdAt: string; active: boolean; members: Record<string, number> }>> {
    const rows: Array<{ id: string; reason: string; created_by: string; created_at: Date; active: boolean; members: Record<string, number> | null }> = await this.db.query(
      `SELECT s.id, s.reason, s.created_by, s.created_at, s.id = a.supergraph_id AS active,
              (SELECT jsonb_object_agg(v.subgraph, v.version) FROM registry_subgraph_versions v
                WHERE v.id IN (SELECT value::bigint FROM jsonb_each_text(s.members))) AS members
         FROM registry_supergraph_versions s LEFT JOIN registry_active a ON true ORDER BY s.id DESC LIMIT $1`,
      [limit],
    );
    return rows.map((row) => ({
      version: Number(row.id), reason: row.reason, createdBy: row.created_by, createdAt: new Date(row.created_at).toISOString(), active: Boolean(row.active), members: row.members ?? {},
    }));
  }

  /** The version of `subgraph` stored before `version`, or null for its first. */
  async previousVersion(subgraph: string, version: number): Promise<StoredVersion | null> {
    const rows: VersionRow[] = await this.db.query(
      'SELECT * FROM registry_subgraph_versions WHERE subgraph = $1 AND version < $2 ORDER BY version DESC LIMIT 1',
      [subgraph, version],
    );
    return rows.length ? toStored(rows[0]) : null;
  }

  async audit(entry: AuditEntry): Promise<void> {
    await this.db.query('INSERT INTO registry_audit (action, subgraph, actor, outcome, status, details) VALUES ($1, $2, $3, $4, $5, $6)', [
      entry.action,
      entry.subgraph,
      entry.actor,
      entry.outcome,
      entry.status,
      JSON.stringify(entry.details ?? {}),
    ]);
  }

  async auditLog(subgraph?: string, limit = 100): Promise<unknown[]> {
    return this.db.query(
      `SELECT id, at, action, subgraph, actor, outcome, status, details FROM registry_audit
        WHERE $1::text IS NULL OR subgraph = $1 ORDER BY id DESC LIMIT $2`,
      [subgraph ?? null, limit],
    );
  }

  /** Approves `host` as a routing target of `subgraph`; false when it already was. NOTIFYs every gateway. */
  async approveHost(subgraph: string, host: string, by: string): Promise<boolean> {
    const rows = await this.db.query(
      'INSERT INTO registry_approved_hosts (subgraph, host, approved_by) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING RETURNING host',
      [subgraph, host, by],
    );
    if (rows.length) await emitEvent(this.db, REGISTRY_CHANNEL_SUBGRAPH, HOSTS_CHANGED, { subgraph });
    return rows.length > 0;
  }

  /** Withdraws an approval; false when there was none. NOTIFYs every gateway. */
  async revokeHost(subgraph: string, host: string): Promise<boolean> {
    const [returned] = await this.db.query('DELETE FROM registry_approved_hosts WHERE subgraph = $1 AND host = $2 RETURNING host', [subgraph, host]);
    const revoked = ((returned as unknown[] | undefined)?.length ?? 0) > 0;
    if (revoked) await emitEvent(this.db, REGISTRY_CHANNEL_SUBGRAPH, HOSTS_CHANGED, { subgraph });
    return revoked;
  }

  /** Every approval: subgraph → approved hosts. */
  async approvedHosts(): Promise<Map<string, Set<string>>> {
    const rows: Array<{ subgraph: string; host: string }> = await this.db.query('SELECT subgraph, host FROM registry_approved_hosts');
    const approvals = new Map<string, Set<string>>();
    for (const { subgraph, host } of rows) approvals.set(subgraph, (approvals.get(subgraph) ?? new Set()).add(host));
    return approvals;
  }

  /** Stores a publisher token by its sha256 (the token itself is never stored). Returns its id. */
  async addToken(token: { subgraph: string; sha256: string; scopes: string[]; label: string; by: string }): Promise<string> {
    const [row] = await this.db.query(
      'INSERT INTO registry_publisher_tokens (subgraph, token_sha256, scopes, label, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [token.subgraph, token.sha256, token.scopes, token.label, token.by],
    );
    return row.id;
  }

  /** Whether an active token with this id was revoked now. */
  async revokeToken(id: string): Promise<boolean> {
    // For an UPDATE, TypeORM's postgres driver answers [returned rows, affected count].
    const [returned] = await this.db.query(
      'UPDATE registry_publisher_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING subgraph',
      [id],
    );
    return ((returned as unknown[] | undefined)?.length ?? 0) > 0;
  }

  /** The grant of an active token with this sha256, or null when unknown or revoked. */
  async activeToken(tokenSha256: string): Promise<TokenGrant | null> {
    const rows = await this.db.query('SELECT id, subgraph, scopes FROM registry_publisher_tokens WHERE token_sha256 = $1 AND revoked_at IS NULL', [
      tokenSha256,
    ]);
    return rows[0] ?? null;
  }
}
