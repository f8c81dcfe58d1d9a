import { parseSubgraphConfig } from '@kepuri/platform';

export const config = parseSubgraphConfig('activities', 4001);
export type Config = typeof config;
