import { composeServices } from '@apollo/composition';
import { parse } from 'graphql';
import { GENERATED_HEADER, buildSubgraphSchema } from '@kepuri/platform';
import { CORE_SUBGRAPHS } from './subgraphs';

export interface GeneratedSchemas {
  subgraphs: Array<{ name: string; url: string; sdl: string }>;
  supergraphSdl: string;
}

/** Prints each core subgraph's SDL from its code and composes the supergraph from them. */
export async function generateSchemas(): Promise<GeneratedSchemas> {
  const subgraphs = [];
  for (const subgraph of CORE_SUBGRAPHS) {
    const { sdl } = await buildSubgraphSchema(subgraph.definition);
    subgraphs.push({ name: subgraph.name, url: subgraph.defaultUrl, sdl });
  }
  const composition = composeServices(subgraphs.map(({ name, url, sdl }) => ({ name, url, typeDefs: parse(sdl) })));
  if (composition.errors) {
    throw new Error(`The core subgraphs do not compose:\n${composition.errors.map((error) => `- ${error.message}`).join('\n')}`);
  }
  return { subgraphs, supergraphSdl: composition.supergraphSdl };
}

/** The files `npm run schema` writes, path → content, each starting with the generated header. */
export function schemaFiles(schemas: GeneratedSchemas): Map<string, string> {
  const files = new Map<string, string>();
  for (const { name, sdl } of schemas.subgraphs) files.set(`schema/${name}.graphql`, `${GENERATED_HEADER}\n${sdl.trimEnd()}\n`);
  files.set('schema/supergraph.graphql', `${GENERATED_HEADER}\n${schemas.supergraphSdl.trimEnd()}\n`);
  return files;
}
