import { randomBytes } from 'node:crypto';
import { adminOnlyParts, compose, diffApiSchemas, sha256, type SchemaChange, type SubgraphInput } from './compose';
import { publicVersion, type RegistryStorage, type StoredVersion } from './storage';

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

/** An answer of the registry: the HTTP status and its JSON body. */
export interface Outcome {
  status: number;
  body: Record<string, unknown>;
}

export const TOKEN_PREFIX = 'hubp_';

interface Member extends SubgraphInput {
  /** The stored version, or null for one this change publishes. */
  stored: StoredVersion | null;
}

const asMember = (stored: StoredVersion): Member => ({ name: stored.subgraph, url: stored.url, sdl: stored.sdl, stored });

const refusal = (status: number, code: string, message: string, extra: Record<string, unknown> = {}): Outcome => ({
  status,
  body: { ok: false, error: { code, message }, ...extra },
});

/**
 * The subgraph registry. Every change of the graph (publish, rollback, delete, the core subgraphs at
 * start) runs `transition`: under one advisory lock it composes the candidate set with the active
 * subgraphs, diffs the API schema against the active one, stores the new supergraph version, moves
 * the active pointer and NOTIFYs every gateway — all in one transaction, with its audit row; a
 * refusal stores only its audit row.
 */
export class SubgraphRegistry {
  constructor(readonly storage: RegistryStorage) {}

  /** Would `input` compose with the active subgraphs, and what would clients see change? Changes nothing but the audit log. */
  async check(input: SubgraphInput, actor: Actor): Promise<Outcome> {
    const { supergraph, members } = await this.storage.activeMembers();
    const candidate = [...members.map(asMember).filter((member) => member.name !== input.name), { ...input, stored: null }];
    const policyErrors = actor.admin ? [] : adminOnlyParts(input);
    const composition = policyErrors.length ? { supergraphSdl: null, errors: policyErrors.map((message) => ({ message })) } : compose(candidate);
    const changes = composition.supergraphSdl ? await diffApiSchemas(supergraph?.sdl ?? null, composition.supergraphSdl) : [];
    const breaking = changes.filter((change) => change.criticality === 'BREAKING').length;
    const ok = composition.errors.length === 0 && breaking === 0;
    await this.storage.audit({
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
        return !current || current.stored!.sha256 !== sha256(input.sdl) || current.url !== input.url;
      });
      if (changed.length === 0) {
        const current = members.filter((member) => names.includes(member.name)).map((member) => publicVersion(member.stored!));
        return { unchanged: { status: 200, body: { ok: true, unchanged: true, versions: current, version: current[0] } } };
      }
      const policyErrors = actor.admin ? [] : changed.flatMap(adminOnlyParts);
      const candidate = [...members.filter((member) => !changed.some((input) => input.name === member.name)), ...changed.map((input) => ({ ...input, stored: null }))];
      return { candidate, policyErrors, reason: `publish ${changed.map((input) => input.name).join(', ')}`, names };
    });
  }

  /** Makes an earlier (or any stored) version of `name` the one in force again, through the same checks. */
  async rollback(name: string, version: number, actor: Actor, force = false): Promise<Outcome> {
    return this.transition('rollback', name, actor, force, async ({ members, storage }) => {
      const target = await storage.version(name, version);
      if (!target) return { unchanged: refusal(404, 'NOT_FOUND', `${name} has no version ${version}`) };
      const current = members.find((member) => member.name === name);
      if (current?.stored?.id === target.id) {
        return { unchanged: { status: 200, body: { ok: true, unchanged: true, version: publicVersion(target) } } };
      }
      const candidate = [...members.filter((member) => member.name !== name), asMember(target)];
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
    plan: (state: { members: Member[]; storage: RegistryStorage }) => Promise<
      { unchanged: Outcome } | { candidate: Member[]; policyErrors: string[]; reason: string; names?: string[] }
    >,
  ): Promise<Outcome> {
    return this.storage.lockedTransaction(async (storage) => {
      const active = await storage.activeMembers();
      const planned = await plan({ members: active.members.map(asMember), storage });
      const audit = (outcome: string, result: Outcome, details: Record<string, unknown> = {}) =>
        storage
          .audit({
            action,
            subgraph,
            actor: actor.label,
            outcome,
            status: result.status,
            details: { force, ...('names' in planned && planned.names && planned.names.length > 1 ? { subgraphs: planned.names } : {}), ...details },
          })
          .then(() => result);
      if ('unchanged' in planned) return audit(planned.unchanged.status === 200 ? 'unchanged' : 'not_found', planned.unchanged);

      const composition = planned.policyErrors.length
        ? { supergraphSdl: null, errors: planned.policyErrors.map((message) => ({ message })) }
        : compose(planned.candidate);
      if (!composition.supergraphSdl) {
        const result = refusal(422, 'BAD_USER_INPUT', 'The subgraphs do not compose', { compositionErrors: composition.errors, changes: [] });
        return audit('composition_errors', result, { compositionErrors: composition.errors.map((error) => error.message) });
      }
      const changes = await diffApiSchemas(active.supergraph?.sdl ?? null, composition.supergraphSdl);
      const breaking = changes.filter((change) => change.criticality === 'BREAKING');
      if (breaking.length > 0 && !force) {
        const result = refusal(409, 'CONFLICT', `${breaking.length} breaking change(s) for clients; publish with force to accept them`, { compositionErrors: [], changes });
        return audit('breaking', result, { breaking: breaking.map(describe) });
      }
      if (breaking.length > 0 && !actor.canForce) {
        const result = refusal(403, 'FORBIDDEN', 'Forcing breaking changes needs an admin or a publisher token with the force scope', { compositionErrors: [], changes });
        return audit('force_forbidden', result, { breaking: breaking.map(describe) });
      }

      const published: StoredVersion[] = [];
      const memberIds: Record<string, string> = {};
      for (const member of planned.candidate) {
        const stored = member.stored ?? (await storage.addVersion(member, actor.label));
        if (!member.stored) published.push(stored);
        memberIds[member.name] = stored.id;
      }
      const supergraphVersion = await storage.addSupergraph({ sdl: composition.supergraphSdl, members: memberIds, reason: planned.reason, by: actor.label });
      await storage.activate(supergraphVersion);
      const version = published.find((stored) => stored.subgraph === subgraph) ?? planned.candidate.find((member) => member.name === subgraph)?.stored ?? null;
      const result: Outcome = {
        status: 201,
        body: {
          ok: true,
          version: version ? publicVersion(version) : null,
          versions: published.map(publicVersion),
          supergraphVersion,
          changes,
        },
      };
      return audit(breaking.length ? 'forced' : 'ok', result, {
        supergraphVersion,
        versions: published.map((stored) => `${stored.subgraph}@${stored.version}`),
        breaking: breaking.map(describe),
      });
    });
  }

  /** A new opaque publisher token for one subgraph; only its sha256 is stored, the token is shown once. */
  async createToken(subgraph: string, scopes: Array<'publish' | 'force'>, label: string, actor: Actor): Promise<{ id: string; token: string; subgraph: string; scopes: string[] }> {
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const granted = [...new Set(['publish', ...scopes])];
    const id = await this.storage.addToken({ subgraph, sha256: sha256(token), scopes: granted, label, by: actor.label });
    await this.storage.audit({ action: 'token', subgraph, actor: actor.label, outcome: 'created', status: 201, details: { id, scopes, label } });
    return { id, token, subgraph, scopes: granted };
  }

  async revokeToken(id: string, actor: Actor): Promise<boolean> {
    const revoked = await this.storage.revokeToken(id);
    if (revoked) await this.storage.audit({ action: 'token', subgraph: null, actor: actor.label, outcome: 'revoked', status: 200, details: { id } });
    return revoked;
  }

  /** The opaque token's grant, or null when unknown or revoked. */
  verifyToken(token: string) {
    return this.storage.activeToken(sha256(token));
  }
}

const describe = (change: SchemaChange): string => `${change.path ?? ''}: ${change.message}`;
