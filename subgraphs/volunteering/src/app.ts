import { buildSubgraph, type SubgraphDefinition, type SubgraphOptions } from '../../shared/src/subgraph-app';
import { VolunteeredActivity } from './activity/activity.entity';
import { activityReference } from './activity/activity.reference';
import { VolunteeredActivityResolver } from './activity/activity.resolver';
import { createLoaders, createServices, type VolunteeringLoaders, type VolunteeringServices } from './context';
import { migrations } from './db/migrations';
import { seedVolunteering } from './db/seed';
import { ServiceRecord } from './service-record/service-record.entity';
import { Volunteer } from './volunteer/volunteer.entity';
import { volunteerReference } from './volunteer/volunteer.reference';
import { ServiceRecordResolver } from './service-record/service-record.resolver';
import { VolunteerResolver } from './volunteer/volunteer.resolver';

/** The volunteering subgraph: volunteers, teams, service records; extends Activity. */
export const volunteeringSubgraph: SubgraphDefinition<VolunteeringServices, VolunteeringLoaders> = {
  name: 'volunteering',
  entities: [Volunteer, ServiceRecord],
  migrations,
  resolvers: [VolunteerResolver, ServiceRecordResolver, VolunteeredActivityResolver],
  orphanedTypes: [VolunteeredActivity],
  references: { Volunteer: volunteerReference, Activity: activityReference },
  createServices,
  createLoaders,
  seed: seedVolunteering,
};

export function build(options: SubgraphOptions) {
  return buildSubgraph(volunteeringSubgraph, options);
}
