import path from 'node:path';
import type { CoreSubgraph, SubgraphApp, SubgraphDefinition, SubgraphOptions } from '@kepuri/platform';
import { CORE_SUBGRAPHS as MANIFEST } from '../../subgraphs/core-subgraphs';

/** A core subgraph's code: what every `subgraphs/<name>/src/app.ts` exports. */
export interface SubgraphModule {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  definition: SubgraphDefinition<any, any>;
  build(options: SubgraphOptions): Promise<SubgraphApp<unknown>>;
}

export interface LoadedSubgraph extends CoreSubgraph, SubgraphModule {
  /** Its folder, relative to the repository (`subgraphs/<name>`). */
  folder: string;
}

/**
 * The core subgraphs of subgraphs/manifest.json with their code, in the manifest's order. Each lives
 * in `subgraphs/<name>/`, its app in `src/app.ts`; adding one to the hub is a folder and a line in
 * the manifest.
 */
export const CORE_SUBGRAPHS: LoadedSubgraph[] = MANIFEST.map((subgraph) => {
  const folder = `subgraphs/${subgraph.name}`;
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const module = require(path.resolve(__dirname, '../..', folder, 'src/app')) as SubgraphModule;
  return { ...subgraph, folder, definition: module.definition, build: module.build };
});
