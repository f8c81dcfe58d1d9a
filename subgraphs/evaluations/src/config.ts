import { parseSubgraphConfig } from '@kepuri/platform';

export const config = parseSubgraphConfig('evaluations', 4004);
export type Config = typeof config;
