import { readFile } from 'node:fs/promises';
import type { DataSource } from 'typeorm';
import type { SubgraphManifest } from '@kepuri/platform';
import { openGatewayDatabase } from '../db/database';
import { RegisteredDocuments } from '../persisted-documents';
import { ClientStorage } from './client-storage';
import { manifestOf, startupClient, type StartupClient } from './clients';
import { playgroundDocuments } from '../playground';
import type { GatewayPage } from '../options';
import type { SubgraphInput } from './compose';
import { HostApprovals } from './hosts';
import { httpStatusOf } from './http';
import { RegistryPolicy, SYSTEM_CLIENTS_ACTOR } from './policy';
import { RegistryStorage } from './storage';
import { RegistrySupergraphFeed } from './supergraph-feed';
import { RegistryViews } from './views';

export type { StartupClient } from './clients';

export interface RegistryOptions {
  /** The gateway's own PostgreSQL database. */
  databaseUrl: string;
  /** Fallback poll of the active supergraph (default 5 s); NOTIFY normally tells at once. */
  pollIntervalMs?: number;
  /** Hosts every published subgraph may route to without an approval of its own (default: none). */
  approvedHosts?: string[];
  /** Days of usage the checks judge breaking changes by (and the buckets kept; default 30). */
  usageDays?: number;
}

export interface OpenRegistry {
  registry: RegistryPolicy;
  /** The feed of active supergraphs to @apollo/gateway (the property keeps the name its users know). */
  source: RegistrySupergraphFeed;
  /** The approved hosts as this gateway last read them (kept current by the feed). */
  hosts: HostApprovals;
  /** Hosts approved for every subgraph. */
  defaultHosts: readonly string[];
  /** Registered clients and usage buckets. */
  clients: ClientStorage;
  /** What the GET endpoints and the /registry page show. */
  views: RegistryViews;
  /** The trusted documents, kept current with the registry. */
  documents: RegisteredDocuments;
  /** SELECT 1 on the gateway's database (readiness). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** The core subgraphs from their committed SDL, routed to `urls[name]` when given. */
export async function coreSubgraphInputs(core: SubgraphManifest, urls: Record<string, string> = {}): Promise<SubgraphInput[]> {
  return Promise.all(
    core.map(async ({ name, defaultUrl, sdlFile }) => ({ name, url: urls[name] ?? defaultUrl, sdl: await readFile(sdlFile, 'utf8') })),
  );
}

/**
 * Opens the registry: migrates the gateway's database and registers the core subgraphs of the manifest from
 * their committed SDL through the same publish path as any ministry's (an unchanged SDL and URL
 * make no new version). If they do not compose with what is registered, the active supergraph keeps
 * serving and the refusal is logged; with nothing registered yet the gateway cannot start.
 */
export async function openRegistry(
  options: RegistryOptions,
  core: SubgraphManifest,
  subgraphUrls: Record<string, string>,
  log: (message: string) => void,
  /** The hub's own clients (the dashboard page, the playground's examples), registered after the core subgraphs. */
  startupClients: StartupClient[] = [],
): Promise<OpenRegistry> {
  const db: DataSource = await openGatewayDatabase(options.databaseUrl);
  try {
    const storage = new RegistryStorage(db.manager);
    const defaultHosts = options.approvedHosts ?? [];
    const clients = new ClientStorage(db.manager);
    const usageDays = options.usageDays ?? 30;
    const registry = new RegistryPolicy(storage, httpStatusOf, defaultHosts, clients, usageDays);
    const hosts = new HostApprovals(defaultHosts);
    const registered = await registry.registerCore(await coreSubgraphInputs(core, subgraphUrls));
    if (registered.kind === 'published') log(`registered the core subgraphs as supergraph version ${registered.supergraphVersion}`);
    else if (registered.kind !== 'unchanged') {
      const detail = JSON.stringify(registered.kind === 'composition_errors' ? registered.errors : registered);
      if (!(await storage.active())) throw new Error(`The core subgraphs could not be registered: ${detail}`);
      log(`the core subgraphs were refused (${registered.kind}), serving the registered supergraph: ${detail}`);
    }
    for (const client of startupClients) {
      const outcome = await registry.publishClientVersion(client.name, client.version, manifestOf(client.documents), SYSTEM_CLIENTS_ACTOR);
      if (outcome.kind === 'client_published') log(`registered ${client.name} ${client.version} (${outcome.version.operations} operations)`);
      else if (outcome.kind !== 'client_unchanged') log(`${client.name} ${client.version} was not registered (${outcome.kind}): ${JSON.stringify(outcome)}`);
    }
    const documents = new RegisteredDocuments({ documents: () => clients.documents(), stamp: () => clients.latestVersionId() });
    await documents.refresh();
    const feed = new RegistrySupergraphFeed({
      storage, hosts, databaseUrl: options.databaseUrl, pollIntervalMs: options.pollIntervalMs ?? 5_000, log, onRefresh: () => documents.refresh(),
    });
    let closed = false;
    return {
      registry,
      source: feed,
      hosts,
      defaultHosts,
      clients,
      views: new RegistryViews(storage, clients, usageDays),
      documents,
      ping: () => db.query('SELECT 1').then(() => true, () => false),
      async close() {
        if (closed) return;
        closed = true;
        await feed.stop();
        await db.destroy();
      },
    };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}

/**
 * The hub's own pages as clients of the registry: each page that declares its operations (the
 * dashboard), and the playground's examples. Their documents are trusted like any client's.
 */
export function hubClients(pages: GatewayPage[], hubVersion: string): StartupClient[] {
  return [
    ...pages.flatMap((page) => (page.client ? [startupClient(page.client.name, hubVersion, page.client.documents())] : [])),
    startupClient('kepuri-playground', hubVersion, playgroundDocuments()),
  ];
}
