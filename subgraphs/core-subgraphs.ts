import path from 'node:path';
import { coreSubgraph, parseSubgraphConfig, readSubgraphManifest } from '@kepuri/platform';

/** The hub's core subgraphs: manifest.json beside this file (names, ports, committed SDL). */
export const MANIFEST_FILE = path.join(__dirname, 'manifest.json');
export const CORE_SUBGRAPHS = readSubgraphManifest(MANIFEST_FILE);

/** A core subgraph's configuration from the environment; its port defaults to the manifest's. */
export function subgraphConfig(name: string, env: NodeJS.ProcessEnv = process.env) {
  return parseSubgraphConfig(name, coreSubgraph(CORE_SUBGRAPHS, name).port, env);
}
