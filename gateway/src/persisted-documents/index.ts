import type { ApolloServerPlugin, GraphQLRequest } from '@apollo/server';
import type { KeyValueCache, KeyValueCacheSetOptions } from '@apollo/utils.keyvaluecache';
import { GraphQLError } from 'graphql';
import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import { Counter, type Registry } from 'prom-client';
import type { Identity } from '@kepuri/platform';
import type { GatewayContext } from '../context';
import type { GatewayOptions } from '../options';
import type { OpenRegistry } from '../registry';
import { DEFAULT_USAGE, UsageCollector, usagePlugin } from '../usage';

/**
 * `off`: any document runs, nothing counted as refused; `log`: ad-hoc documents of anonymous and
 * public callers run and are logged (once per document); `enforce`: they are refused with
 * PERSISTED_DOCUMENT_REQUIRED. Production's default is `enforce` (docs/ARCHITECTURE.md, "Trusted documents").
 */
export type PersistedDocumentsMode = 'off' | 'log' | 'enforce';

/** Apollo Server's key prefix for automatic persisted queries in its cache. */
const APQ_PREFIX = 'apq:';

/**
 * The registry's trusted documents (every operation of every registered client version), by id
 * (sha256 of the body), held in memory: read once at start and again whenever a client version is
 * registered (on this gateway at once, on the others when the registry's NOTIFY or poll comes).
 */
export class RegisteredDocuments {
  private documents = new Map<string, string>();
  private loadedStamp: string | null = null;

  constructor(
    /** Every document, and a stamp that changes when documents are added (the latest version's id). */
    private readonly source: { documents(): Promise<Map<string, string>>; stamp(): Promise<string | null> } | null = null,
  ) {}

  get(id: string): string | undefined {
    return this.documents.get(id);
  }

  has(id: string | undefined): boolean {
    return id !== undefined && this.documents.has(id);
  }

  get size(): number {
    return this.documents.size;
  }

  /** Reads the documents again when the stamp moved (a cheap query each time; the documents only then). */
  async refresh(): Promise<void> {
    if (!this.source) return;
    const stamp = await this.source.stamp();
    if (stamp === this.loadedStamp) return;
    this.documents = await this.source.documents();
    this.loadedStamp = stamp;
  }

  /**
   * Apollo Server's persisted query store with the registered documents ahead of it: a GET or POST
   * of `extensions.persistedQuery.sha256Hash` finds a registered document first, then an automatic
   * persisted query a client registered (the `apq:` entries of `fallback`).
   */
  persistedQueryStore(fallback: KeyValueCache<string>): KeyValueCache<string> {
    return {
      get: async (key: string) => (key.startsWith(APQ_PREFIX) ? this.documents.get(key.slice(APQ_PREFIX.length)) : undefined) ?? fallback.get(key),
      set: (key: string, value: string, options?: KeyValueCacheSetOptions) => fallback.set(key, value, options),
      delete: (key: string) => fallback.delete(key),
    };
  }
}

/** Roles that keep ad-hoc documents under `enforce`: accounts the hub issued, and subgraphs' own lookups. */
const AD_HOC_ROLES: ReadonlySet<Identity['role']> = new Set(['developer', 'admin', 'organizer', 'supervisor', 'publisher', 'service']);

const refusal = () =>
  new GraphQLError('This gateway runs registered documents only for anonymous and public callers: send a registered document id (documentId or extensions.persistedQuery.sha256Hash), or a developer token', {
    extensions: { code: 'PERSISTED_DOCUMENT_REQUIRED', http: { status: 400 } },
  });

/** Whether a caller of this role may send a document no client registered, in this mode. */
export const mayRunAdHoc = (mode: PersistedDocumentsMode, role: Identity['role']): boolean => mode !== 'enforce' || AD_HOC_ROLES.has(role);

/** The WebSocket's check (graphql-ws onSubscribe): the same rule as over HTTP, on the document's text. */
export function adHocRefusal(mode: PersistedDocumentsMode, documents: RegisteredDocuments) {
  return (query: string, identity: Identity): GraphQLError | null =>
    mayRunAdHoc(mode, identity.role) || documents.has(createHash('sha256').update(query).digest('hex')) ? null : refusal();
}

/** The GraphQL-over-HTTP persisted documents form: `documentId` in a POST body or a GET's query string (`sha256:<hex>` or `<hex>`). */
function documentIdOf(request: GraphQLRequest): string | null {
  const http = request.http;
  if (!http) return null;
  if (http.method === 'GET') return new URLSearchParams(http.search).get('documentId');
  const body = http.body as { documentId?: unknown } | null | undefined;
  return typeof body?.documentId === 'string' ? body.documentId : null;
}

/**
 * Executes registered documents by id and applies the mode to everything else. Over HTTP and over
 * the WebSocket's queries (both reach Apollo Server); the gateway's own lookups are exempt.
 */
export function persistedDocumentsPlugin(options: {
  mode: PersistedDocumentsMode;
  documents: RegisteredDocuments;
  metrics: Registry;
  log: (message: string) => void;
}): ApolloServerPlugin<GatewayContext> {
  const { mode, documents } = options;
  const operations = new Counter({
    name: 'hub_persisted_documents_total',
    help: 'Operations by whether their document is registered (registered, ad_hoc) and ad-hoc ones refused under enforce (refused)',
    labelNames: ['kind'],
    registers: [options.metrics],
  });
  // `log` names each ad-hoc document once (per gateway, the latest 1,000), not once per request.
  const logged = new LRUCache<string, true>({ max: 1_000 });
  return {
    async requestDidStart({ request }) {
      const documentId = documentIdOf(request);
      let unknownDocument: string | null = null;
      if (documentId !== null && !request.query) {
        const body = documents.get(documentId.replace(/^sha256:/, ''));
        if (body) request.query = body;
        else unknownDocument = documentId;
      }
      return {
        async didResolveOperation({ contextValue, queryHash, operationName }) {
          if (contextValue.internal) return;
          if (documents.has(queryHash)) {
            operations.inc({ kind: 'registered' });
            return;
          }
          operations.inc({ kind: 'ad_hoc' });
          if (mode === 'off' || AD_HOC_ROLES.has(contextValue.identity.role)) return;
          if (mode === 'log') {
            if (!logged.has(queryHash)) options.log(`persisted documents (log): an ad-hoc document from a ${contextValue.identity.role} caller, operation ${operationName ?? '(anonymous)'}, sha256 ${queryHash}`);
            logged.set(queryHash, true);
            return;
          }
          operations.inc({ kind: 'refused' });
          throw refusal();
        },
        async willSendResponse({ response }) {
          // Apollo answered that there was no query: the id was no registered document.
          if (unknownDocument === null || response.body.kind !== 'single' || response.body.singleResult.data) return;
          response.body.singleResult.errors = [{ message: `No registered document has the id ${unknownDocument}`, extensions: { code: 'PERSISTED_DOCUMENT_NOT_FOUND' } }];
          response.http.status = 400;
        },
      };
    },
  };
}

/** What the gateway's servers take of trusted documents and usage (built once in app.ts). */
export interface TrustedDocuments {
  /** Registered documents, served ahead of APQ. */
  store: RegisteredDocuments;
  /** Apollo Server plugins: the mode, by id, and usage recording. */
  plugins: ApolloServerPlugin<GatewayContext>[];
  /** The WebSocket's check of ad-hoc documents. */
  adHocRefusal: (query: string, identity: Identity) => GraphQLError | null;
  /** Writes the usage counted since the last flush (before the registry's database closes). */
  stop(): Promise<void>;
}

/** Trusted documents and usage for this gateway; without a registry no document is registered and nothing is recorded. */
export function trustedDocuments(options: GatewayOptions, parts: { registry: OpenRegistry | null; metrics: Registry; log: { info(message: string): void; error(message: string): void } }): TrustedDocuments {
  const mode = options.persistedDocuments ?? 'off';
  const { registry } = parts;
  const usage = registry ? new UsageCollector((rows, days) => registry.clients.recordUsage(rows, days), { ...DEFAULT_USAGE, ...options.usage }, parts.log.error) : null;
  const store = registry?.documents ?? new RegisteredDocuments();
  return {
    store,
    plugins: [persistedDocumentsPlugin({ mode, documents: store, metrics: parts.metrics, log: parts.log.info }), ...(usage ? [usagePlugin(usage)] : [])],
    adHocRefusal: adHocRefusal(mode, store),
    stop: async () => usage?.stop(),
  };
}
