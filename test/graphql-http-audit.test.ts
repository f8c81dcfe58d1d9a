import { auditServer } from 'graphql-http';
import { startHub, type TestHub } from './support/hub';

/**
 * graphql-http's audit of GraphQL over HTTP (graphql-http 1.23.1, pinned) against the real gateway,
 * in development and in production (where its `__type` queries need a developer token): no MUST may
 * fail. The SHOULD and MAY results are printed for the record.
 */
let hub: TestHub;
let production: string;
beforeAll(async () => {
  hub = await startHub({ seed: false });
  production = (await hub.addGateway({ production: true })).url;
});
afterAll(async () => hub?.close());

it.each(['development', 'production'] as const)('passes every MUST audit of graphql-http (%s)', async (mode) => {
  const token = await hub.token({ role: 'developer', sub: 'auditor' });
  const results = await auditServer({
    url: mode === 'production' ? production : hub.url,
    fetchFn: (input: RequestInfo | URL, init?: RequestInit) =>
      fetch(input, mode === 'production' ? { ...init, headers: { ...(init?.headers as Record<string, string>), authorization: `Bearer ${token}` } } : init),
  });
  const failed = (level: string) => results.filter((result) => result.status !== 'ok' && result.name.startsWith(level));
  const summary = ['MUST', 'SHOULD', 'MAY'].map((level) => `${level}: ${results.filter((result) => result.name.startsWith(level)).length - failed(level).length} ok, ${failed(level).length} not`);
  console.log(`graphql-http audit (${mode}): ${summary.join('; ')}\n${results.filter((result) => result.status !== 'ok').map((result) => `  ${result.status} ${result.name}`).join('\n')}`);
  expect(failed('MUST').map((result) => result.name)).toEqual([]);
});
