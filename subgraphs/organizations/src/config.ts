import { parseSubgraphConfig } from '@kepuri/platform';

export const config = parseSubgraphConfig('organizations', 4002);
export type Config = typeof config;
