import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { DataSource } from 'typeorm';
import { openGatewayDatabase } from '../db/data-source';
import type { SubgraphInput } from './compose';
import { SYSTEM_ACTOR, SubgraphRegistry } from './registry';
import { RegistrySupergraphSource } from './supergraph-source';

/** The hub's own subgraphs and the routing URLs of `npm start` (the committed supergraph's). */
export const CORE_SUBGRAPHS = [
  { name: 'activities', url: 'http://localhost:4001/graphql' },
  { name: 'organizations', url: 'http://localhost:4002/graphql' },
  { name: 'volunteering', url: 'http://localhost:4003/graphql' },
  { name: 'evaluations', url: 'http://localhost:4004/graphql' },
] as const;

export const isCoreSubgraph = (name: string): boolean => CORE_SUBGRAPHS.some((core) => core.name === name);

export interface RegistryOptions {
  /** The gateway's own PostgreSQL database. */
  databaseUrl: string;
  /** Folder of the committed `<name>.graphql` of the core subgraphs (default: the repository's `schema/`). */
  schemaDir?: string;
  /** Fallback poll of the active supergraph (default 5 s); NOTIFY normally tells at once. */
  pollIntervalMs?: number;
}

export interface OpenRegistry {
  registry: SubgraphRegistry;
  source: RegistrySupergraphSource;
  /** SELECT 1 on the gateway's database (readiness). */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

/** The core subgraphs from their committed SDL, routed to `urls[name]` when given. */
export async function coreSubgraphInputs(schemaDir: string, urls: Record<string, string> = {}): Promise<SubgraphInput[]> {
  return Promise.all(
    CORE_SUBGRAPHS.map(async ({ name, url }) => ({
      name,
      url: urls[name] ?? url,
      sdl: await readFile(path.join(schemaDir, `${name}.graphql`), 'utf8'),
    })),
  );
}

/**
 * Opens the registry: migrates the gateway's database and registers the four core subgraphs from
 * their committed SDL through the same publish path as any ministry's (an unchanged SDL and URL
 * make no new version). If they do not compose with what is registered, the active supergraph keeps
 * serving and the refusal is logged; with nothing registered yet the gateway cannot start.
 */
export async function openRegistry(options: RegistryOptions, subgraphUrls: Record<string, string>, log: (message: string) => void): Promise<OpenRegistry> {
  const db: DataSource = await openGatewayDatabase(options.databaseUrl);
  try {
    const registry = new SubgraphRegistry(db);
    const core = await coreSubgraphInputs(options.schemaDir ?? path.resolve(__dirname, '../../../schema'), subgraphUrls);
    const registered = await registry.publish(core, SYSTEM_ACTOR, true);
    if (registered.status === 201) log(`registered the core subgraphs as supergraph version ${registered.body.supergraphVersion}`);
    else if (registered.status !== 200) {
      const detail = JSON.stringify(registered.body.compositionErrors ?? registered.body.error);
      if (!(await registry.active())) throw new Error(`The core subgraphs could not be registered: ${detail}`);
      log(`the core subgraphs were refused (${registered.status}), serving the registered supergraph: ${detail}`);
    }
    const source = new RegistrySupergraphSource({ registry, databaseUrl: options.databaseUrl, pollIntervalMs: options.pollIntervalMs ?? 5_000, log });
    let closed = false;
    return {
      registry,
      source,
      ping: () => db.query('SELECT 1').then(() => true, () => false),
      async close() {
        if (closed) return;
        closed = true;
        await source.stop();
        await db.destroy();
      },
    };
  } catch (error) {
    await db.destroy();
    throw error;
  }
}
