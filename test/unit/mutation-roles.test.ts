import { Supergraph } from '@apollo/federation-internals';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { getMetadataStorage } from 'type-graphql';
import { CORE_SUBGRAPHS } from '../../scripts/lib/subgraphs';

/**
 * The table "Who may call each mutation" of docs/ARCHITECTURE.md is the rule: every Mutation field of
 * the graph is in it, and each one's @Authorized roles in the subgraph that owns it are exactly the
 * table's (the battery test, hostile-input.test.ts, sees them refused through the gateway).
 */
const root = path.resolve(__dirname, '../..');

function documentedRoles(): Map<string, string[]> {
  const doc = readFileSync(path.join(root, 'docs/ARCHITECTURE.md'), 'utf8');
  const section = doc.slice(doc.indexOf('**Who may call each mutation (decision).**'));
  const table = new Map<string, string[]>();
  for (const [, names, roles] of section.matchAll(/^\| (`[^|]+`) \| ([a-z, ]+) \|$/gm)) {
    for (const [, name] of names.matchAll(/`(\w+)`/g)) table.set(name, roles.split(',').map((role) => role.trim()).sort());
  }
  return table;
}

it('enforces exactly the documented roles on every mutation of the graph', () => {
  expect(CORE_SUBGRAPHS.length).toBe(4);
  const table = documentedRoles();
  const schema = Supergraph.build(readFileSync(path.join(root, 'schema/supergraph.graphql'), 'utf8')).apiSchema().toGraphQLJSSchema();
  const mutations = Object.keys(schema.getMutationType()!.getFields()).sort();
  expect([...table.keys()].sort()).toEqual(mutations);
  const storage = getMetadataStorage();
  const enforced = new Map<string, string[]>();
  for (const mutation of storage.mutations) {
    const authorized = storage.authorizedFields.find((field) => field.target === mutation.target && field.fieldName === mutation.methodName);
    enforced.set(mutation.schemaName, [...(authorized?.roles ?? ['(none)'])].sort());
  }
  for (const name of mutations) expect([name, enforced.get(name)]).toEqual([name, table.get(name)]);
});
