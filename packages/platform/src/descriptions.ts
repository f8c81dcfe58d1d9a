/** Descriptions the platform gives every subgraph alike (composition keeps one per element). */

/** The root operation types; every subgraph that has one describes it alike. */
export const ROOT_TYPE_DESCRIPTIONS = {
  Query: '查询 — read the hub: campaigns, activities, organisations, regions, volunteers, evaluations and their figures.',
  Mutation: '变更 — write to the hub: register and complete activities, check in, give feedback, record volunteer service, '
    + 'summarise, recommend, assess and commend.',
  Subscription: '订阅 — live events over WebSocket (graphql-ws at the gateway): registrations, check-ins, feedback and changed figures.',
} as const;

export const DATE_TIME_DESCRIPTION = '时间 — an instant as an RFC 3339 date-time string with its offset, e.g. '
  + '2020-09-19T09:30:00+08:00 (China time); the hub answers in UTC, e.g. 2020-09-19T01:30:00.000Z.';
