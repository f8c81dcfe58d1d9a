import { Supergraph } from '@apollo/federation-internals';
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { parse, type GraphQLSchema } from 'graphql';
import { DEFAULT_LIMITS, limitChecker } from '../../gateway/src/limits';

/** The operation limits on the hub's own API schema (no servers needed: the rules are pure). */
const schemaDir = path.resolve(__dirname, '../../schema');
const schema: GraphQLSchema = Supergraph.build(readFileSync(path.join(schemaDir, 'supergraph.graphql'), 'utf8')).apiSchema().toGraphQLJSSchema();
const checker = limitChecker(DEFAULT_LIMITS);
const errorsOf = (query: string, variables?: Record<string, unknown>) => checker.check(schema, parse(query), undefined, variables).map((error) => error.extensions);

describe('operation limits', () => {
  it('lets every example operation of schema/operations through', () => {
    for (const file of readdirSync(path.join(schemaDir, 'operations'))) {
      const query = readFileSync(path.join(schemaDir, 'operations', file), 'utf8');
      expect([file, errorsOf(query, { campaign: 2020, organization: 'x', activityId: 'x', rating: 5, first: 200 })]).toEqual([file, []]);
    }
  });

  it('multiplies by first including variables and their defaults (the default of a variable is not free)', () => {
    const nested = 'query($n: Int = 200) { activities(first: $n) { edges { node { organizer { volunteers(first: $n) { edges { node { id name } } } } } } } }';
    expect(errorsOf(nested)).toEqual([expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', limit: 'cost', cost: 1 + 200 * (1 + 1 + (1 + (1 + 200 * (1 + 1 + 2)))) })]);
    expect(errorsOf(nested, { n: 2 })).toEqual([]);
    expect(errorsOf('{ activities(first: 200) { edges { node { id title } } } }')).toEqual([]);
  });

  it('counts a list without first at its cap', () => {
    // regions × children × children: 200 × 200 × …, where counting each list once would say 7.
    expect(errorsOf('{ regions { children { children { code name } } } }')).toEqual([expect.objectContaining({ limit: 'cost' })]);
    expect(errorsOf('{ regions { code name } }')).toEqual([]);
  });

  it('limits depth, aliases and directives (graphql-armor) and tokens', () => {
    const deep = '{ activity(id: "x") { organizer { region { parent { parent { parent { parent { parent { parent { parent { parent { parent { code } } } } } } } } } } } } }';
    expect(errorsOf(deep)).toEqual([expect.objectContaining({ code: 'QUERY_TOO_COMPLEX', limit: 'depth' })]);
    const aliases = `{ ${Array.from({ length: 31 }, (_, i) => `a${i}: campaigns { year }`).join(' ')} }`;
    expect(errorsOf(aliases)).toEqual([expect.objectContaining({ limit: 'aliases' })]);
    const directives = `{ campaigns { ${Array.from({ length: 21 }, () => 'year @include(if: true)').join(' ')} } }`;
    expect(errorsOf(directives)).toEqual([expect.objectContaining({ limit: 'directives' })]);
    expect(() => checker.parse(`{ ${'__typename '.repeat(2_001)} }`)).toThrow(expect.objectContaining({ extensions: expect.objectContaining({ limit: 'tokens' }) }));
  });

  it('lets the playground introspection through but not lists nested deeper inside it', () => {
    const { getIntrospectionQuery } = jest.requireActual<typeof import('graphql')>('graphql');
    expect(errorsOf(getIntrospectionQuery({ descriptions: true, inputValueDeprecation: true }))).toEqual([]);
    expect(errorsOf('{ __schema { types { fields { type { fields { type { fields { name } } } } } } } }')).toEqual([expect.objectContaining({ limit: 'depth' })]);
  });
});
