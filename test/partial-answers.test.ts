import { startHub, type TestHub, type GraphQLResponse } from './support/hub';
import { whileSubgraphDown } from './support/subgraph-down';
import { ORG } from './support/domain';

/**
 * A subgraph that is down nulls only the fields it resolves (ARCHITECTURE.md, Nullability across
 * subgraphs): the fields it adds to another subgraph's entity, and the references to its entities,
 * are nullable, so the rest of the answer survives beside an error naming the subgraph. Real servers:
 * the subgraph is stopped, so the gateway's connection to it is refused (a subgraph that hangs instead:
 * faults.test.ts).
 */
let hub: TestHub;

beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  await hub?.close();
});

const whileDown = <T>(name: string, probe: () => Promise<T>) => whileSubgraphDown(hub, name, probe);
const errorsOf = (response: GraphQLResponse<unknown>) => (response.errors ?? []).map((error) => error.extensions);

describe('a subgraph down nulls only its own fields', () => {
  it('volunteering down: the campaign keeps its theme and activity figures, volunteerStats is null beside an error', async () => {
    const query = `{ campaign(year: 2020) {
      theme
      activityStats { activityCount participantCount }
      volunteerStats { volunteerCount serviceHours }
    } }`;
    const healthy = await hub.query<{ campaign: { theme: string; activityStats: unknown; volunteerStats: unknown } }>(query);
    expect(healthy.errors).toBeUndefined();
    expect(healthy.data!.campaign.volunteerStats).not.toBeNull();

    const answer = await whileDown('volunteering', () =>
      hub.query<{ campaign: { theme: string; activityStats: unknown; volunteerStats: unknown } | null }>(query));
    expect(answer.data?.campaign).toEqual({
      theme: healthy.data!.campaign.theme,
      activityStats: healthy.data!.campaign.activityStats,
      volunteerStats: null,
    });
    expect(errorsOf(answer)).toEqual([{ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'volunteering' }]);
    // Nothing of the subgraph's address reaches the client.
    expect(JSON.stringify(answer.errors)).not.toContain(new URL(hub.subgraphs.volunteering.url).port);

    const back = await hub.query(query);
    expect(back).toMatchObject({ data: healthy.data });
    expect(back.errors).toBeUndefined();
  });

  it('organizations down: activities keep their titles, each organizer is null beside an error', async () => {
    const query = '{ activities(filter: { campaign: 2020 }, first: 5) { edges { node { id title organizer { name } } } } }';
    type Answer = { activities: { edges: Array<{ node: { id: string; title: string; organizer: { name: string } | null } }> } };
    const healthy = await hub.query<Answer>(query);
    expect(healthy.errors).toBeUndefined();
    expect(healthy.data!.activities.edges.length).toBeGreaterThan(0);

    const answer = await whileDown('organizations', () => hub.query<Answer>(query));
    expect(answer.data?.activities.edges).toEqual(
      healthy.data!.activities.edges.map(({ node }) => ({ node: { id: node.id, title: node.title, organizer: null } })),
    );
    expect(errorsOf(answer).length).toBeGreaterThan(0);
    for (const extensions of errorsOf(answer)) expect(extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'organizations' });
  });

  it('activities down: a participation keeps its ratings, proposedScores (it @requires activities\' figures) is null', async () => {
    const query = `{ campaignParticipation(year: 2020, organizationId: "${ORG.hubei}") {
      feedbackCount volunteerCount activityCount proposedScores { socialMobilization }
    } }`;
    type Answer = { campaignParticipation: { feedbackCount: number; volunteerCount: number; activityCount: number | null; proposedScores: unknown } };
    const healthy = await hub.query<Answer>(query);
    expect(healthy.errors).toBeUndefined();
    expect(healthy.data!.campaignParticipation.proposedScores).not.toBeNull();

    const answer = await whileDown('activities', () => hub.query<Answer>(query));
    expect(answer.data?.campaignParticipation).toEqual({
      feedbackCount: healthy.data!.campaignParticipation.feedbackCount,
      volunteerCount: healthy.data!.campaignParticipation.volunteerCount,
      activityCount: null,
      proposedScores: null,
    });
    expect(errorsOf(answer).length).toBeGreaterThan(0);
    for (const extensions of errorsOf(answer)) expect(extensions).toEqual({ code: 'SUBGRAPH_UNAVAILABLE', serviceName: 'activities' });
  });
});
