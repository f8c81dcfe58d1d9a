import { randomBytes } from 'node:crypto';
import { dashboardPage } from '@kepuri/dashboard';
import { build as buildGateway, type Gateway, type GatewayOptions } from '../../gateway/src/app';
import { issueToken } from '../../gateway/src/auth';
import { LOOPBACK_HOSTS } from '../../gateway/src/config';
import { DEFAULT_SUBGRAPH_CALLS } from '../../gateway/src/subgraph-calls';
import { CapturedLogs } from './logs';
import { provisionDatabase } from '../../scripts/lib/postgres';
import { CORE_SUBGRAPHS } from '../../scripts/lib/subgraphs';
import type { CacheMaxAges, Identity, SubgraphApp } from '@kepuri/platform';

export const TEST_JWT_SECRET = 'test-jwt-secret-0123456789abcdefghijklmnop';
export const TEST_INTERNAL_SECRET = 'test-internal-secret-0123456789abcdefghijk';
/**
 * For test files that read every field of every province at once (sweeps of statistics and
 * batching, not operations clients send): their breakdown lists inside lists cost far more than
 * MAX_QUERY_COST when each unsliced list counts at its cap (200). The example operations of
 * schema/operations stay within the default limits (test/unit/operation-limits.test.ts).
 */
export const SWEEP_LIMITS = { maxCost: 100_000_000 };
const SUITE_RATE_LIMITS = { mutationsPerUser: 1_000_000, mutationsPerIp: 1_000_000, anonymousCostPerIp: 1_000_000_000 };

export function adminUrl(): string {
  const url = process.env.KEPURI_TEST_ADMIN_URL;
  if (!url) throw new Error('KEPURI_TEST_ADMIN_URL is not set: run the tests with `npm test` (jest global setup)');
  return url;
}

/** The run's Redis server (jest global setup); give each test file its own key prefix. */
export function redisUrl(): string {
  const url = process.env.KEPURI_TEST_REDIS_URL;
  if (!url) throw new Error('KEPURI_TEST_REDIS_URL is not set: run the tests with `npm test` (jest global setup)');
  return url;
}

/** A fresh, empty database for one test file. */
export function freshDatabase(label: string): Promise<string> {
  return provisionDatabase(adminUrl(), `t_${randomBytes(5).toString('hex')}_${label}`);
}

export interface GraphQLResponse<T = Record<string, unknown>> {
  status: number;
  data?: T;
  errors?: Array<{ message: string; path?: string[]; extensions?: Record<string, unknown> }>;
}

export interface TestHub {
  url: string;
  origin: string;
  gateway: Gateway;
  subgraphs: Record<string, SubgraphApp<unknown> & { url: string }>;
  query<T = Record<string, unknown>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  /**
   * A bearer token for the identity. Organizer and supervisor tokens name a user (`sub`, by default
   * `<role>-<org>`) who is first made a member of the organisation through addMember as the host,
   * because the gateway checks memberships.
   */
  token(identity: Identity): Promise<string>;
  /** A token exactly as given, membership or not (to see the gateway refuse a claim). */
  rawToken(identity: Identity): Promise<string>;
  /**
   * Waits until every subgraph's rollup applier has folded every write acknowledged so far (the
   * figures and per-activity counts a client reads within the documented bound), applying batches
   * itself when no applier holds the lock.
   */
  settle(): Promise<void>;
  /** Stops one subgraph and starts it again on the same port and database, as a process restart would. */
  restartSubgraph(name: string): Promise<void>;
  /** Another instance of a subgraph on the same database (its own port), closed with the hub. */
  addSubgraphInstance(name: string): Promise<SubgraphApp<unknown> & { url: string }>;
  /** Another gateway on the same subgraphs and registry database (its own port), closed with the hub. */
  addGateway(options?: StartHubOptions['gateway']): Promise<{ gateway: Gateway; url: string }>;
  /** What the hub's processes logged (JSON lines, as in production). */
  logs: CapturedLogs;
  /** The gateway's own database (the subgraph registry). */
  gatewayDatabaseUrl: string;
  close(): Promise<void>;
}

export interface StartHubOptions {
  seed?: boolean;
  now?: () => Date;
  /** The database URL a subgraph connects to, given its fresh database's (e.g. through a TCP proxy a fault test cuts). */
  subgraphDatabaseUrl?: (name: string, url: string) => string | Promise<string>;
  /** The URL the gateway calls a subgraph at, given the subgraph's own (e.g. through a TCP proxy a fault test makes hang). */
  subgraphRoute?: (name: string, url: string) => string | Promise<string>;
  /** The rollup appliers' pace (every subgraph instance of this hub). */
  rollups?: { intervalMs?: number; batchSize?: number };
  /**
   * Seconds the subgraphs let public answers be reused, by kind of data. Default 0 for all: the gateway's
   * response cache runs in every test, but keeps nothing, so a test that writes and reads sees its write.
   * Files that test caching give the seconds (DEFAULT_CACHE_MAX_AGES is what a deployment gets).
   */
  cacheMaxAges?: CacheMaxAges;
  /**
   * Gateway options for this test file (limits, subscription settings, production, rate limits, Redis,
   * the response cache…). Rate limits default to ones the suite's own traffic (all from 127.0.0.1) never
   * meets; a test of them sets its own.
   */
  gateway?: Partial<Omit<GatewayOptions, 'registry' | 'coreSubgraphs' | 'subgraphUrls'>> & {
    registryPollIntervalMs?: number;
    /** Hosts every published subgraph may route to (default as `npm start`: loopback, none in production). */
    registryApprovedHosts?: string[];
  };
}

export async function postGraphQL<T>(url: string, body: unknown, headers: Record<string, string> = {}): Promise<GraphQLResponse<T>> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', accept: 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  const json = (await response.json()) as Omit<GraphQLResponse<T>, 'status'>;
  return { status: response.status, ...json };
}

/**
 * The whole hub as it runs in production, in this test file's process: four subgraphs on their own
 * fresh databases (migrated and seeded by their own code), the gateway on the committed supergraph,
 * every server on a free loopback port.
 */
export async function startHub(options: StartHubOptions = {}): Promise<TestHub> {
  const subgraphs: TestHub['subgraphs'] = {};
  let gatewayUrl = '';
  const started: Array<{ close(): Promise<void> }> = [];
  const databases: Record<string, string> = {};
  const logs = new CapturedLogs();
  const buildSubgraph = (definition: (typeof CORE_SUBGRAPHS)[number]) => definition.build({
    databaseUrl: databases[definition.name],
    internalSecret: TEST_INTERNAL_SECRET,
    seed: options.seed ?? true,
    includeStacktrace: true,
    now: options.now,
    rollups: options.rollups,
    cacheMaxAges: options.cacheMaxAges ?? { reference: 0, content: 0, stats: 0 },
    gatewayUrl: () => gatewayUrl,
    logger: logs.logger(definition.name),
  });
  let gatewayDatabaseUrl = '';
  const { registryPollIntervalMs, registryApprovedHosts, ...gatewayOptions } = options.gateway ?? {};
  const startGateway = async (overrides: Omit<NonNullable<StartHubOptions['gateway']>, 'registryPollIntervalMs' | 'registryApprovedHosts'> = {}) => {
    const gateway = await buildGateway({
      registry: {
        databaseUrl: gatewayDatabaseUrl,
        pollIntervalMs: registryPollIntervalMs,
        approvedHosts: registryApprovedHosts ?? (gatewayOptions.production ? [] : LOOPBACK_HOSTS),
      },
      subgraphUrls: Object.fromEntries(await Promise.all(Object.entries(subgraphs).map(async ([name, app]) => [name, options.subgraphRoute ? await options.subgraphRoute(name, app.url) : app.url] as const))),
      coreSubgraphs: CORE_SUBGRAPHS,
      pages: [dashboardPage()],
      jwtSecret: TEST_JWT_SECRET,
      internalSecret: TEST_INTERNAL_SECRET,
      development: false,
      rateLimits: SUITE_RATE_LIMITS,
      // The suite shares two cores with whatever else runs: a subgraph call waits longer than a deployment
      // would let it (2 s) unless the test is about deadlines (it sets its own).
      subgraphCalls: { ...DEFAULT_SUBGRAPH_CALLS, timeoutMs: 15_000 },
      logger: logs.logger('gateway'),
      ...gatewayOptions,
      ...overrides,
    });
    started.push(gateway);
    return { gateway, running: await gateway.listen(0) };
  };
  try {
    gatewayDatabaseUrl = await freshDatabase('gateway');
    await Promise.all(
      CORE_SUBGRAPHS.map(async (definition) => {
        const fresh = await freshDatabase(definition.name);
        databases[definition.name] = options.subgraphDatabaseUrl ? await options.subgraphDatabaseUrl(definition.name, fresh) : fresh;
        const app = await buildSubgraph(definition);
        started.push(app);
        const running = await app.listen(0);
        await app.prepare();
        subgraphs[definition.name] = Object.assign(app, { url: running.url });
      }),
    );
    const { gateway, running } = await startGateway();
    gatewayUrl = running.url;
    const granted = new Map<string, Promise<void>>();
    const grantMembership = (organizationId: string, userSub: string, role: 'organizer' | 'supervisor'): Promise<void> => {
      const key = `${organizationId}|${userSub}`;
      // A supervisor membership covers organizer tokens too; never downgrade one already granted.
      if (granted.has(`${key}|supervisor`)) return granted.get(`${key}|supervisor`)!;
      if (role === 'organizer' && granted.has(`${key}|organizer`)) return granted.get(`${key}|organizer`)!;
      const grant = (async () => {
        const admin = await issueToken({ role: 'admin', sub: 'test-host' }, TEST_JWT_SECRET);
        const result = await postGraphQL<{ addMember: { role: string } }>(
          running.url,
          {
            query: 'mutation($org: ID!, $sub: String!, $role: MembershipRole!) { addMember(organizationId: $org, userSub: $sub, role: $role) { role } }',
            variables: { org: organizationId, sub: userSub, role },
          },
          { authorization: `Bearer ${admin}` },
        );
        if (result.errors?.length) throw new Error(`hub.token: addMember ${role} ${userSub} @ ${organizationId}: ${result.errors[0].message}`);
      })();
      granted.set(`${key}|${role}`, grant);
      return grant;
    };
    return {
      url: running.url,
      origin: new URL(running.url).origin,
      gateway,
      subgraphs,
      gatewayDatabaseUrl,
      logs,
      query: (query, variables, token) =>
        postGraphQL(running.url, { query, variables }, token ? { authorization: `Bearer ${token}` } : {}),
      token: async (identity) => {
        if ((identity.role === 'organizer' || identity.role === 'supervisor') && identity.org) {
          identity = { ...identity, sub: identity.sub ?? `${identity.role}-${identity.org}` };
          await grantMembership(identity.org!, identity.sub!, identity.role as 'organizer' | 'supervisor');
        }
        return issueToken(identity, TEST_JWT_SECRET);
      },
      rawToken: (identity) => issueToken(identity, TEST_JWT_SECRET),
      settle: async () => {
        await Promise.all(Object.values(subgraphs).map((app) => app.rollups?.drain()));
      },
      restartSubgraph: async (name) => {
        const definition = CORE_SUBGRAPHS.find((subgraph) => subgraph.name === name)!;
        const old = subgraphs[name];
        await old.close();
        const app = await buildSubgraph(definition);
        started[started.indexOf(old)] = app;
        await app.listen(Number(new URL(old.url).port));
        await app.prepare();
        subgraphs[name] = Object.assign(app, { url: old.url });
      },
      addSubgraphInstance: async (name) => {
        const app = await buildSubgraph(CORE_SUBGRAPHS.find((subgraph) => subgraph.name === name)!);
        started.push(app);
        const instance = await app.listen(0);
        await app.prepare();
        return Object.assign(app, { url: instance.url });
      },
      addGateway: async (overrides) => {
        const { gateway: another, running: anotherRunning } = await startGateway(overrides);
        return { gateway: another, url: anotherRunning.url };
      },
      close: async () => {
        await Promise.all(started.map((server) => server.close()));
      },
    };
  } catch (error) {
    await Promise.all(started.map((server) => server.close().catch(() => undefined)));
    throw error;
  }
}
