import { randomBytes } from 'node:crypto';
import {
  adminOnlyParts,
  breakingChanges,
  compose,
  diffApiSchemas,
  sha256,
  type Composition,
  type CompositionError,
  type SchemaChange,
  type SubgraphInput,
} from './compose';
import { allowedBy, hostOf } from './hosts';
import type { ClientStorage } from './client-storage';
import { judgeByUsage, manifestDigest, readManifest, type ClientOutcome, type PersistedQueryManifest } from './clients';
import { apiSchema, type CompositionHint } from './compose';
import { lintSubgraph, type LintWarning } from './lint';
import { publicVersion, type RegistryAction, type RegistryStorage, type StoredVersion, type SubgraphVersion, type TokenGrant } from './storage';

/** Who acts on the registry, as the HTTP layer verified it. */
export interface Actor {
  /** For the audit log: `admin:<sub>`, `publisher:<subgraph>` (JWT), `token:<id>` (opaque token), `system:core`. */
  label: string;
  admin: boolean;
  /** The one subgraph a publisher may change; null for admins and the system. */
  subgraph: string | null;
  /** May publish breaking changes with `force`. */
  canForce: boolean;
  /** The one client whose versions a client-scoped token may publish; null for everyone else. */
  client?: string | null;
}

const SYSTEM_ACTOR: Actor = { label: 'system:core', admin: true, subgraph: null, canForce: true };
/** The hub registering its own pages' operations at start (the dashboard, the playground's examples). */
export const SYSTEM_CLIENTS_ACTOR: Actor = { label: 'system:clients', admin: true, subgraph: null, canForce: false };

export const TOKEN_PREFIX = 'hubp_';

/** What a check found. A check changes nothing, so it is an answer, never a refusal. */
export interface CheckOutcome {
  kind: 'checked';
  /** Composes and breaks nothing for clients. */
  passed: boolean;
  compositionErrors: CompositionError[];
  changes: SchemaChange[];
  /** Composition hints: it composes, but something is worth a look. */
  hints: CompositionHint[];
  /** Schema lint findings of the checked SDL (descriptions, naming): never a refusal. */
  warnings: LintWarning[];
}

/** What a publish, rollback or delete did, or why it was refused. */
export type ChangeOutcome =
  /** A new supergraph version is in force; `forced` when it breaks clients and `force` allowed it. */
  | { kind: 'published'; forced: boolean; version: SubgraphVersion | null; versions: SubgraphVersion[]; supergraphVersion: number; changes: SchemaChange[] }
  /** Already in force: nothing stored. `versions` for a publish, which may name several subgraphs. */
  | { kind: 'unchanged'; version: SubgraphVersion; versions?: SubgraphVersion[] }
  | { kind: 'composition_errors'; errors: CompositionError[] }
  | { kind: 'breaking'; changes: SchemaChange[] }
  /** Breaking, and `force` was asked without the right to force. */
  | { kind: 'force_forbidden'; changes: SchemaChange[] }
  /** No such subgraph in the graph, or (with `version`) no such version of it. */
  | { kind: 'not_found'; subgraph: string; version?: number }
  | HostNotApproved;

/** The routing URL names a host no admin approved for this subgraph: the gateway would send it nothing. */
export interface HostNotApproved {
  kind: 'host_not_approved';
  subgraph: string;
  host: string;
}

export type TokenOutcome =
  | { kind: 'token_created'; id: string; token: string; subgraph: string; scopes: string[] }
  | { kind: 'token_revoked'; id: string }
  | { kind: 'token_not_found'; id: string };

export type HostOutcome =
  | { kind: 'host_approved'; subgraph: string; host: string; created: boolean }
  | { kind: 'host_revoked'; subgraph: string; host: string }
  | { kind: 'host_not_found'; subgraph: string; host: string };

export type RegistryOutcome = CheckOutcome | ChangeOutcome | TokenOutcome | HostOutcome | ClientOutcome;

interface Member extends SubgraphInput {
  /** The stored version, or null for one this change publishes. */
  stored: StoredVersion | null;
}

/** What a change puts to composition, unless it was decided before (unchanged, not found). */
type Plan =
  | { decided: ChangeOutcome }
  | {
      candidate: Member[];
      /** Parts only an admin may publish: refused like composition errors. */
      adminOnly: string[];
      reason: string;
      /** A batch (the core subgraphs) is named in the audit details. */
      batch?: string[];
    };

const asMember = (stored: StoredVersion): Member => ({ name: stored.subgraph, url: stored.url, sdl: stored.sdl, stored });

const composeUnlessAdminOnly = (candidate: SubgraphInput[], adminOnly: string[]): Composition =>
  adminOnly.length ? { supergraphSdl: null, errors: adminOnly.map((message) => ({ message, code: 'ADMIN_ONLY' })), hints: [] } : compose(candidate);

/** The audit log's word for a change's outcome. */
const auditOutcome = (outcome: ChangeOutcome): string => {
  if (outcome.kind !== 'published') return outcome.kind;
  return outcome.forced ? 'forced' : 'ok';
};

const describe = (change: SchemaChange): string => `${change.path ?? ''}: ${change.message}`;

/**
 * The registry's rules. Every change of the graph (publish, rollback, delete, the core subgraphs at
 * start) runs `transition`: under one advisory lock it composes the candidate set with the active
 * subgraphs, diffs the API schema against the active one, stores the new supergraph version, moves
 * the active pointer and NOTIFYs every gateway — all in one transaction, with its audit row; a
 * refusal stores only its audit row.
 */
export class RegistryPolicy {
  /**
   * `auditStatus`: the status the audit log records for an outcome — the HTTP status it is answered
   * with, given by http.ts so that the policy itself knows nothing of HTTP.
   */
  constructor(
    readonly storage: RegistryStorage,
    private readonly auditStatus: (outcome: RegistryOutcome) => number,
    /** Hosts every subgraph may route to besides those approved for it (loopback in development). */
    private readonly defaultHosts: readonly string[] = [],
    /** Registered clients and recorded usage; breaking changes are judged against the last `usageDays` days. */
    readonly clients: ClientStorage | null = null,
    readonly usageDays = 30,
  ) {}

  /** Breaking changes judged against the clients (schema-only without a client storage). */
  private judge(changes: SchemaChange[]): Promise<SchemaChange[]> {
    return this.clients ? judgeByUsage(changes, this.clients, this.usageDays) : Promise.resolve(changes);
  }

  /**
   * Registers a client version's operations (Apollo's persisted query manifest), each validated
   * against the graph in force. A version is immutable: the same manifest again is `unchanged`,
   * other documents under the same version a conflict. Audited like every registry change.
   */
  async publishClientVersion(client: string, version: string, manifest: PersistedQueryManifest, actor: Actor): Promise<ClientOutcome> {
    const clients = this.clients!;
    const answer = async (outcome: ClientOutcome, details: Record<string, unknown> = {}) => {
      await this.storage.audit({
        action: 'client', subgraph: null, actor: actor.label, outcome: outcome.kind.replace(/^client_/, ''), status: this.auditStatus(outcome),
        details: { client, version, ...details },
      });
      return outcome;
    };
    const digest = manifestDigest(manifest);
    const existing = await clients.versionDocuments(client, version);
    if (existing) {
      if (existing.manifestSha256 !== digest) return answer({ kind: 'client_version_conflict', client, version });
      const summary = (await clients.versionSummaries(client)).find((stored) => stored.version === version)!;
      return answer({ kind: 'client_unchanged', version: summary });
    }
    const active = await this.storage.active();
    if (!active) return answer({ kind: 'bad_manifest', problems: ['The registry has no graph yet'] });
    const read = readManifest(manifest, apiSchema(active.sdl));
    if ('kind' in read) {
      const details = read.kind === 'invalid_operations' ? { invalid: read.operations.map((operation) => operation.name) } : read.kind === 'bad_manifest' ? { problems: read.problems } : {};
      return answer(read, details);
    }
    try {
      const stored = await clients.addVersion({ client, version, manifestSha256: digest, operations: read.operations, by: actor.label });
      return answer({ kind: 'client_published', version: stored }, { operations: stored.operations });
    } catch (error) {
      // Registered by someone else meanwhile (two gateways starting, a CI retry): answered as if it had come first.
      if ((error as { driverError?: { code?: string }; code?: string }).driverError?.code !== '23505' && (error as { code?: string }).code !== '23505') throw error;
      const raced = await clients.versionDocuments(client, version);
      if (raced?.manifestSha256 !== digest) return answer({ kind: 'client_version_conflict', client, version });
      return answer({ kind: 'client_unchanged', version: (await clients.versionSummaries(client)).find((stored) => stored.version === version)! });
    }
  }

  /** The system's own URLs (the core subgraphs from the configuration) need no approval; everyone else's do. */
  private async unapprovedHost(storage: RegistryStorage, actor: Actor, subgraph: string, url: string): Promise<HostNotApproved | null> {
    if (actor === SYSTEM_ACTOR) return null;
    const approved = (await storage.approvedHosts()).get(subgraph) ?? new Set<string>();
    return allowedBy([...this.defaultHosts, ...approved], url) ? null : { kind: 'host_not_approved', subgraph, host: hostOf(url) };
  }

  /** Would `input` compose with the active subgraphs, and what would clients see change? Changes nothing but the audit log. */
  async check(input: SubgraphInput, actor: Actor): Promise<CheckOutcome | HostNotApproved> {
    const unapproved = await this.unapprovedHost(this.storage, actor, input.name, input.url);
    if (unapproved) {
      await this.storage.audit({
        action: 'check', subgraph: input.name, actor: actor.label, outcome: unapproved.kind, status: this.auditStatus(unapproved), details: { url: input.url },
      });
      return unapproved;
    }
    const { supergraph, members } = await this.storage.activeMembers();
    const candidate = [...members.map(asMember).filter((member) => member.name !== input.name), input];
    const composition = composeUnlessAdminOnly(candidate, actor.admin ? [] : adminOnlyParts(input));
    const changes = composition.supergraphSdl ? await this.judge(await diffApiSchemas(supergraph?.sdl ?? null, composition.supergraphSdl)) : [];
    const breaking = breakingChanges(changes).length;
    const outcome: CheckOutcome = {
      kind: 'checked', passed: composition.errors.length === 0 && breaking === 0, compositionErrors: composition.errors, changes,
      hints: composition.hints, warnings: lintSubgraph(input.sdl),
    };
    await this.storage.audit({
      action: 'check',
      subgraph: input.name,
      actor: actor.label,
      outcome: composition.errors.length ? 'composition_errors' : breaking ? 'breaking' : 'ok',
      status: this.auditStatus(outcome),
      details: { sha256: sha256(input.sdl), url: input.url, compositionErrors: composition.errors.length, breaking },
    });
    return outcome;
  }

  /** Publishes one subgraph (several at once for the core subgraphs at start: one composition, one supergraph version). */
  async publish(inputs: SubgraphInput[], actor: Actor, force = false): Promise<ChangeOutcome> {
    const names = inputs.map((input) => input.name);
    // Audited under the subgraph's name; a batch is named in its details.
    return this.transition('publish', names.length === 1 ? names[0] : null, actor, force, async ({ members, storage }) => {
      for (const input of inputs) {
        const unapproved = await this.unapprovedHost(storage, actor, input.name, input.url);
        if (unapproved) return { decided: unapproved };
      }
      const changed = inputs.filter((input) => {
        const current = members.find((member) => member.name === input.name);
        return !current || current.stored!.sha256 !== sha256(input.sdl) || current.url !== input.url;
      });
      if (changed.length === 0) {
        const current = members.filter((member) => names.includes(member.name)).map((member) => publicVersion(member.stored!));
        return { decided: { kind: 'unchanged', versions: current, version: current[0] } };
      }
      const candidate = [...members.filter((member) => !changed.some((input) => input.name === member.name)), ...changed.map((input) => ({ ...input, stored: null }))];
      const adminOnly = actor.admin ? [] : changed.flatMap(adminOnlyParts);
      return { candidate, adminOnly, reason: `publish ${changed.map((input) => input.name).join(', ')}`, batch: names };
    });
  }

  /**
   * Registers the core subgraphs at start from their committed SDL: a publish by the system with
   * force, because the committed schema is the code that is deployed.
   */
  registerCore(inputs: SubgraphInput[]): Promise<ChangeOutcome> {
    return this.publish(inputs, SYSTEM_ACTOR, true);
  }

  /** Makes an earlier (or any stored) version of `name` the one in force again, through the same checks. */
  async rollback(name: string, version: number, actor: Actor, force = false): Promise<ChangeOutcome> {
    return this.transition('rollback', name, actor, force, async ({ members, storage }) => {
      const target = await storage.version(name, version);
      if (!target) return { decided: { kind: 'not_found', subgraph: name, version } };
      const unapproved = await this.unapprovedHost(storage, actor, name, target.url);
      if (unapproved) return { decided: unapproved };
      if (members.find((member) => member.name === name)?.stored?.id === target.id) {
        return { decided: { kind: 'unchanged', version: publicVersion(target) } };
      }
      return { candidate: [...members.filter((member) => member.name !== name), asMember(target)], adminOnly: [], reason: `rollback ${name} to v${version}` };
    });
  }

  /** Takes `name` out of the graph (its versions stay stored), through the same checks. */
  async remove(name: string, actor: Actor, force = false): Promise<ChangeOutcome> {
    return this.transition('delete', name, actor, force, async ({ members }) => {
      if (!members.some((member) => member.name === name)) return { decided: { kind: 'not_found', subgraph: name } };
      return { candidate: members.filter((member) => member.name !== name), adminOnly: [], reason: `delete ${name}` };
    });
  }

  private async transition(
    action: Extract<RegistryAction, 'publish' | 'rollback' | 'delete'>,
    subgraph: string | null,
    actor: Actor,
    force: boolean,
    plan: (state: { members: Member[]; storage: RegistryStorage }) => Promise<Plan>,
  ): Promise<ChangeOutcome> {
    return this.storage.lockedTransaction(async (storage) => {
      const active = await storage.activeMembers();
      const planned = await plan({ members: active.members.map(asMember), storage });
      const answer = async (outcome: ChangeOutcome, details: Record<string, unknown> = {}): Promise<ChangeOutcome> => {
        const batch = 'batch' in planned && planned.batch && planned.batch.length > 1 ? { subgraphs: planned.batch } : {};
        await storage.audit({
          action,
          subgraph,
          actor: actor.label,
          outcome: auditOutcome(outcome),
          status: this.auditStatus(outcome),
          details: { force, ...batch, ...details },
        });
        return outcome;
      };
      if ('decided' in planned) return answer(planned.decided);

      const composition = composeUnlessAdminOnly(planned.candidate, planned.adminOnly);
      if (!composition.supergraphSdl) {
        return answer({ kind: 'composition_errors', errors: composition.errors }, { compositionErrors: composition.errors.map((error) => error.message) });
      }
      // The system's own registrations are forced anyway; judging them would only cost queries at start.
      const diffed = await diffApiSchemas(active.supergraph?.sdl ?? null, composition.supergraphSdl);
      const changes = actor === SYSTEM_ACTOR ? diffed : await this.judge(diffed);
      const breaking = breakingChanges(changes);
      if (breaking.length > 0 && !force) return answer({ kind: 'breaking', changes }, { breaking: breaking.map(describe) });
      if (breaking.length > 0 && !actor.canForce) return answer({ kind: 'force_forbidden', changes }, { breaking: breaking.map(describe) });

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
      const outcome: ChangeOutcome = {
        kind: 'published',
        forced: breaking.length > 0,
        version: version ? publicVersion(version) : null,
        versions: published.map(publicVersion),
        supergraphVersion,
        changes,
      };
      return answer(outcome, {
        supergraphVersion,
        versions: published.map((stored) => `${stored.subgraph}@${stored.version}`),
        breaking: breaking.map(describe),
      });
    });
  }

  /** Approves `host` as a routing target of `subgraph` (admins). */
  async approveHost(subgraph: string, host: string, actor: Actor): Promise<HostOutcome> {
    return this.storage.lockedTransaction(async (storage) => {
      const created = await storage.approveHost(subgraph, host, actor.label);
      const outcome: HostOutcome = { kind: 'host_approved', subgraph, host, created };
      await storage.audit({ action: 'host', subgraph, actor: actor.label, outcome: created ? 'approved' : 'unchanged', status: this.auditStatus(outcome), details: { host } });
      return outcome;
    });
  }

  /** Withdraws an approval (admins): the gateway stops calling that host for the subgraph at once. */
  async revokeHost(subgraph: string, host: string, actor: Actor): Promise<HostOutcome> {
    return this.storage.lockedTransaction(async (storage) => {
      if (!(await storage.revokeHost(subgraph, host))) return { kind: 'host_not_found', subgraph, host };
      const outcome: HostOutcome = { kind: 'host_revoked', subgraph, host };
      await storage.audit({ action: 'host', subgraph, actor: actor.label, outcome: 'revoked', status: this.auditStatus(outcome), details: { host } });
      return outcome;
    });
  }

  /** A new opaque publisher token for one subgraph; only its sha256 is stored, the token is shown once. */
  async issueToken(subgraph: string, scopes: Array<'publish' | 'force'>, label: string, actor: Actor): Promise<TokenOutcome> {
    const token = `${TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
    const granted = [...new Set(['publish', ...scopes])];
    const id = await this.storage.addToken({ subgraph, sha256: sha256(token), scopes: granted, label, by: actor.label });
    const outcome: TokenOutcome = { kind: 'token_created', id, token, subgraph, scopes: granted };
    await this.storage.audit({ action: 'token', subgraph, actor: actor.label, outcome: 'created', status: this.auditStatus(outcome), details: { id, scopes, label } });
    return outcome;
  }

  async revokeToken(id: string, actor: Actor): Promise<TokenOutcome> {
    if (!(await this.storage.revokeToken(id))) return { kind: 'token_not_found', id };
    const outcome: TokenOutcome = { kind: 'token_revoked', id };
    await this.storage.audit({ action: 'token', subgraph: null, actor: actor.label, outcome: 'revoked', status: this.auditStatus(outcome), details: { id } });
    return outcome;
  }

  /** The opaque token's grant, or null when unknown or revoked. */
  verifyToken(token: string): Promise<TokenGrant | null> {
    return this.storage.activeToken(sha256(token));
  }
}
