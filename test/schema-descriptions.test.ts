import { ApolloGateway } from '@apollo/gateway';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import {
  parse, type DefinitionNode, type StringValueNode,
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

const SUBGRAPHS = ['activities', 'organizations', 'volunteering', 'evaluations'];

/** Each type, field, argument and enum value a subgraph's committed SDL declares, with its description. */
function declaredDescriptions(definitions: readonly DefinitionNode[]): Map<string, string | undefined> {
  const declared = new Map<string, string | undefined>();
  type Described = { name: { value: string }; description?: StringValueNode };
  const note = (coordinate: string, node: Described) => declared.set(coordinate, node.description?.value);
  for (const definition of definitions) {
    if (!('name' in definition) || !definition.name || definition.kind === 'DirectiveDefinition') continue;
    const type = definition as Described & { fields?: readonly (Described & { arguments?: readonly Described[] })[]; values?: readonly Described[] };
    note(type.name.value, type);
    for (const field of type.fields ?? []) {
      note(`${type.name.value}.${field.name.value}`, field);
      for (const arg of field.arguments ?? []) note(`${type.name.value}.${field.name.value}(${arg.name.value}:)`, arg);
    }
    for (const value of type.values ?? []) note(`${type.name.value}.${value.name.value}`, value);
  }
  return declared;
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

  it('are the same in every subgraph that declares an element (composition keeps only one of them)', async () => {
    const bySubgraph = await Promise.all(SUBGRAPHS.map(async (name) => ({
      name,
      declared: declaredDescriptions(parse(await readFile(path.join(root, `schema/${name}.graphql`), 'utf8')).definitions),
    })));
    const texts = new Map<string, Map<string, string[]>>();
    for (const { name, declared } of bySubgraph) {
      for (const [coordinate, description] of declared) {
        const seen = texts.get(coordinate) ?? new Map<string, string[]>();
        const text = description ?? '(none)';
        seen.set(text, [...(seen.get(text) ?? []), name]);
        texts.set(coordinate, seen);
      }
    }
    // Region is declared by all four (the owner and three that extend it): the walk reaches the stubs.
    expect([...texts.get('Region')!.values()].flat().sort()).toEqual([...SUBGRAPHS].sort());
    const differing = [...texts]
      .filter(([, seen]) => seen.size > 1)
      .map(([coordinate, seen]) => `${coordinate}: ${[...seen].map(([text, names]) => `${names.join('+')} ${JSON.stringify(text)}`).join(' vs ')}`);
    expect(differing).toEqual([]);
  });

  it('tells a missing part apart (the check itself can fail)', () => {
    expect(gapOf(undefined)).toBe('no description');
    expect(gapOf('   ')).toBe('no description');
    expect(gapOf('The activity.')).toMatch(/^no Chinese term:/);
    expect(gapOf('活动')).toMatch(/^no English gloss:/);
    expect(gapOf('活动 — one registered science-day activity.')).toBe('');
  });
});
