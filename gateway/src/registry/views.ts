import type { ClientStorage } from './client-storage';
import { ANONYMOUS_OPERATION } from './clients';
import { isInputObjectType, isInterfaceType, isObjectType } from 'graphql';
import { apiSchema, diffSubgraphSdl } from './compose';
import { publicVersion, type RegistryStorage } from './storage';

/**
 * What the registry shows (its GET endpoints and the /registry page): supergraph history, a subgraph
 * version's diff against the one before it, clients and their documents, and who uses a coordinate.
 * Reads only.
 */
export class RegistryViews {
  constructor(
    private readonly storage: RegistryStorage,
    private readonly clientStorage: ClientStorage,
    /** The usage window (days), as the checks judge it. */
    readonly usageDays: number,
  ) {}

  clients() {
    return this.clientStorage.clients();
  }

  clientVersions(client: string) {
    return this.clientStorage.versionSummaries(client);
  }

  clientOperations(client: string, version: string) {
    return this.clientStorage.operations(client, version);
  }

  /** Every field clients can select or write (`Type.field`) in the graph in force, sorted. */
  async fields(): Promise<string[]> {
    const active = await this.storage.active();
    if (!active) return [];
    const schema = apiSchema(active.sdl);
    const fields: string[] = [];
    for (const type of Object.values(schema.getTypeMap())) {
      if (type.name.startsWith('__') || !(isObjectType(type) || isInterfaceType(type) || isInputObjectType(type))) continue;
      for (const field of Object.keys(type.getFields())) fields.push(`${type.name}.${field}`);
    }
    return fields.sort();
  }

  supergraphHistory() {
    return this.storage.supergraphHistory();
  }

  /** A version of a subgraph, the one before it, and the changes between their SDLs; null for no such version. */
  async versionDiff(subgraph: string, version: number) {
    const stored = await this.storage.version(subgraph, version);
    if (!stored) return null;
    const previous = await this.storage.previousVersion(subgraph, version);
    // A stored SDL composed once, but a subgraph schema of its own may still not build (a directive it
    // never defined): the page then shows the SDL and why there is no diff, rather than failing.
    const diffed = await diffSubgraphSdl(previous?.sdl ?? null, stored.sdl).then(
      (changes) => ({ changes }),
      (error: unknown) => ({ changes: [], diffError: (error as Error).message }),
    );
    return { subgraph, version: publicVersion(stored), previous: previous ? publicVersion(previous) : null, ...diffed, sdl: stored.sdl };
  }

  /** The clients (name, version) whose active registered operations or recent requests use `coordinate`. */
  async usersOf(coordinate: string) {
    const users = await this.clientStorage.usersOf([coordinate], this.usageDays);
    const byClient = new Map<string, { name: string; version: string; operations: string[]; requests: number; registered: boolean }>();
    for (const user of users) {
      const key = `${user.client}@${user.version}`;
      const entry = byClient.get(key) ?? { name: user.client, version: user.version, operations: [], requests: 0, registered: false };
      const operation = user.operation || ANONYMOUS_OPERATION;
      if (!entry.operations.includes(operation)) entry.operations.push(operation);
      entry.requests += user.requests;
      entry.registered ||= user.registered;
      byClient.set(key, entry);
    }
    const clients = [...byClient.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
    return { coordinate, days: this.usageDays, clients };
  }
}
