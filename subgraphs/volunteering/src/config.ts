import { parseSubgraphConfig } from '@kepuri/platform';

export const config = parseSubgraphConfig('volunteering', 4003);
export type Config = typeof config;
