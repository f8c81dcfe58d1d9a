import { ApolloServer } from '@apollo/server';
import { ApolloServerPluginInlineTraceDisabled } from '@apollo/server/plugin/disabled';
import { expressMiddleware } from '@as-integrations/express5';
import { buildSubgraphSchema } from '@apollo/subgraph';
import express from 'express';
import { parse } from 'graphql';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

/**
 * An example ministry subgraph outside the hub's four: 节水教育基地 (water-saving education bases)
 * for the 节水科普联合行动. It owns its data (a small list in memory here; a real one would use its
 * own database) and extends the hub's Region (key `code`) and Activity (key `id`).
 */
export const SDL = readFileSync(path.join(__dirname, 'schema.graphql'), 'utf8');

interface Base {
  id: string;
  name: string;
  regionCode: string;
  kind: string;
  openAllYear: boolean;
}

/** Sample data for the example, not an official list. */
export const BASES: Base[] = [
  { id: 'wsb-hb-1', name: '武汉节水科技馆', regionCode: '420100', kind: 'MUSEUM', openAllYear: true },
  { id: 'wsb-hb-2', name: '洪山区节水示范校园', regionCode: '420111', kind: 'SCHOOL', openAllYear: false },
  { id: 'wsb-bj-1', name: '北京节水展馆', regionCode: '110000', kind: 'MUSEUM', openAllYear: true },
  { id: 'wsb-sd-1', name: '位山灌区节水教育基地', regionCode: '370000', kind: 'IRRIGATION_DISTRICT', openAllYear: true },
  { id: 'wsb-gd-1', name: '深圳水务科普馆', regionCode: '440300', kind: 'WATER_WORKS', openAllYear: true },
];

/** GB/T 2260: a province is XX0000, a city XXXX00; "in a region" is a prefix of its code. */
function prefixOf(code: string): string {
  if (code.endsWith('0000')) return code.slice(0, 2);
  if (code.endsWith('00')) return code.slice(0, 4);
  return code;
}
const inRegion = (regionCode: string) => (base: Base) => base.regionCode.startsWith(prefixOf(regionCode));

const resolvers = {
  Query: {
    waterSavingBases: (_: unknown, { regionCode }: { regionCode?: string }) => (regionCode ? BASES.filter(inRegion(regionCode)) : BASES),
    waterSavingBase: (_: unknown, { id }: { id: string }) => BASES.find((base) => base.id === id) ?? null,
  },
  WaterSavingBase: {
    __resolveReference: ({ id }: { id: string }) => BASES.find((base) => base.id === id) ?? null,
    region: (base: Base) => ({ code: base.regionCode }),
  },
  Region: {
    __resolveReference: ({ code }: { code: string }) => ({ code }),
    waterSavingBases: ({ code }: { code: string }) => BASES.filter(inRegion(code)),
  },
  Activity: {
    // The gateway sends `region { code }` along (@requires), fetched from the activities subgraph;
    // Activity.region is nullable there (it is organizations' entity), so it may come as null.
    nearbyWaterSavingBases: (activity: { region: { code: string } | null }) =>
      (activity.region ? BASES.filter(inRegion(`${activity.region.code.slice(0, 2)}0000`)) : []),
  },
};

export interface RunningExample {
  url: string;
  close(): Promise<void>;
}

/** Starts the example on `port` (0: any free port); its GraphQL endpoint is `/graphql`. */
export async function startWaterSavingBases(port: number, host = '127.0.0.1'): Promise<RunningExample> {
  const app = express();
  const server = http.createServer(app);
  const apollo = new ApolloServer({
    schema: buildSubgraphSchema([{ typeDefs: parse(SDL), resolvers }]),
    plugins: [ApolloServerPluginInlineTraceDisabled()],
  });
  await apollo.start();
  app.use('/graphql', express.json(), expressMiddleware(apollo));
  await new Promise<void>((resolve) => server.listen(port, host, resolve));
  const { port: bound } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${bound}/graphql`,
    async close() {
      await apollo.stop();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
