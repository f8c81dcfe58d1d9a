import type { GraphQLResponse, TestHub } from './hub';

/** Every row of every evaluations table, to prove that a refused write changed nothing. */
export async function evaluationsSnapshot(hub: TestHub): Promise<Record<string, unknown[]>> {
  const tables: Record<string, string> = {
    feedback: '1', activity_ratings: '1', work_summaries: '1', recommendations: '1', assessments: '1', commendations: '1',
    evaluation_stats: 'scope, campaign_year', evaluation_daily: 'scope, campaign_year, day',
    feedback_unapplied: 'seq', evaluation_stats_journal: 'seq',
  };
  const snapshot: Record<string, unknown[]> = {};
  for (const [table, order] of Object.entries(tables)) {
    snapshot[table] = await hub.subgraphs.evaluations.dataSource.query(`SELECT * FROM ${table} ORDER BY ${order}`);
  }
  return snapshot;
}

export interface Refusal {
  code: unknown;
  field?: unknown;
  message: string;
  extensions: Record<string, unknown>;
}

/** The first error of a response, for assertions. */
export function firstError(result: GraphQLResponse<unknown>): Refusal {
  const error = result.errors?.[0];
  if (!error) throw new Error(`expected an error, got ${JSON.stringify(result.data)}`);
  return { code: error.extensions?.code, field: error.extensions?.field, message: error.message, extensions: error.extensions ?? {} };
}

/**
 * Sends a write that must be refused with `code` (and `field`, when given) and checks that the
 * evaluations database is exactly as it was, its rollup queues included (earlier writes applied first).
 */
export async function expectRefused(
  hub: TestHub,
  request: { query: string; variables?: Record<string, unknown>; token?: string },
  code: string,
  field?: string,
): Promise<Refusal> {
  await hub.settle();
  const before = await evaluationsSnapshot(hub);
  const result = await hub.query(request.query, request.variables, request.token);
  const error = firstError(result);
  expect({ code: error.code, field: error.field }).toEqual({ code, field: field ?? error.field });
  if (field !== undefined) expect(error.field).toBe(field);
  expect(await evaluationsSnapshot(hub)).toEqual(before);
  return error;
}

/** The data of a response that must succeed. */
export function dataOf<T>(result: GraphQLResponse<T>): T {
  if (result.errors) throw new Error(`unexpected errors: ${JSON.stringify(result.errors)}`);
  return result.data!;
}
