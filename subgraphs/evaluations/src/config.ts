import { subgraphConfig } from '../../core-subgraphs';

export const config = subgraphConfig('evaluations');
export type Config = typeof config;
