import { composeServices } from '@apollo/composition';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'graphql';
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
