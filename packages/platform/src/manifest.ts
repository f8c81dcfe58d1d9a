import { readFileSync } from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

/**
 * A manifest of core subgraphs (the hub's is subgraphs/manifest.json): the subgraphs a deployment
 * is built from, as opposed to those published at runtime through the registry. The gateway reads
 * it as data (it registers these at start, signs identity only for them and reserves their names),
 * and so do npm start, the schema script and the tests: one list, one place.
 */
const manifestSchema = z.object({
  description: z.string().optional(),
  subgraphs: z
    .array(
      z.object({
        name: z.string().regex(/^[a-z][a-z0-9-]{1,63}$/),
        port: z.number().int().min(1).max(65535),
        /** The committed SDL, relative to the manifest file. */
        sdl: z.string().min(1),
      }),
    )
    .min(1),
});

export interface CoreSubgraph {
  name: string;
  /** Its port in npm start and docker-compose. */
  port: number;
  /** Absolute path of its committed SDL. */
  sdlFile: string;
  /** Where npm start runs it: `http://localhost:<port>/graphql` (the committed supergraph's routing URL). */
  defaultUrl: string;
}

export type SubgraphManifest = CoreSubgraph[];

/** Parses a manifest's JSON; `file` is where it lives (SDL paths are relative to it). */
export function parseSubgraphManifest(json: unknown, file: string): SubgraphManifest {
  const parsed = manifestSchema.safeParse(json);
  if (!parsed.success) throw new Error(`Invalid subgraph manifest ${file}: ${z.prettifyError(parsed.error)}`);
  const names = parsed.data.subgraphs.map((subgraph) => subgraph.name);
  const repeated = names.find((name, index) => names.indexOf(name) !== index);
  if (repeated) throw new Error(`Invalid subgraph manifest ${file}: ${repeated} is listed twice`);
  return parsed.data.subgraphs.map((subgraph) => ({
    name: subgraph.name,
    port: subgraph.port,
    sdlFile: path.resolve(path.dirname(file), subgraph.sdl),
    defaultUrl: `http://localhost:${subgraph.port}/graphql`,
  }));
}

export function readSubgraphManifest(file: string): SubgraphManifest {
  return parseSubgraphManifest(JSON.parse(readFileSync(file, 'utf8')), file);
}

/** One subgraph's entry; a name the manifest does not list is a programming error. */
export function coreSubgraph(manifest: SubgraphManifest, name: string): CoreSubgraph {
  const entry = manifest.find((subgraph) => subgraph.name === name);
  if (!entry) throw new Error(`${name} is not in the subgraph manifest (${manifest.map((subgraph) => subgraph.name).join(', ')})`);
  return entry;
}
