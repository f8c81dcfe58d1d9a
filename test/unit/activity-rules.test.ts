import { checkActivityShape, type ActivityShape } from '../../subgraphs/activities/src/activity/activity.rules';
import { checkCampaignCalendar } from '../../subgraphs/activities/src/campaign/campaign.rules';
import { GraphQLError } from 'graphql';

const valid: ActivityShape = {
  title: '节水科普', regionCode: '420100', category: 'JOINT_ACTION', jointAction: 'WATER_SAVING', onlineKind: null,
  contentAreas: ['SCIENTIFIC_SPIRIT'], mode: 'HYBRID', venueKind: 'COMMUNITY', onlineUrl: 'https://x.example.cn', address: '武汉',
  startsAt: new Date('2020-09-19T01:00:00Z'), endsAt: new Date('2020-09-19T05:00:00Z'), expectedParticipants: 10,
};

function fieldOf(run: () => void): unknown {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(GraphQLError);
    return (error as GraphQLError).extensions.field;
  }
  return null;
}

describe('checkActivityShape', () => {
  it('accepts a valid activity of each category', () => {
    expect(fieldOf(() => checkActivityShape(valid, 2020))).toBeNull();
    expect(fieldOf(() => checkActivityShape({ ...valid, category: 'ONLINE', jointAction: null, onlineKind: 'CHECK_IN', mode: 'ONLINE', venueKind: 'ONLINE', address: null }, 2020))).toBeNull();
    expect(fieldOf(() => checkActivityShape({ ...valid, category: 'PROVINCIAL_MAIN_VENUE', jointAction: null, mode: 'OFFLINE', onlineUrl: null }, 2020))).toBeNull();
    expect(fieldOf(() => checkActivityShape({ ...valid, category: 'CLOUD_LAUNCH', jointAction: null, onlineKind: 'LIVESTREAM', mode: 'ONLINE', venueKind: 'ONLINE' }, 2020))).toBeNull();
  });

  it.each<[string, Partial<ActivityShape>, string]>([
    ['joint action without its kind', { jointAction: null }, 'jointAction'],
    ['a kind of joint action on another category', { category: 'PROVINCIAL_MAIN_VENUE' }, 'jointAction'],
    ['an online activity without its form', { category: 'ONLINE', jointAction: null, mode: 'ONLINE', venueKind: 'ONLINE' }, 'onlineKind'],
    ['an offline online activity', { category: 'ONLINE', jointAction: null, onlineKind: 'CHECK_IN', mode: 'OFFLINE' }, 'mode'],
    ['an offline cloud launch', { category: 'CLOUD_LAUNCH', jointAction: null, mode: 'OFFLINE' }, 'mode'],
    ['an online form on an offline activity', { onlineKind: 'SHORT_VIDEO', mode: 'OFFLINE' }, 'onlineKind'],
    ['an online part without URL', { onlineUrl: null }, 'onlineUrl'],
    ['an offline part without address', { address: null }, 'address'],
    ['an online activity at a physical venue', { mode: 'ONLINE' }, 'venueKind'],
    ['an offline activity at the venue ONLINE', { venueKind: 'ONLINE' }, 'venueKind'],
    ['no content area', { contentAreas: [] }, 'contentAreas'],
    ['an end before the start', { endsAt: new Date('2020-09-19T00:00:00Z') }, 'endsAt'],
    ['a start in another year (China time)', { startsAt: new Date('2019-12-31T15:59:00Z') }, 'startsAt'],
    ['an end in the next year (China time)', { endsAt: new Date('2020-12-31T16:00:00Z') }, 'endsAt'],
  ])('refuses %s', (_name, change, field) => {
    expect(fieldOf(() => checkActivityShape({ ...valid, ...change }, 2020))).toBe(field);
  });
});

describe('campaign calendar', () => {
  const calendar = {
    concentratedStartsAt: new Date('2020-09-18T16:00:00Z'), concentratedEndsAt: new Date('2020-09-25T16:00:00Z'),
    registrationOpensAt: new Date('2020-08-02T16:00:00Z'), registrationClosesAt: new Date('2020-09-25T16:00:00Z'),
    infoCompletionDeadline: new Date('2020-10-09T16:00:00Z'), summaryDeadline: new Date('2020-10-16T16:00:00Z'),
    recommendationDeadline: new Date('2020-10-23T16:00:00Z'),
  };
  it('accepts the 2020 notice and refuses deadlines out of order', () => {
    expect(fieldOf(() => checkCampaignCalendar(calendar))).toBeNull();
    expect(fieldOf(() => checkCampaignCalendar({ ...calendar, registrationClosesAt: calendar.registrationOpensAt }))).toBe('registrationClosesAt');
    expect(fieldOf(() => checkCampaignCalendar({ ...calendar, infoCompletionDeadline: new Date('2020-09-01T00:00:00Z') }))).toBe('infoCompletionDeadline');
    expect(fieldOf(() => checkCampaignCalendar({ ...calendar, recommendationDeadline: new Date('2020-10-01T00:00:00Z') }))).toBe('recommendationDeadline');
    expect(fieldOf(() => checkCampaignCalendar({ ...calendar, concentratedEndsAt: calendar.concentratedStartsAt }))).toBe('concentratedEndsAt');
  });
});
