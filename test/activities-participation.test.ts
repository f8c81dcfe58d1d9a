import { IDENTITY_HEADER, signIdentity } from '@kepuri/platform';
import { ORG } from './support/domain';
import { TEST_INTERNAL_SECRET, postGraphQL, startHub, type TestHub } from './support/hub';

let hub: TestHub;
beforeAll(async () => {
  hub = await startHub();
});
afterAll(async () => {
  await hub?.close();
});

/** The entity the gateway asks activities for when another subgraph @requires its fields. */
async function participations(representations: Array<{ year: number; organizationId: string }>) {
  const result = await postGraphQL<{ _entities: Array<Record<string, number | string>> }>(
    hub.subgraphs.activities.url,
    {
      query: `query($r: [_Any!]!) { _entities(representations: $r) { ... on CampaignParticipation {
        year organizationId activityCount participantCount jointActionActivityCount onlineActivityCount newsLinkCount completedActivityCount } } }`,
      variables: { r: representations.map((key) => ({ __typename: 'CampaignParticipation', ...key })) },
    },
    { [IDENTITY_HEADER]: await signIdentity({ role: 'service', subgraph: 'evaluations' }, TEST_INTERNAL_SECRET) },
  );
  expect(result.errors).toBeUndefined();
  return result.data!._entities;
}

describe('CampaignParticipation in the activities subgraph', () => {
  it('counts an organisation and everything below it, per campaign, matching a recount', async () => {
    const keys = [ORG.host, ORG.hubei, ORG.wuhan, ORG.physics].map((organizationId) => ({ year: 2020, organizationId }));
    const before = hub.subgraphs.activities.statements.count;
    const figures = await participations(keys);
    expect(hub.subgraphs.activities.statements.count - before).toBe(1);
    for (const figure of figures) {
      const [recount] = await hub.subgraphs.activities.dataSource.query(
        `SELECT count(*)::int AS n, count(*) FILTER (WHERE category = 'JOINT_ACTION')::int AS joint,
                count(*) FILTER (WHERE mode <> 'OFFLINE')::int AS online, count(*) FILTER (WHERE status = 'COMPLETED')::int AS completed,
                coalesce(sum(coalesce(actual_participants, expected_participants)), 0)::int AS people,
                coalesce(sum(cardinality(news_links)), 0)::int AS news
           FROM activities WHERE campaign_year = 2020 AND $1 = ANY(organizer_path) AND status IN ('REGISTERED', 'COMPLETED')`,
        [figure.organizationId],
      );
      expect(figure).toEqual({
        year: 2020, organizationId: figure.organizationId, activityCount: recount.n, participantCount: recount.people,
        jointActionActivityCount: recount.joint, onlineActivityCount: recount.online, newsLinkCount: recount.news, completedActivityCount: recount.completed,
      });
    }
    const [host, hubei] = figures;
    expect(host.activityCount).toBe(240);
    expect(Number(hubei.activityCount)).toBeGreaterThan(0);
    expect(Number(hubei.activityCount)).toBeLessThan(Number(host.activityCount));
  });

  it('answers zeros for an organisation without activities or an unknown id', async () => {
    const [none, unknown] = await participations([
      { year: 1999, organizationId: ORG.hubei },
      { year: 2020, organizationId: 'not-a-uuid' },
    ]);
    expect(none.activityCount).toBe(0);
    expect(unknown).toMatchObject({ organizationId: 'not-a-uuid', activityCount: 0 });
  });
});
