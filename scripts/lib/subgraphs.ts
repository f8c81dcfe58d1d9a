import { activitiesSubgraph, build as buildActivities } from '../../subgraphs/activities/src/app';
import { evaluationsSubgraph, build as buildEvaluations } from '../../subgraphs/evaluations/src/app';
import { organizationsSubgraph, build as buildOrganizations } from '../../subgraphs/organizations/src/app';
import { volunteeringSubgraph, build as buildVolunteering } from '../../subgraphs/volunteering/src/app';
import type { SubgraphApp, SubgraphDefinition, SubgraphOptions } from '@kepuri/platform';

export interface CoreSubgraph {
  name: string;
  /** Port of the process in `npm start` and docker-compose. */
  port: number;
  folder: string;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  definition: SubgraphDefinition<any, any>;
  build(options: SubgraphOptions): Promise<SubgraphApp<unknown>>;
}

/** The four core subgraphs of the hub, in the order of ARCHITECTURE.md. */
export const CORE_SUBGRAPHS: CoreSubgraph[] = [
  { name: 'activities', port: 4001, folder: 'subgraphs/activities', definition: activitiesSubgraph, build: buildActivities },
  { name: 'organizations', port: 4002, folder: 'subgraphs/organizations', definition: organizationsSubgraph, build: buildOrganizations },
  { name: 'volunteering', port: 4003, folder: 'subgraphs/volunteering', definition: volunteeringSubgraph, build: buildVolunteering },
  { name: 'evaluations', port: 4004, folder: 'subgraphs/evaluations', definition: evaluationsSubgraph, build: buildEvaluations },
];

export const defaultRoutingUrl = (subgraph: CoreSubgraph): string => `http://localhost:${subgraph.port}/graphql`;
