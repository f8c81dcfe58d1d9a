import { subgraphConfig } from '../../core-subgraphs';

export const config = subgraphConfig('volunteering');
export type Config = typeof config;
