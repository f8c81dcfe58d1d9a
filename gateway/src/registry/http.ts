import express from 'express';
import type { Identity } from '@kepuri/platform';
import { z } from 'zod';
import { breakingChanges } from './compose';
import { normalizeHost } from './hosts';
import { TOKEN_PREFIX, type Actor, type RegistryOutcome, type RegistryPolicy } from './policy';
import type { RegistryAction } from './storage';
import type { RegistryViews } from './views';
import { mountRegistryPage } from './page';

export interface RegistryRouterOptions {
  registry: RegistryPolicy;
  /** What the registry page and the GET endpoints show: histories, diffs, clients, who uses a field. */
  views: RegistryViews;
  /** A client token's identity (the gateway's verification), UNAUTHENTICATED when invalid. */
  identify(authorization: string): Promise<Identity>;
  /** Names reserved for the system and admins (the core subgraphs): 403 for publishers. */
  reserved: ReadonlySet<string>;
  /** Hosts every subgraph may route to without an approval of its own (shown with the approvals). */
  defaultHosts: readonly string[];
  /** Reads the registered documents again after a client version is registered, before it is answered. */
  afterClientChange: () => Promise<void>;
  /** Swaps this gateway to the new active supergraph before a change is answered. */
  afterChange: () => Promise<void>;
  log: (message: string) => void;
}

const SUBGRAPH_NAME = /^[a-z][a-z0-9-]{1,63}$/;
const httpUrl = z.string().url().refine((value) => /^https?:\/\//.test(value), 'must be an http(s) URL');
const publishBody = z.object({ url: httpUrl, sdl: z.string().min(1).max(1_000_000), force: z.boolean().optional() });
const checkBody = publishBody.omit({ force: true });
const rollbackBody = z.object({ version: z.number().int().positive(), force: z.boolean().optional() });
const CLIENT_NAME = /^[a-z][a-z0-9._-]{1,63}$/;
const manifestSchema = z.object({
  format: z.literal('apollo-persisted-query-manifest'),
  version: z.literal(1),
  operations: z
    .array(z.object({ id: z.string().regex(/^[0-9a-f]{64}$/, 'an id is the sha256 of the body, 64 lower-case hex digits'), name: z.string().min(1).max(256), type: z.enum(['query', 'mutation', 'subscription']), body: z.string().min(1).max(100_000) }))
    .max(2_000),
});
const clientVersionBody = z.object({ version: z.string().regex(/^[0-9A-Za-z][0-9A-Za-z.+_-]{0,63}$/, 'a version is 1-64 of letters, digits and . + _ -'), manifest: manifestSchema });
const tokenBody = z.object({
  subgraph: z.string().regex(SUBGRAPH_NAME),
  scopes: z.array(z.enum(['publish', 'force'])).default(['publish']),
  label: z.string().max(200).default(''),
});

class HttpRefusal extends Error {
  /** `actor`: who was refused, when the token was valid (for the audit log). */
  constructor(readonly status: number, readonly code: string, message: string, readonly actor?: string) {
    super(message);
  }
}

const refusalBody = (code: string, message: string, extra: Record<string, unknown> = {}) => ({ ok: false, error: { code, message }, ...extra });

// The one place where the registry's outcomes become HTTP statuses and JSON bodies. The statuses
// are also the audit log's `status` column: openRegistry gives httpStatusOf to the policy.
const STATUS: Record<RegistryOutcome['kind'], number> = {
  checked: 200,
  published: 201,
  unchanged: 200,
  composition_errors: 422,
  breaking: 409,
  force_forbidden: 403,
  not_found: 404,
  token_created: 201,
  token_revoked: 200,
  token_not_found: 404,
  host_not_approved: 403,
  host_approved: 201,
  host_revoked: 200,
  host_not_found: 404,
  client_published: 201,
  client_unchanged: 200,
  client_version_conflict: 409,
  bad_manifest: 400,
  invalid_operations: 422,
};

export const httpStatusOf = (outcome: RegistryOutcome): number => STATUS[outcome.kind];

/** The bodies are a contract: docs/ARCHITECTURE.md ("Registry"), docs/publishing-a-subgraph.md, scripts/subgraph.ts. */
function httpBodyOf(outcome: RegistryOutcome): Record<string, unknown> {
  switch (outcome.kind) {
    case 'checked':
      return { ok: outcome.passed, compositionErrors: outcome.compositionErrors, changes: outcome.changes, hints: outcome.hints, warnings: outcome.warnings };
    case 'published':
      return { ok: true, version: outcome.version, versions: outcome.versions, supergraphVersion: outcome.supergraphVersion, changes: outcome.changes };
    case 'unchanged':
      return { ok: true, unchanged: true, ...(outcome.versions ? { versions: outcome.versions } : {}), version: outcome.version };
    case 'composition_errors':
      return refusalBody('BAD_USER_INPUT', 'The subgraphs do not compose', { compositionErrors: outcome.errors, changes: [] });
    case 'breaking': {
      const message = `${breakingChanges(outcome.changes).length} breaking change(s) for clients; publish with force to accept them`;
      return refusalBody('CONFLICT', message, { compositionErrors: [], changes: outcome.changes });
    }
    case 'force_forbidden': {
      const message = 'Forcing breaking changes needs an admin or a publisher token with the force scope';
      return refusalBody('FORBIDDEN', message, { compositionErrors: [], changes: outcome.changes });
    }
    case 'not_found':
      return refusalBody('NOT_FOUND', outcome.version === undefined ? `${outcome.subgraph} is not in the graph` : `${outcome.subgraph} has no version ${outcome.version}`);
    case 'token_created':
      return { id: outcome.id, token: outcome.token, subgraph: outcome.subgraph, scopes: outcome.scopes };
    case 'token_revoked':
      return { ok: true };
    case 'token_not_found':
      return refusalBody('NOT_FOUND', 'No such active token');
    case 'host_not_approved':
      return refusalBody('FORBIDDEN', `${outcome.host} is not an approved host for ${outcome.subgraph}: an admin approves it first (PUT /registry/subgraphs/${outcome.subgraph}/hosts/${outcome.host})`, {
        reason: 'HOST_NOT_APPROVED', compositionErrors: [], changes: [],
      });
    case 'host_approved':
      return { ok: true, subgraph: outcome.subgraph, host: outcome.host, created: outcome.created };
    case 'host_revoked':
      return { ok: true };
    case 'host_not_found':
      return refusalBody('NOT_FOUND', `${outcome.host} is not approved for ${outcome.subgraph}`);
    case 'client_published':
      return { ok: true, ...outcome.version };
    case 'client_unchanged':
      return { ok: true, unchanged: true, ...outcome.version };
    case 'client_version_conflict':
      return refusalBody('CONFLICT', `${outcome.client} ${outcome.version} is registered with other operations: a version is immutable, register a new one`);
    case 'bad_manifest':
      return refusalBody('BAD_USER_INPUT', `The manifest is not valid: ${outcome.problems.join('; ')}`, { problems: outcome.problems });
    case 'invalid_operations':
      return refusalBody(
        'GRAPHQL_VALIDATION_FAILED',
        `${outcome.operations.length} operation(s) do not validate against the graph: ${outcome.operations.map((operation) => operation.name).join(', ')}`,
        { operations: outcome.operations },
      );
  }
}

const send = (res: express.Response, outcome: RegistryOutcome) => res.status(httpStatusOf(outcome)).json(httpBodyOf(outcome));

/**
 * The registry's HTTP API (docs/ARCHITECTURE.md, "Registry"). Callers: admins and publishers —
 * a publisher JWT (`role: publisher`, claim `subgraph`) or an opaque `hubp_…` token an admin
 * created, both limited to one subgraph.
 */
export function registryRouter(options: RegistryRouterOptions): express.Router {
  const { registry } = options;
  const { storage } = registry;
  const router = express.Router();
  router.use(express.json({ limit: '2mb' }));
  mountRegistryPage(router);

  const actorOf = async (req: express.Request): Promise<Actor> => {
    const authorization = req.headers.authorization;
    if (!authorization) throw new HttpRefusal(401, 'UNAUTHENTICATED', 'The registry needs Authorization: Bearer <admin or publisher token>');
    const bearer = /^Bearer\s+(\S+)$/i.exec(authorization.trim())?.[1];
    if (bearer?.startsWith(TOKEN_PREFIX)) {
      const grant = await registry.verifyToken(bearer);
      if (!grant) throw new HttpRefusal(401, 'UNAUTHENTICATED', 'The publisher token is unknown or revoked');
      return { label: `token:${grant.id}`, admin: false, subgraph: grant.subgraph, canForce: grant.scopes.includes('force') };
    }
    const identity = await options.identify(authorization).catch(() => {
      throw new HttpRefusal(401, 'UNAUTHENTICATED', 'The bearer token is invalid or expired');
    });
    if (identity.role === 'admin') return { label: `admin:${identity.sub ?? 'admin'}`, admin: true, subgraph: null, canForce: true };
    if (identity.role === 'publisher' && (identity.subgraph || identity.client)) {
      const scope = identity.subgraph ?? `client:${identity.client}`;
      return { label: `publisher:${scope}${identity.sub ? `/${identity.sub}` : ''}`, admin: false, subgraph: identity.subgraph ?? null, client: identity.client ?? null, canForce: false };
    }
    throw new HttpRefusal(403, 'FORBIDDEN', `The ${identity.role} role has no access to the registry`, `${identity.role}:${identity.sub ?? identity.org ?? ''}`);
  };

  const mayChange = (actor: Actor, name: string) => {
    if (actor.admin) return;
    if (!actor.subgraph) throw new HttpRefusal(403, 'FORBIDDEN', `This token may register versions of the client ${actor.client}, not publish subgraphs`, actor.label);
    if (options.reserved.has(name)) throw new HttpRefusal(403, 'FORBIDDEN', `${name} is a core subgraph: only the system and admins change it`, actor.label);
    if (actor.subgraph !== name) throw new HttpRefusal(403, 'FORBIDDEN', `This token may publish ${actor.subgraph}, not ${name}`, actor.label);
  };
  const hostOf = (req: express.Request): string => {
    const host = normalizeHost(String(req.params.host));
    if (!host) throw new HttpRefusal(400, 'BAD_USER_INPUT', 'A host is a name or address with an optional port, e.g. ministry.example:8443');
    return host;
  };
  const adminOnly = (actor: Actor) => {
    if (!actor.admin) throw new HttpRefusal(403, 'FORBIDDEN', 'Only an admin may do this', actor.label);
  };
  const nameOf = (req: express.Request): string => {
    const name = String(req.params.name);
    if (!SUBGRAPH_NAME.test(name)) throw new HttpRefusal(400, 'BAD_USER_INPUT', 'A subgraph name is 2-64 of a-z, 0-9 and -, starting with a letter');
    return name;
  };
  const bodyOf = <T>(schema: z.ZodType<T>, req: express.Request): T => {
    const parsed = schema.safeParse(req.body ?? {});
    if (!parsed.success) throw new HttpRefusal(400, 'BAD_USER_INPUT', z.prettifyError(parsed.error));
    return parsed.data;
  };

  /** Runs one request; refusals answer with their status and, for audited actions, leave an audit row. */
  const handle =
    (action: RegistryAction | null, run: (req: express.Request, res: express.Response) => Promise<void>) =>
    async (req: express.Request, res: express.Response) => {
      try {
        await run(req, res);
      } catch (error) {
        const refusal = error instanceof HttpRefusal ? error : null;
        if (!refusal) options.log(`registry ${req.method} ${req.path} failed: ${(error as Error).stack ?? error}`);
        const status = refusal?.status ?? 500;
        const code = refusal?.code ?? 'INTERNAL_SERVER_ERROR';
        if (action && action !== 'token') {
          await storage
            .audit({
              action,
              subgraph: typeof req.params.name === 'string' ? req.params.name.slice(0, 64) : null,
              actor: refusal?.actor ?? (req.headers.authorization ? 'invalid-token' : 'anonymous'),
              outcome: code.toLowerCase(),
              status,
            })
            .catch(() => undefined);
        }
        res.status(status).json(refusalBody(code, refusal?.message ?? 'The registry failed; see the gateway log'));
      }
    };

  const changed = async (outcome: RegistryOutcome) => {
    if (outcome.kind === 'published') await options.afterChange();
    return outcome;
  };

  router.get('/supergraph', handle(null, async (req, res) => {
    await actorOf(req);
    const active = await storage.active();
    if (!active) throw new HttpRefusal(404, 'NOT_FOUND', 'No supergraph yet');
    res.type('text/plain').set('x-supergraph-version', String(active.id)).send(active.sdl);
  }));
  router.get('/subgraphs', handle(null, async (req, res) => {
    await actorOf(req);
    res.json({ subgraphs: await storage.list() });
  }));
  router.get('/subgraphs/:name/versions', handle(null, async (req, res) => {
    await actorOf(req);
    const versions = await storage.versions(nameOf(req));
    if (!versions) throw new HttpRefusal(404, 'NOT_FOUND', `No subgraph ${req.params.name}`);
    res.json({ subgraph: req.params.name, versions });
  }));
  router.post('/subgraphs/:name/check', handle('check', async (req, res) => {
    const actor = await actorOf(req);
    const name = nameOf(req);
    mayChange(actor, name);
    send(res, await registry.check({ name, ...bodyOf(checkBody, req) }, actor));
  }));
  router.post('/subgraphs/:name', handle('publish', async (req, res) => {
    const actor = await actorOf(req);
    const name = nameOf(req);
    mayChange(actor, name);
    const { url, sdl, force } = bodyOf(publishBody, req);
    send(res, await changed(await registry.publish([{ name, url, sdl }], actor, force ?? false)));
  }));
  router.post('/subgraphs/:name/rollback', handle('rollback', async (req, res) => {
    const actor = await actorOf(req);
    const name = nameOf(req);
    mayChange(actor, name);
    const { version, force } = bodyOf(rollbackBody, req);
    send(res, await changed(await registry.rollback(name, version, actor, force ?? false)));
  }));
  router.delete('/subgraphs/:name', handle('delete', async (req, res) => {
    const actor = await actorOf(req);
    adminOnly(actor);
    const force = req.query.force === 'true' || (req.body as { force?: unknown } | undefined)?.force === true;
    send(res, await changed(await registry.remove(nameOf(req), actor, force)));
  }));
  router.post('/tokens', handle('token', async (req, res) => {
    const actor = await actorOf(req);
    adminOnly(actor);
    const { subgraph, scopes, label } = bodyOf(tokenBody, req);
    if (options.reserved.has(subgraph)) throw new HttpRefusal(403, 'FORBIDDEN', `${subgraph} is a core subgraph: no publisher token is issued for it`, actor.label);
    send(res, await registry.issueToken(subgraph, scopes, label, actor));
  }));
  router.delete('/tokens/:id', handle('token', async (req, res) => {
    const actor = await actorOf(req);
    adminOnly(actor);
    if (!z.string().uuid().safeParse(req.params.id).success) throw new HttpRefusal(400, 'BAD_USER_INPUT', 'A token id is a UUID');
    send(res, await registry.revokeToken(String(req.params.id), actor));
  }));
  router.get('/subgraphs/:name/hosts', handle(null, async (req, res) => {
    const actor = await actorOf(req);
    const name = nameOf(req);
    if (!actor.admin && actor.subgraph !== name) throw new HttpRefusal(403, 'FORBIDDEN', `This token may see ${actor.subgraph}, not ${name}`, actor.label);
    res.json({ subgraph: name, approved: [...((await storage.approvedHosts()).get(name) ?? [])].sort(), defaults: options.defaultHosts });
  }));
  router.put('/subgraphs/:name/hosts/:host', handle('host', async (req, res) => {
    const actor = await actorOf(req);
    adminOnly(actor);
    send(res, await registry.approveHost(nameOf(req), hostOf(req), actor));
  }));
  router.delete('/subgraphs/:name/hosts/:host', handle('host', async (req, res) => {
    const actor = await actorOf(req);
    adminOnly(actor);
    send(res, await registry.revokeHost(nameOf(req), hostOf(req), actor));
  }));
  const clientOf = (req: express.Request): string => {
    const client = String(req.params.client);
    if (!CLIENT_NAME.test(client)) throw new HttpRefusal(400, 'BAD_USER_INPUT', 'A client name is 2-64 of a-z, 0-9 and . _ -, starting with a letter');
    return client;
  };
  router.post('/clients/:client/versions', handle('client', async (req, res) => {
    const actor = await actorOf(req);
    const client = clientOf(req);
    if (!actor.admin && actor.client !== client) {
      throw new HttpRefusal(403, 'FORBIDDEN', actor.client ? `This token may register ${actor.client}, not ${client}` : 'Registering a client needs an admin token or one scoped to that client', actor.label);
    }
    const { version, manifest } = bodyOf(clientVersionBody, req);
    const outcome = await registry.publishClientVersion(client, version, manifest, actor);
    if (outcome.kind === 'client_published') await options.afterClientChange();
    send(res, outcome);
  }));
  router.get('/clients', handle(null, async (req, res) => {
    await actorOf(req);
    res.json({ clients: await options.views.clients() });
  }));
  router.get('/clients/:client/versions', handle(null, async (req, res) => {
    await actorOf(req);
    const client = clientOf(req);
    const versions = await options.views.clientVersions(client);
    if (versions.length === 0) throw new HttpRefusal(404, 'NOT_FOUND', `No client ${client}`);
    res.json({ client, versions });
  }));
  router.get('/clients/:client/versions/:version', handle(null, async (req, res) => {
    await actorOf(req);
    const client = clientOf(req);
    const operations = await options.views.clientOperations(client, String(req.params.version));
    if (!operations) throw new HttpRefusal(404, 'NOT_FOUND', `${client} has no version ${req.params.version}`);
    res.json({ client, version: req.params.version, operations });
  }));
  router.get('/usage', handle(null, async (req, res) => {
    await actorOf(req);
    const coordinate = typeof req.query.coordinate === 'string' ? req.query.coordinate : '';
    if (!/^[_A-Za-z][_0-9A-Za-z]*(\.[_A-Za-z][_0-9A-Za-z]*){0,2}$/.test(coordinate)) {
      throw new HttpRefusal(400, 'BAD_USER_INPUT', 'coordinate is a schema coordinate: Type, Type.field or Type.field.argument');
    }
    res.json(await options.views.usersOf(coordinate));
  }));
  router.get('/fields', handle(null, async (req, res) => {
    await actorOf(req);
    res.json({ fields: await options.views.fields() });
  }));
  router.get('/supergraphs', handle(null, async (req, res) => {
    await actorOf(req);
    res.json({ supergraphs: await options.views.supergraphHistory() });
  }));
  router.get('/subgraphs/:name/versions/:version/diff', handle(null, async (req, res) => {
    await actorOf(req);
    const version = Number(req.params.version);
    if (!Number.isInteger(version) || version < 1) throw new HttpRefusal(400, 'BAD_USER_INPUT', 'A version is a positive integer');
    const diff = await options.views.versionDiff(nameOf(req), version);
    if (!diff) throw new HttpRefusal(404, 'NOT_FOUND', `${req.params.name} has no version ${version}`);
    res.json(diff);
  }));
  router.get('/audit', handle(null, async (req, res) => {
    adminOnly(await actorOf(req));
    const subgraph = typeof req.query.subgraph === 'string' ? req.query.subgraph : undefined;
    res.json({ entries: await storage.auditLog(subgraph) });
  }));
  // A body that is not JSON, or too large, answers like any other refusal.
  router.use((error: { status?: number; type?: string }, _req: express.Request, res: express.Response, _next: express.NextFunction) => {
    const status = error.status === 413 ? 413 : 400;
    res.status(status).json(refusalBody('BAD_USER_INPUT', status === 413 ? 'The body is larger than 2 MB' : 'The body is not valid JSON'));
  });
  return router;
}
