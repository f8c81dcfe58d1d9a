import type { BaseContext } from '@apollo/server';
import type { DataSource, EntityManager } from 'typeorm';
import { Counter, Registry, collectDefaultMetrics } from 'prom-client';
import type { NonEmptyArray } from 'type-graphql';
import { createDataSource, migrate, seedOnce, type StatementCounter } from './db';
import { EventListener, createHubPubSub, type HubPubSub } from './events';
import type { CacheMaxAges } from './cache-hints';
import { buildFederatedSchema, type FederatedSchema, type ReferenceResolvers, type RootTypeDescriptions } from './federation';
import { HubClient } from './hub-client';
import { DEFAULT_ROLLUP_BATCH_SIZE, DEFAULT_ROLLUP_INTERVAL_MS, RollupApplier, type RollupsDefinition } from './rollup-applier';
import type { Identity } from './identity';
import { createSubgraphServer, type RunningServer, type SubgraphServer } from './server';
import { databaseInputErrors } from './input-errors';
import { validateArgument } from './validation';
import { roleChecker } from './authorization';
import { createLogger, type Logger } from './logger';
import { requestLogPlugin } from './request-log';

/** What makes one subgraph: its types, tables and seed. Everything else the four share. */
export interface SubgraphDefinition<TServices, TLoaders> {
  name: string;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  entities: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  migrations: Function[];
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  resolvers: NonEmptyArray<Function>;
  // eslint-disable-next-line @typescript-eslint/no-unsafe-function-type
  orphanedTypes?: Function[];
  references: ReferenceResolvers;
  /** What Query, Mutation and Subscription are, in the words every subgraph of the graph shares. */
  rootDescriptions?: RootTypeDescriptions;
  createServices(dataSource: DataSource, runtime: SubgraphRuntime): TServices;
  /** The fact queues folded into this subgraph's rollups in batches (rollup-applier.ts), when it keeps any. */
  rollups?: RollupsDefinition<any>; // eslint-disable-line @typescript-eslint/no-explicit-any
  /** Fresh DataLoaders for one request: never shared between requests. */
  createLoaders(services: TServices): TLoaders;
  /** Seeds the sample set once into an empty database. */
  seed?(manager: EntityManager, now: Date): Promise<void>;
}

/** What services get besides their database: the clock and the rest of the graph. */
export interface SubgraphRuntime {
  now: () => Date;
  hub: HubClient;
}

export interface SubgraphContext<TServices, TLoaders> extends BaseContext {
  identity: Identity;
  services: TServices;
  loaders: TLoaders;
  /** Committed events of this subgraph (its LISTEN connection), for Subscription fields. */
  events: HubPubSub;
}

export interface SubgraphOptions {
  databaseUrl: string;
  internalSecret: string;
  /** Seed the sample set when the database has none (npm start, tests). */
  seed?: boolean;
  includeStacktrace?: boolean;
  now?: () => Date;
  poolSize?: number;
  /** The rollup applier's pace: the pause while its queues are empty, and facts per queue per batch. */
  rollups?: { intervalMs?: number; batchSize?: number };
  /** The gateway's /graphql, for federated lookups (a function: tests learn it after start). */
  gatewayUrl: string | (() => string);
  /** Seconds a public answer may be reused, by kind of data (see CacheHint); default DEFAULT_CACHE_MAX_AGES. */
  cacheMaxAges?: CacheMaxAges;
  /** Where the subgraph logs (default: a pino logger named after it). */
  logger?: Logger;
}

export interface SubgraphApp<TServices> {
  name: string;
  sdl: string;
  server: SubgraphServer;
  dataSource: DataSource;
  services: TServices;
  /** Counts every SQL statement this subgraph sends. */
  statements: StatementCounter;
  /** The applier of this instance's rollups (null when the subgraph keeps none); running after prepare(). */
  rollups: RollupApplier<unknown> | null;
  /** Connects, migrates and (if asked) seeds; /ready turns true after it. */
  prepare(): Promise<void>;
  listen(port: number, host?: string): Promise<RunningServer>;
  close(): Promise<void>;
}

/**
 * The subgraph's schema. `pubSub` feeds its Subscription fields (type-graphql `@Subscription` with
 * `topics`); the running app passes the one its LISTEN connection publishes to.
 */
export function buildSubgraphSchema<TServices, TLoaders>(
  definition: SubgraphDefinition<TServices, TLoaders>,
  pubSub: HubPubSub = createHubPubSub(),
  cacheMaxAges?: CacheMaxAges,
): Promise<FederatedSchema> {
  return buildFederatedSchema(
    { resolvers: definition.resolvers, orphanedTypes: definition.orphanedTypes, validateFn: validateArgument, globalMiddlewares: [databaseInputErrors], authChecker: roleChecker, authMode: 'error', pubSub },
    definition.references,
    definition.rootDescriptions,
    cacheMaxAges,
  );
}

export async function buildSubgraph<TServices, TLoaders>(
  definition: SubgraphDefinition<TServices, TLoaders>,
  options: SubgraphOptions,
): Promise<SubgraphApp<TServices>> {
  // Committed events reach this process's subscriptions: PostgreSQL LISTEN → PubSub → @Subscription.
  const logger = options.logger ?? createLogger(definition.name);
  const pubSub = createHubPubSub();
  const { schema, sdl } = await buildSubgraphSchema(definition, pubSub, options.cacheMaxAges);
  const listener = new EventListener({
    url: options.databaseUrl,
    subgraph: definition.name,
    onEvent: (event) => pubSub.publish(event.topic, event),
    log: (message) => logger.warn(message),
  });
  const { dataSource, statements } = createDataSource({
    url: options.databaseUrl,
    entities: definition.entities,
    migrations: definition.migrations,
    applicationName: `kepuri-${definition.name}`,
    poolSize: options.poolSize,
    log: (message) => logger.error(message),
  });
  const gatewayUrl = options.gatewayUrl;
  const runtime: SubgraphRuntime = {
    now: options.now ?? (() => new Date()),
    hub: new HubClient(definition.name, typeof gatewayUrl === 'string' ? () => gatewayUrl : gatewayUrl, options.internalSecret),
  };
  const services = definition.createServices(dataSource, runtime);
  let prepared = false;

  const metrics = new Registry();
  metrics.setDefaultLabels({ service: definition.name });
  collectDefaultMetrics({ register: metrics });
  new Counter({
    name: 'hub_sql_statements_total',
    help: 'SQL statements sent to this subgraph\'s database.',
    registers: [metrics],
    collect() {
      this.reset();
      this.inc(statements.count);
    },
  });

  // The applier has connections of its own: it never queues behind requests for one, and its
  // statements are not counted with theirs.
  const rollupSource = definition.rollups
    ? createDataSource({ url: options.databaseUrl, entities: [], migrations: [], applicationName: `kepuri-${definition.name}-rollups`, poolSize: 2, log: (message) => logger.error(message) }).dataSource
    : null;
  const rollups = definition.rollups && rollupSource ? new RollupApplier({
    ...definition.rollups,
    subgraph: definition.name,
    dataSource: rollupSource,
    intervalMs: options.rollups?.intervalMs ?? DEFAULT_ROLLUP_INTERVAL_MS,
    batchSize: options.rollups?.batchSize ?? DEFAULT_ROLLUP_BATCH_SIZE,
    log: (message) => logger.error(message),
    metrics,
  }) : null;

  const server = await createSubgraphServer<SubgraphContext<TServices, TLoaders>>({
    name: definition.name,
    schema,
    internalSecret: options.internalSecret,
    includeStacktrace: options.includeStacktrace ?? false,
    metrics,
    plugins: [requestLogPlugin(logger)],
    createContext: (identity) => ({ identity, services, loaders: definition.createLoaders(services), events: pubSub }),
    isReady: async () => {
      if (!prepared || !dataSource.isInitialized || !listener.connected) return false;
      await dataSource.query('SELECT 1');
      return true;
    },
  });

  return {
    name: definition.name,
    sdl,
    server,
    dataSource,
    services,
    statements,
    rollups,
    async prepare() {
      if (!dataSource.isInitialized) await dataSource.initialize();
      await migrate(dataSource);
      const seed = definition.seed;
      if (options.seed && seed) {
        await seedOnce(dataSource, 'sample', (manager) => seed(manager, runtime.now()));
      }
      await listener.start();
      if (rollupSource && !rollupSource.isInitialized) await rollupSource.initialize();
      rollups?.start();
      prepared = true;
    },
    listen: (port, host) => server.listen(port, host),
    async close() {
      await server.stop();
      await rollups?.stop();
      if (rollupSource?.isInitialized) await rollupSource.destroy();
      await listener.stop();
      if (dataSource.isInitialized) await dataSource.destroy();
    },
  };
}
