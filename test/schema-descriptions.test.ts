import { ApolloGateway } from '@apollo/gateway';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  isEnumType, isInputObjectType, isInterfaceType, isIntrospectionType, isObjectType, isSpecifiedScalarType,
  type GraphQLArgument, type GraphQLSchema,
} from 'graphql';

const root = path.resolve(__dirname, '..');

/** A Chinese term (a Han character) and an English gloss (a Latin word), e.g. '成员 — users acting for …'. */
const CHINESE_TERM = /\p{Script=Han}/u;
const ENGLISH_GLOSS = /[A-Za-z]{2,}/;

/** What a description lacks ('' when it has both parts), for the failure list. */
function gapOf(description: string | null | undefined): string {
  if (!description?.trim()) return 'no description';
  const missing = [];
  if (!CHINESE_TERM.test(description)) missing.push('Chinese term');
  if (!ENGLISH_GLOSS.test(description)) missing.push('English gloss');
  return missing.length > 0 ? `no ${missing.join(' and no ')}: ${JSON.stringify(description)}` : '';
}

/**
 * Every type, field, argument, input field and enum value clients can see, with its description.
 * Built-in introspection types and the built-in scalars (String, Int, …) are the GraphQL spec's, not ours.
 */
function describedElements(schema: GraphQLSchema): Array<{ element: string; description: string | null | undefined }> {
  const elements: Array<{ element: string; description: string | null | undefined }> = [];
  const argumentsOf = (owner: string, args: readonly GraphQLArgument[]) => {
    for (const arg of args) elements.push({ element: `${owner}(${arg.name}:)`, description: arg.description });
  };
  for (const type of Object.values(schema.getTypeMap())) {
    if (isIntrospectionType(type) || isSpecifiedScalarType(type)) continue;
    elements.push({ element: type.name, description: type.description });
    if (isObjectType(type) || isInterfaceType(type)) {
      for (const field of Object.values(type.getFields())) {
        elements.push({ element: `${type.name}.${field.name}`, description: field.description });
        argumentsOf(`${type.name}.${field.name}`, field.args);
      }
    } else if (isInputObjectType(type)) {
      for (const field of Object.values(type.getFields())) {
        elements.push({ element: `${type.name}.${field.name}`, description: field.description });
      }
    } else if (isEnumType(type)) {
      for (const value of type.getValues()) elements.push({ element: `${type.name}.${value.name}`, description: value.description });
    }
  }
  return elements;
}

describe('schema descriptions (the docs explorer)', () => {
  let apiSchema: GraphQLSchema;
  let gateway: ApolloGateway;

  beforeAll(async () => {
    // The API schema exactly as the gateway serves it: federation plumbing (_Entity, join__*, …) is not in it.
    gateway = new ApolloGateway({ supergraphSdl: await readFile(path.join(root, 'schema/supergraph.graphql'), 'utf8') });
    apiSchema = (await gateway.load()).schema;
  });
  afterAll(() => gateway.stop());

  it('walks the whole API schema (types, fields, arguments, input fields, enum values)', () => {
    const elements = describedElements(apiSchema).map(({ element }) => element);
    expect(elements.length).toBeGreaterThan(300);
    for (const element of ['Activity', 'Activity.title', 'Query.activities(filter:)', 'ActivityFilter.keyword', 'JointAction.WATER_SAVING', 'DateTimeISO']) {
      expect(elements).toContain(element);
    }
    expect(elements).not.toContain('String');
    expect(elements.some((element) => element.startsWith('__') || element.startsWith('_Entity') || element.startsWith('join__'))).toBe(false);
  });

  it('gives each one a Chinese term and a short English gloss', () => {
    const gaps = describedElements(apiSchema)
      .map(({ element, description }) => ({ element, gap: gapOf(description) }))
      .filter(({ gap }) => gap !== '')
      .map(({ element, gap }) => `${element}: ${gap}`);
    expect(gaps).toEqual([]);
  });

  it('tells a missing part apart (the check itself can fail)', () => {
    expect(gapOf(undefined)).toBe('no description');
    expect(gapOf('   ')).toBe('no description');
    expect(gapOf('The activity.')).toMatch(/^no Chinese term:/);
    expect(gapOf('活动')).toMatch(/^no English gloss:/);
    expect(gapOf('活动 — one registered science-day activity.')).toBe('');
  });
});
