import { parseSubgraphConfig } from '../../shared/src/config';

export const config = parseSubgraphConfig('evaluations', 4004);
export type Config = typeof config;
