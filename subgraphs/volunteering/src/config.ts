import { parseSubgraphConfig } from '../../shared/src/config';

export const config = parseSubgraphConfig('volunteering', 4003);
export type Config = typeof config;
