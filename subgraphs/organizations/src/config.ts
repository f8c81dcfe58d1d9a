import { subgraphConfig } from '../../core-subgraphs';

export const config = subgraphConfig('organizations');
export type Config = typeof config;
