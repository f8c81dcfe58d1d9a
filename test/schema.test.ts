import { composeServices } from '@apollo/composition';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { Kind, parse, type FieldDefinitionNode, type TypeNode } from 'graphql';
import { GENERATED_HEADER } from '@kepuri/platform';
import { generateSchemas, schemaFiles } from '../scripts/lib/supergraph';

const root = path.resolve(__dirname, '..');

describe('generated schema files', () => {
  it('are what `npm run schema` prints from the code today (run it and commit when this fails)', async () => {
    const files = schemaFiles(await generateSchemas());
    expect([...files.keys()].sort()).toEqual([
      'schema/activities.graphql', 'schema/evaluations.graphql', 'schema/organizations.graphql',
      'schema/supergraph.graphql', 'schema/volunteering.graphql',
    ]);
    for (const [file, expected] of files) {
      const committed = await readFile(path.join(root, file), 'utf8');
      expect({ file, stale: committed !== expected }).toEqual({ file, stale: false });
      expect(committed.split('\n')[0]).toBe(GENERATED_HEADER);
    }
  });

  it('compose again from the committed subgraph SDL into the committed supergraph', async () => {
    const names = ['activities', 'organizations', 'volunteering', 'evaluations'];
    const services = await Promise.all(
      names.map(async (name, index) => ({
        name,
        url: `http://localhost:${4001 + index}/graphql`,
        typeDefs: parse(await readFile(path.join(root, `schema/${name}.graphql`), 'utf8')),
      })),
    );
    const composition = composeServices(services);
    expect(composition.errors).toBeUndefined();
    const committed = await readFile(path.join(root, 'schema/supergraph.graphql'), 'utf8');
    expect(committed).toBe(`${GENERATED_HEADER}\n${composition.supergraphSdl!.trimEnd()}\n`);
  });

  it('expose the names clients depend on (ARCHITECTURE.md)', async () => {
    const { supergraphSdl } = await generateSchemas();
    const { Supergraph } = await import('@apollo/federation-internals');
    const api = Supergraph.build(supergraphSdl).apiSchema().toAPISchema().toGraphQLJSSchema();
    const query = api.getQueryType()!.getFields();
    for (const field of ['campaign', 'campaigns', 'activity', 'activities', 'region', 'regions', 'organization', 'organizations']) {
      expect(query[field]).toBeDefined();
    }
    const activity = (api.getType('Activity') as import('graphql').GraphQLObjectType).getFields();
    for (const field of ['id', 'title', 'campaign', 'region', 'organizer', 'mode', 'category', 'jointAction', 'startsAt', 'endsAt',
      'status', 'checkInCount', 'volunteerCount', 'serviceHours', 'feedbackCount', 'averageRating']) {
      expect(activity[field]).toBeDefined();
    }
    const filter = (api.getType('ActivityFilter') as import('graphql').GraphQLInputObjectType).getFields();
    for (const field of ['campaign', 'regionCode', 'organizerId', 'keyword']) expect(filter[field]).toBeDefined();
  });
});

/** Who owns each entity (ARCHITECTURE.md, Entities): the others only add fields to it or point at it. */
const ENTITY_OWNERS: Record<string, string> = {
  Campaign: 'activities',
  Activity: 'activities',
  Region: 'organizations',
  Organization: 'organizations',
  Volunteer: 'volunteering',
  VolunteerTeam: 'volunteering',
  Feedback: 'evaluations',
  Recommendation: 'evaluations',
  Assessment: 'evaluations',
  CampaignParticipation: 'evaluations',
};

const ROOT_TYPES = new Set(['Query', 'Mutation', 'Subscription']);
const namedType = (type: TypeNode): string => (type.kind === Kind.NAMED_TYPE ? type.name.value : namedType(type.type));
const hasDirective = (field: FieldDefinitionNode, name: string) => (field.directives ?? []).some((directive) => directive.name.value === name);

describe('nullability across subgraphs (ARCHITECTURE.md, decision)', () => {
  it('every field another subgraph resolves is nullable: fields added to another\'s entity, references to another\'s entity, fields that @require another\'s', async () => {
    const offending: string[] = [];
    for (const subgraph of ['activities', 'organizations', 'volunteering', 'evaluations']) {
      const document = parse(await readFile(path.join(root, `schema/${subgraph}.graphql`), 'utf8'));
      for (const definition of document.definitions) {
        if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION || ROOT_TYPES.has(definition.name.value)) continue;
        const type = definition.name.value;
        const key = definition.directives?.find((directive) => directive.name.value === 'key');
        if (key && !ENTITY_OWNERS[type]) offending.push(`${type}: an entity without an owner in ENTITY_OWNERS (and ARCHITECTURE.md)`);
        const keyFields = new Set(key?.arguments?.flatMap((argument) => (argument.value.kind === Kind.STRING ? argument.value.value.split(/\s+/) : [])) ?? []);
        for (const field of definition.fields ?? []) {
          if (field.type.kind !== Kind.NON_NULL_TYPE || keyFields.has(field.name.value) || hasDirective(field, 'external')) continue;
          const target = namedType(field.type);
          const reason = key && ENTITY_OWNERS[type] !== subgraph ? `added by ${subgraph} to ${ENTITY_OWNERS[type]}'s entity`
            : ENTITY_OWNERS[target] && ENTITY_OWNERS[target] !== subgraph ? `returns ${ENTITY_OWNERS[target]}'s entity`
              : hasDirective(field, 'requires') ? 'needs other subgraphs\' fields (@requires)'
                : null;
          if (reason) offending.push(`${subgraph}: ${type}.${field.name.value} is non-null but ${reason}`);
        }
      }
    }
    expect(offending).toEqual([]);
  });
});
