import { getOperationAST, parse, specifiedRules, validate, type GraphQLSchema } from 'graphql';
import type { ClientStorage, ClientOperation, ClientVersionSummary, CoordinateUser } from './client-storage';
import { schemaCoordinates } from './coordinates';
import { sha256, type ClientRef, type SchemaChange } from './compose';

/** Apollo's persisted query manifest (`@apollo/generate-persisted-query-manifest`), as the HTTP layer parsed it. */
export interface PersistedQueryManifest {
  format: 'apollo-persisted-query-manifest';
  version: 1;
  operations: Array<{ id: string; name: string; type: string; body: string }>;
}

/** An operation of a manifest the graph refuses, and why. */
export interface InvalidOperation {
  id: string;
  name: string;
  errors: string[];
}

export type ClientOutcome =
  | { kind: 'client_published'; version: ClientVersionSummary }
  /** The same manifest was registered under this version already: nothing stored. */
  | { kind: 'client_unchanged'; version: ClientVersionSummary }
  /** The version exists with other documents: versions are immutable. */
  | { kind: 'client_version_conflict'; client: string; version: string }
  /** An id that is not the sha256 of its body, a body with not exactly one operation, a name or type that is not the body's. */
  | { kind: 'bad_manifest'; problems: string[] }
  | { kind: 'invalid_operations'; operations: InvalidOperation[] };

/**
 * Checks a manifest against the graph and returns its operations with the coordinates each uses,
 * or why it is refused. Each operation's body is parsed and validated with graphql-js's rules
 * against the API schema in force.
 */
export function readManifest(manifest: PersistedQueryManifest, schema: GraphQLSchema): { operations: ClientOperation[] } | ClientOutcome {
  const problems: string[] = [];
  const invalid: InvalidOperation[] = [];
  const operations: ClientOperation[] = [];
  const seen = new Set<string>();
  for (const operation of manifest.operations) {
    if (sha256(operation.body) !== operation.id) problems.push(`${operation.name}: id ${operation.id} is not the sha256 of its body`);
    if (seen.has(operation.id)) problems.push(`${operation.name}: id ${operation.id} appears twice`);
    seen.add(operation.id);
    let document;
    try {
      document = parse(operation.body);
    } catch (error) {
      invalid.push({ id: operation.id, name: operation.name, errors: [(error as Error).message] });
      continue;
    }
    const ast = getOperationAST(document);
    if (!ast) {
      problems.push(`${operation.name}: a body holds exactly one operation (and its fragments)`);
      continue;
    }
    if ((ast.name?.value ?? '') !== operation.name) problems.push(`${operation.name}: the body's operation is named ${ast.name?.value ?? '(anonymous)'}`);
    if (ast.operation !== operation.type) problems.push(`${operation.name}: the body is a ${ast.operation}, not a ${operation.type}`);
    const errors = validate(schema, document, specifiedRules);
    if (errors.length) {
      invalid.push({ id: operation.id, name: operation.name, errors: errors.map((error) => error.message) });
      continue;
    }
    operations.push({ ...operation, coordinates: schemaCoordinates(schema, document) });
  }
  if (problems.length) return { kind: 'bad_manifest', problems };
  if (invalid.length) return { kind: 'invalid_operations', operations: invalid };
  return { operations };
}

/** A sha256 of the manifest's operations, independent of their order: the same documents give the same digest. */
export const manifestDigest = (manifest: PersistedQueryManifest): string =>
  sha256(manifest.operations.map((operation) => `${operation.id}:${operation.name}`).sort().join('\n'));

/**
 * The coordinates whose users a breaking change breaks: its own path; for a required argument
 * added, the field (every call of it lacks the argument); for an input field or enum value, also
 * the type (a variable of that type may carry it). Empty when the change names no path.
 */
export function affectedCoordinates(change: SchemaChange): string[] {
  if (!change.path) return [];
  const coordinates = [change.path];
  const segments = change.path.split('.');
  if (change.type === 'FIELD_ARGUMENT_ADDED' && segments.length === 3) coordinates.push(segments.slice(0, 2).join('.'));
  if (change.type?.startsWith('INPUT_FIELD') || change.type?.startsWith('ENUM_VALUE')) coordinates.push(segments[0]);
  return coordinates;
}

const ORDER = ['BREAKING', 'DANGEROUS', 'SAFE'];
/** How an operation without a name is shown. */
export const ANONYMOUS_OPERATION = '(anonymous)';

/**
 * Judges each breaking change against the clients (docs/ARCHITECTURE.md, "Usage-aware checks"):
 * one that registered operations of active client versions, or requests of the last `days` days,
 * use stays BREAKING and names those clients and operations; one nothing uses becomes SAFE with the
 * reason. A change without a path cannot be judged and stays BREAKING.
 */
export async function judgeByUsage(changes: SchemaChange[], clients: ClientStorage, days: number): Promise<SchemaChange[]> {
  const breaking = changes.filter((change) => change.criticality === 'BREAKING');
  if (breaking.length === 0) return changes;
  const coordinates = [...new Set(breaking.flatMap(affectedCoordinates))];
  const users = await clients.usersOf(coordinates, days);
  return changes
    .map((change) => {
      if (change.criticality !== 'BREAKING') return change;
      const affected = affectedCoordinates(change);
      if (affected.length === 0) return { ...change, clients: [], operations: [], requests: 0 };
      const using = users.filter((user) => user.coordinates.some((coordinate) => affected.includes(coordinate)));
      if (using.length === 0) {
        return {
          ...change, criticality: 'SAFE' as const, schemaCriticality: 'BREAKING' as const, clients: [], operations: [], requests: 0,
          reason: `unused for ${days} days: no operation of an active client version and no request used ${affected.join(', ')}`,
        };
      }
      return { ...change, clients: distinctClients(using), operations: [...new Set(using.map((user) => user.operation || ANONYMOUS_OPERATION))].sort(), requests: using.reduce((sum, user) => sum + user.requests, 0) };
    })
    .sort((a, b) => ORDER.indexOf(a.criticality) - ORDER.indexOf(b.criticality));
}

function distinctClients(users: CoordinateUser[]): ClientRef[] {
  const byKey = new Map(users.map((user) => [`${user.client}@${user.version}`, { name: user.client, version: user.version }]));
  return [...byKey.values()].sort((a, b) => a.name.localeCompare(b.name) || a.version.localeCompare(b.version));
}

/** A client the hub registers itself at start: its name, the hub's version, and its documents as they are sent. */
export interface StartupClient {
  name: string;
  version: string;
  documents: string[];
}

/** Apollo's manifest of documents, each holding one named operation (and its fragments); unparsable ones are left to the validation. */
export function manifestOf(documents: string[]): PersistedQueryManifest {
  return {
    format: 'apollo-persisted-query-manifest',
    version: 1,
    operations: documents.map((body) => {
      let name = '';
      let type = 'query';
      try {
        const operation = getOperationAST(parse(body));
        name = operation?.name?.value ?? '';
        type = operation?.operation ?? 'query';
      } catch {
        // Reported by readManifest.
      }
      return { id: sha256(body), name, type, body };
    }),
  };
}

/** A hub page's client at start: versioned `<hub version>+<8 hex of its documents>`, so an edited document makes a new version. */
export function startupClient(name: string, hubVersion: string, documents: string[]): StartupClient {
  return { name, version: `${hubVersion}+${sha256(documents.join('\n')).slice(0, 8)}`, documents };
}
