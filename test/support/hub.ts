import { randomBytes } from 'node:crypto';
import { build as buildGateway, type Gateway, type GatewayOptions } from '../../gateway/src/app';
import { issueToken } from '../../gateway/src/auth';
import { provisionDatabase } from '../../scripts/lib/postgres';
import { CORE_SUBGRAPHS } from '../../scripts/lib/subgraphs';
import type { Identity } from '../../subgraphs/shared/src/identity';
import type { SubgraphApp } from '../../subgraphs/shared/src/subgraph-app';

export const TEST_JWT_SECRET = 'test-jwt-secret-0123456789abcdefghijklmnop';
export const TEST_INTERNAL_SECRET = 'test-internal-secret-0123456789abcdefghijk';

export function adminUrl(): string {
  const url = process.env.KEPURI_TEST_ADMIN_URL;
  if (!url) throw new Error('KEPURI_TEST_ADMIN_URL is not set: run the tests with `npm test` (jest global setup)');
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
  token(identity: Identity): Promise<string>;
  /** Stops one subgraph and starts it again on the same port and database, as a process restart would. */
  restartSubgraph(name: string): Promise<void>;
  /** Another instance of a subgraph on the same database (its own port), closed with the hub. */
  addSubgraphInstance(name: string): Promise<SubgraphApp<unknown> & { url: string }>;
  /** Another gateway on the same subgraphs and registry database (its own port), closed with the hub. */
  addGateway(): Promise<{ gateway: Gateway; url: string }>;
  /** The gateway's own database (the subgraph registry). */
  gatewayDatabaseUrl: string;
  close(): Promise<void>;
}

export interface StartHubOptions {
  seed?: boolean;
  now?: () => Date;
  /** Gateway options for this test file (limits, subscription settings). */
  gateway?: Partial<Pick<GatewayOptions, 'limits' | 'subscriptions'>> & { registryPollIntervalMs?: number };
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
  const buildSubgraph = (definition: (typeof CORE_SUBGRAPHS)[number]) => definition.build({
    databaseUrl: databases[definition.name],
    internalSecret: TEST_INTERNAL_SECRET,
    seed: options.seed ?? true,
    includeStacktrace: true,
    now: options.now,
    gatewayUrl: () => gatewayUrl,
  });
  let gatewayDatabaseUrl = '';
  const { registryPollIntervalMs, ...gatewayOptions } = options.gateway ?? {};
  const startGateway = async () => {
    const gateway = await buildGateway({
      registry: { databaseUrl: gatewayDatabaseUrl, pollIntervalMs: registryPollIntervalMs },
      subgraphUrls: Object.fromEntries(Object.entries(subgraphs).map(([name, app]) => [name, app.url])),
      jwtSecret: TEST_JWT_SECRET,
      internalSecret: TEST_INTERNAL_SECRET,
      development: false,
      ...gatewayOptions,
    });
    started.push(gateway);
    return { gateway, running: await gateway.listen(0) };
  };
  try {
    gatewayDatabaseUrl = await freshDatabase('gateway');
    await Promise.all(
      CORE_SUBGRAPHS.map(async (definition) => {
        databases[definition.name] = await freshDatabase(definition.name);
        const app = await buildSubgraph(definition);
        started.push(app);
        const running = await app.listen(0);
        await app.prepare();
        subgraphs[definition.name] = Object.assign(app, { url: running.url });
      }),
    );
    const { gateway, running } = await startGateway();
    gatewayUrl = running.url;
    return {
      url: running.url,
      origin: new URL(running.url).origin,
      gateway,
      subgraphs,
      gatewayDatabaseUrl,
      query: (query, variables, token) =>
        postGraphQL(running.url, { query, variables }, token ? { authorization: `Bearer ${token}` } : {}),
      token: (identity) => issueToken(identity, TEST_JWT_SECRET),
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
      addGateway: async () => {
        const { gateway: another, running: anotherRunning } = await startGateway();
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
