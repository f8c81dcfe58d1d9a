import { parseSubgraphConfig } from '../../shared/src/config';

export const config = parseSubgraphConfig('organizations', 4002);
export type Config = typeof config;
