import { readFile } from 'node:fs/promises';
import type { DataSource } from 'typeorm';
import type { SubgraphManifest } from '@kepuri/platform';
import { openGatewayDatabase } from '../db/database';
import type { SubgraphInput } from './compose';
import { HostApprovals } from './hosts';
import { httpStatusOf } from './http';
import { RegistryPolicy } from './policy';
import { RegistryStorage } from './storage';
import { RegistrySupergraphFeed } from './supergraph-feed';

export interface RegistryOptions {
  /** The gateway's own PostgreSQL database. */
  databaseUrl: string;
  /** Fallback poll of the active supergraph (default 5 s); NOTIFY normally tells at once. */
  pollIntervalMs?: number;
  /** Hosts every published subgraph may route to without an approval of its own (default: none). */
  approvedHosts?: string[];
}

export interface OpenRegistry {
  registry: RegistryPolicy;
  /** The feed of active supergraphs to @apollo/gateway (the property keeps the name its users know). */
  source: RegistrySupergraphFeed;
  /** The approved hosts as this gateway last read them (kept current by the feed). */
  hosts: HostApprovals;
  /** Hosts approved for every subgraph. */
  defaultHosts: readonly string[];
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
): Promise<OpenRegistry> {
  const db: DataSource = await openGatewayDatabase(options.databaseUrl);
  try {
    const storage = new RegistryStorage(db.manager);
    const defaultHosts = options.approvedHosts ?? [];
    const registry = new RegistryPolicy(storage, httpStatusOf, defaultHosts);
    const hosts = new HostApprovals(defaultHosts);
    const registered = await registry.registerCore(await coreSubgraphInputs(core, subgraphUrls));
    if (registered.kind === 'published') log(`registered the core subgraphs as supergraph version ${registered.supergraphVersion}`);
    else if (registered.kind !== 'unchanged') {
      const detail = JSON.stringify(registered.kind === 'composition_errors' ? registered.errors : registered);
      if (!(await storage.active())) throw new Error(`The core subgraphs could not be registered: ${detail}`);
      log(`the core subgraphs were refused (${registered.kind}), serving the registered supergraph: ${detail}`);
    }
    const feed = new RegistrySupergraphFeed({ storage, hosts, databaseUrl: options.databaseUrl, pollIntervalMs: options.pollIntervalMs ?? 5_000, log });
    let closed = false;
    return {
      registry,
      source: feed,
      hosts,
      defaultHosts,
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
