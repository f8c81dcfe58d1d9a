import { randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import { emitEvent } from '@kepuri/platform';
import { adminOnlyParts, compose, diffApiSchemas, sha256, type SchemaChange, type SubgraphInput } from './compose';

/** Who acts on the registry, as the HTTP layer verified it. */
export interface Actor {
  /** For the audit log: `admin:<sub>`, `publisher:<subgraph>` (JWT), `token:<id>` (opaque token), `system:core`. */
  label: string;
  admin: boolean;
  /** The one subgraph a publisher may change; null for admins and the system. */
  subgraph: string | null;
  /** May publish breaking changes with `force`. */
  canForce: boolean;
}

export const SYSTEM_ACTOR: Actor = { label: 'system:core', admin: true, subgraph: null, canForce: true };

export type RegistryAction = 'check' | 'publish' | 'rollback' | 'delete' | 'token';

/** An answer of the registry: the HTTP status and its JSON body. */
export interface Outcome {
  status: number;
  body: Record<string, unknown>;
}

export interface SubgraphVersion {
  subgraph: string;
  version: number;
  url: string;
  sha256: string;
  publishedBy: string;
  publishedAt: string;
}

export interface ActiveSupergraph {
  id: number;
  sdl: string;
}

/** The NOTIFY channel (`hub_events_registry`) every gateway LISTENs on. */
export const REGISTRY_CHANNEL_SUBGRAPH = 'registry';
export const SUPERGRAPH_CHANGED = 'supergraphChanged';
/** Serialises every change of the active supergraph across all gateways on this database. */
const REGISTRY_LOCK = 7_202_009_30;
export const TOKEN_PREFIX = 'hubp_';

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

interface Member {
  name: string;
  url: string;
  sdl: string;
  /** The stored version, or null for one this change publishes. */
  row: VersionRow | null;
}

const toVersion = (row: VersionRow): SubgraphVersion => ({
  subgraph: row.subgraph,
  version: row.version,
  url: row.routing_url,
  sha256: row.sha256,
  publishedBy: row.published_by,
  publishedAt: new Date(row.published_at).toISOString(),
});

const refusal = (status: number, code: string, message: string, extra: Record<string, unknown> = {}): Outcome => ({
  status,
  body: { ok: false, error: { code, message }, ...extra },
});

/**
 * The subgraph registry on the gateway's database. Every change of the graph (publish, rollback,
 * delete, the core subgraphs at start) runs `transition`: under one advisory lock it composes the
 * candidate set with the active subgraphs, diffs the API schema against the active one, stores the
 * new supergraph version, moves the active pointer and NOTIFYs every gateway — all in one
 * transaction, with its audit row; a refusal stores only its audit row.
 */
export class SubgraphRegistry {
  constructor(private readonly db: DataSource) {}

  /** The supergraph in force, or null before anything was registered. */
  async active(): Promise<ActiveSupergraph | null> {
    const rows = await this.db.query(
      'SELECT s.id, s.sdl FROM registry_active a JOIN registry_supergraph_versions s ON s.id = a.supergraph_id',
    );
    return rows.length ? { id: Number(rows[0].id), sdl: rows[0].sdl } : null;
  }

  private async activeMembers(manager: EntityManager): Promise<{ supergraph: ActiveSupergraph | null; members: Member[] }> {
    const rows = await manager.query(
      'SELECT s.id, s.sdl, s.members FROM registry_active a JOIN registry_supergraph_versions s ON s.id = a.supergraph_id',
    );
    if (rows.length === 0) return { supergraph: null, members: [] };
    const ids = Object.values(rows[0].members as Record<string, string>);
    const versions: VersionRow[] = await manager.query('SELECT * FROM registry_subgraph_versions WHERE id = ANY($1::bigint[]) ORDER BY subgraph', [ids]);
    return {
      supergraph: { id: Number(rows[0].id), sdl: rows[0].sdl },
      members: versions.map((row) => ({ name: row.subgraph, url: row.routing_url, sdl: row.sdl, row })),
    };
  }

  /** Records a request the HTTP layer refused before it reached the registry (no or the wrong token). */
  record(entry: Parameters<SubgraphRegistry['audit']>[1]): Promise<void> {
    return this.audit(this.db, entry);
  }

  private async audit(
    manager: EntityManager | DataSource,
    entry: { action: RegistryAction; subgraph: string | null; actor: string; outcome: string; status: number; details?: Record<string, unknown> },
  ): Promise<void> {
    await manager.query('INSERT INTO registry_audit (action, subgraph, actor, outcome, status, details) VALUES ($1, $2, $3, $4, $5, $6)', [
      entry.action,
      entry.subgraph,
      entry.actor,
      entry.outcome,
      entry.status,
      JSON.stringify(entry.details ?? {}),
    ]);
  }

  /** Would `input` compose with the active subgraphs, and what would clients see change? Changes nothing but the audit log. */
  async check(input: SubgraphInput, actor: Actor): Promise<Outcome> {
    const { supergraph, members } = await this.activeMembers(this.db.manager);
    const candidate = [...members.filter((member) => member.name !== input.name), { ...input, row: null }];
    const policyErrors = actor.admin ? [] : adminOnlyParts(input);
    const composition = policyErrors.length ? { supergraphSdl: null, errors: policyErrors.map((message) => ({ message })) } : compose(candidate);
    const changes = composition.supergraphSdl ? await diffApiSchemas(supergraph?.sdl ?? null, composition.supergraphSdl) : [];
    const breaking = changes.filter((change) => change.criticality === 'BREAKING').length;
    const ok = composition.errors.length === 0 && breaking === 0;
    await this.audit(this.db, {
      action: 'check',
      subgraph: input.name,
      actor: actor.label,
      outcome: composition.errors.length ? 'composition_errors' : breaking ? 'breaking' : 'ok',
      status: 200,
      details: { sha256: sha256(input.sdl), url: input.url, compositionErrors: composition.errors.length, breaking },
    });
    return { status: 200, body: { ok, compositionErrors: composition.errors, changes } };
  }

  /** Publishes one subgraph (several at once for the core subgraphs at start: one composition, one supergraph version). */
  async publish(inputs: SubgraphInput[], actor: Actor, force = false): Promise<Outcome> {
    const names = inputs.map((input) => input.name);
    // Audited under the subgraph's name; a batch (the core subgraphs) names them in its details.
    return this.transition('publish', names.length === 1 ? names[0] : null, actor, force, async ({ members }) => {
      const changed = inputs.filter((input) => {
        const current = members.find((member) => member.name === input.name);
        return !current || current.row!.sha256 !== sha256(input.sdl) || current.url !== input.url;
      });
      if (changed.length === 0) {
        const current = members.filter((member) => names.includes(member.name)).map((member) => toVersion(member.row!));
        return { unchanged: { status: 200, body: { ok: true, unchanged: true, versions: current, version: current[0] } } };
      }
      const policyErrors = actor.admin ? [] : changed.flatMap(adminOnlyParts);
      const candidate = [...members.filter((member) => !changed.some((input) => input.name === member.name)), ...changed.map((input) => ({ ...input, row: null }))];
      return { candidate, policyErrors, reason: `publish ${changed.map((input) => input.name).join(', ')}`, names };
    });
  }

  /** Makes an earlier (or any stored) version of `name` the one in force again, through the same checks. */
  async rollback(name: string, version: number, actor: Actor, force = false): Promise<Outcome> {
    return this.transition('rollback', name, actor, force, async ({ members, manager }) => {
      const rows: VersionRow[] = await manager.query('SELECT * FROM registry_subgraph_versions WHERE subgraph = $1 AND version = $2', [name, version]);
      if (rows.length === 0) return { unchanged: refusal(404, 'NOT_FOUND', `${name} has no version ${version}`) };
      const current = members.find((member) => member.name === name);
      if (current?.row?.id === rows[0].id) {
        return { unchanged: { status: 200, body: { ok: true, unchanged: true, version: toVersion(rows[0]) } } };
      }
      const candidate = [...members.filter((member) => member.name !== name), { name, url: rows[0].routing_url, sdl: rows[0].sdl, row: rows[0] }];
      return { candidate, policyErrors: [], reason: `rollback ${name} to v${version}` };
    });
  }

  /** Takes `name` out of the graph (its versions stay stored), through the same checks. */
  async remove(name: string, actor: Actor, force = false): Promise<Outcome> {
    return this.transition('delete', name, actor, force, async ({ members }) => {
      if (!members.some((member) => member.name === name)) return { unchanged: refusal(404, 'NOT_FOUND', `${name} is not in the graph`) };
      return { candidate: members.filter((member) => member.name !== name), policyErrors: [], reason: `delete ${name}` };
    });
  }

  private async transition(
    action: 'publish' | 'rollback' | 'delete',
    subgraph: string | null,
    actor: Actor,
    force: boolean,
    plan: (state: { members: Member[]; manager: EntityManager }) => Promise<
      { unchanged: Outcome } | { candidate: Member[]; policyErrors: string[]; reason: string; names?: string[] }
    >,
  ): Promise<Outcome> {
    return this.db.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock($1)', [REGISTRY_LOCK]);
      const { supergraph, members } = await this.activeMembers(manager);
      const planned = await plan({ members, manager });
      const audit = (outcome: string, result: Outcome, details: Record<string, unknown> = {}) =>
        this.audit(manager, {
          action,
          subgraph,
          actor: actor.label,
          outcome,
          status: result.status,
          details: { force, ...('names' in planned && planned.names && planned.names.length > 1 ? { subgraphs: planned.names } : {}), ...details },
        }).then(() => result);
      if ('unchanged' in planned) return audit(planned.unchanged.status === 200 ? 'unchanged' : 'not_found', planned.unchanged);

      const composition = planned.policyErrors.length
        ? { supergraphSdl: null, errors: planned.policyErrors.map((message) => ({ message })) }
        : compose(planned.candidate);
      if (!composition.supergraphSdl) {
        const result = refusal(422, 'BAD_USER_INPUT', 'The subgraphs do not compose', { compositionErrors: composition.errors, changes: [] });
        return audit('composition_errors', result, { compositionErrors: composition.errors.map((error) => error.message) });
      }
      const changes = await diffApiSchemas(supergraph?.sdl ?? null, composition.supergraphSdl);
      const breaking = changes.filter((change) => change.criticality === 'BREAKING');
      if (breaking.length > 0 && !force) {
        const result = refusal(409, 'CONFLICT', `${breaking.length} breaking change(s) for clients; publish with force to accept them`, { compositionErrors: [], changes });
        return audit('breaking', result, { breaking: breaking.map(describe) });
      }
      if (breaking.length > 0 && !actor.canForce) {
        const result = refusal(403, 'FORBIDDEN', 'Forcing breaking changes needs an admin or a publisher token with the force scope', { compositionErrors: [], changes });
        return audit('force_forbidden', result, { breaking: breaking.map(describe) });
      }

      const published: VersionRow[] = [];
      const memberIds: Record<string, string> = {};
      for (const member of planned.candidate) {
        let row = member.row;
        if (!row) {
          await manager.query('INSERT INTO registry_subgraphs (name, created_by) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING', [member.name, actor.label]);
          [row] = await manager.query(
            `INSERT INTO registry_subgraph_versions (subgraph, version, sdl, routing_url, sha256, published_by)
             SELECT $1::varchar, COALESCE(MAX(version), 0) + 1, $2, $3, $4, $5 FROM registry_subgraph_versions WHERE subgraph = $1::varchar
             RETURNING *`,
            [member.name, member.sdl, member.url, sha256(member.sdl), actor.label],
          );
          published.push(row!);
        }
        memberIds[member.name] = row!.id;
      }
      const [created] = await manager.query(
        `INSERT INTO registry_supergraph_versions (sdl, sha256, members, reason, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
        [composition.supergraphSdl, sha256(composition.supergraphSdl), JSON.stringify(memberIds), planned.reason, actor.label],
      );
      await manager.query(
        `INSERT INTO registry_active (singleton, supergraph_id) VALUES (true, $1)
         ON CONFLICT (singleton) DO UPDATE SET supergraph_id = EXCLUDED.supergraph_id, updated_at = now()`,
        [created.id],
      );
      // Delivered to every gateway when (and only when) this transaction commits.
      await emitEvent(manager, REGISTRY_CHANNEL_SUBGRAPH, SUPERGRAPH_CHANGED, { supergraph: Number(created.id) });
      const version = published.find((row) => row.subgraph === subgraph) ?? planned.candidate.find((member) => member.name === subgraph)?.row ?? null;
      const result: Outcome = {
        status: 201,
        body: {
          ok: true,
          version: version ? toVersion(version) : null,
          versions: published.map(toVersion),
          supergraphVersion: Number(created.id),
          changes,
        },
      };
      return audit(breaking.length ? 'forced' : 'ok', result, {
        supergraphVersion: Number(created.id),
        versions: published.map((row) => `${row.subgraph}@${row.version}`),
        breaking: breaking.map(describe),
      });
    });
  }

  /** The subgraphs in force: name, url, current version, published at, owner. */
  async list(): Promise<Array<SubgraphVersion & { name: string; owner: string }>> {
    const { members } = await this.activeMembers(this.db.manager);
    const owners: Array<{ name: string; created_by: string }> = await this.db.query('SELECT name, created_by FROM registry_subgraphs');
    return members.map((member) => ({
      name: member.name,
      ...toVersion(member.row!),
      owner: owners.find((owner) => owner.name === member.name)?.created_by ?? '',
    }));
  }

  /** Every stored version of `name`, newest first, with the one in force marked; null for an unknown name. */
  async versions(name: string): Promise<Array<SubgraphVersion & { active: boolean }> | null> {
    const rows: VersionRow[] = await this.db.query('SELECT * FROM registry_subgraph_versions WHERE subgraph = $1 ORDER BY version DESC', [name]);
    if (rows.length === 0) return null;
    const { members } = await this.activeMembers(this.db.manager);
    const activeId = members.find((member) => member.name === name)?.row?.id;
    return rows.map((row) => ({ ...toVersion(row), active: row.id === activeId }));
  }

  /** A new opaque publisher token for one subgraph; only its sha256 is stored, the token is shown once. */
  async createToken(subgraph: string, scopes: Array<'publish' | 'force'>, label: string, actor: Actor): Promise<{ id: string; token: string; subgraph: string; scopes: string[] }> {
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const [row] = await this.db.query(
      'INSERT INTO registry_publisher_tokens (subgraph, token_sha256, scopes, label, created_by) VALUES ($1, $2, $3, $4, $5) RETURNING id',
      [subgraph, sha256(token), [...new Set(['publish', ...scopes])], label, actor.label],
    );
    await this.audit(this.db, { action: 'token', subgraph, actor: actor.label, outcome: 'created', status: 201, details: { id: row.id, scopes, label } });
    return { id: row.id, token, subgraph, scopes: [...new Set(['publish', ...scopes])] };
  }

  async revokeToken(id: string, actor: Actor): Promise<boolean> {
    const rows = await this.db.query(
      'UPDATE registry_publisher_tokens SET revoked_at = now() WHERE id = $1 AND revoked_at IS NULL RETURNING subgraph',
      [id],
    );
    const revoked = (rows[0] as unknown[] | undefined)?.length ?? 0;
    if (revoked) await this.audit(this.db, { action: 'token', subgraph: null, actor: actor.label, outcome: 'revoked', status: 200, details: { id } });
    return revoked > 0;
  }

  /** The opaque token's grant, or null when unknown or revoked. */
  async verifyToken(token: string): Promise<{ id: string; subgraph: string; scopes: string[] } | null> {
    const rows = await this.db.query(
      'SELECT id, subgraph, scopes FROM registry_publisher_tokens WHERE token_sha256 = $1 AND revoked_at IS NULL',
      [sha256(token)],
    );
    return rows[0] ?? null;
  }

  async auditLog(subgraph?: string, limit = 100): Promise<unknown[]> {
    return this.db.query(
      `SELECT id, at, action, subgraph, actor, outcome, status, details FROM registry_audit
        WHERE $1::text IS NULL OR subgraph = $1 ORDER BY id DESC LIMIT $2`,
      [subgraph ?? null, limit],
    );
  }
}

const describe = (change: SchemaChange): string => `${change.path ?? ''}: ${change.message}`;
