import { parseSubgraphConfig } from '../../shared/src/config';

export const config = parseSubgraphConfig('activities', 4001);
export type Config = typeof config;
