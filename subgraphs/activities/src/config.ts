import { subgraphConfig } from '../../core-subgraphs';

export const config = subgraphConfig('activities');
export type Config = typeof config;
