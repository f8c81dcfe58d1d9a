import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A peer gateway for `npm run bench:gateways`, in its own process (as the hub's gateway is): stock
 * @apollo/gateway under a plain Apollo Server, or Hive Gateway, on the hub's own supergraph (the file
 * given, from the registry) and subgraphs.
 *
 * Bench only: the core subgraphs answer only calls that carry the gateway's signed `x-hub-identity`,
 * and neither peer knows how to sign one per request. Each is given one static header instead —
 * the anonymous public's identity, signed once by the bench with the run's HUB_INTERNAL_SECRET and an
 * expiry of two hours (BENCH_IDENTITY) — and sends it on every subgraph call. So every request runs as
 * the anonymous public, which is what the dashboard is; the hub's own gateway signs a fresh header per
 * request instead (one HMAC more per request).
 *
 * Usage: node -r @swc-node/register scripts/bench/peer-gateway.ts apollo|hive <supergraph file>
 * (environment BENCH_IDENTITY); prints `ready <url>` on stdout.
 */
const IDENTITY_HEADER = 'x-hub-identity';

async function main(): Promise<void> {
  const [kind, supergraphFile] = process.argv.slice(2);
  const identity = process.env.BENCH_IDENTITY;
  if (!identity || !supergraphFile) throw new Error('usage: peer-gateway.ts apollo|hive <supergraph file>, BENCH_IDENTITY set');
  const supergraphSdl = readFileSync(supergraphFile, 'utf8');
  process.env.APOLLO_TELEMETRY_DISABLED = 'true';
  let url: string;
  if (kind === 'apollo') url = await startApollo(supergraphSdl, identity);
  else if (kind === 'hive') url = await startHive(supergraphSdl, identity);
  else throw new Error(`unknown peer ${kind}`);
  console.log(`ready ${url}`);
  process.on('SIGTERM', () => process.exit(0));
  process.on('disconnect', () => process.exit(0));
}

/** Stock: ApolloServer + ApolloGateway with Apollo's standalone HTTP server, nothing of the hub's. */
async function startApollo(supergraphSdl: string, identity: string): Promise<string> {
  const { ApolloGateway, RemoteGraphQLDataSource } = await import('@apollo/gateway');
  const { ApolloServer } = await import('@apollo/server');
  const { startStandaloneServer } = await import('@apollo/server/standalone');
  const gateway = new ApolloGateway({
    supergraphSdl,
    buildService: ({ url: subgraphUrl }) => new RemoteGraphQLDataSource({
      url: subgraphUrl,
      willSendRequest: ({ request }) => {
        request.http?.headers.set(IDENTITY_HEADER, identity);
      },
    }),
  });
  const server = new ApolloServer({ gateway });
  const { url } = await startStandaloneServer(server, { listen: { port: 0, host: '127.0.0.1' } });
  return url; // the standalone server answers GraphQL on every path
}

/** Hive Gateway's runtime in one process (the CLI would fork one worker per core in production). */
async function startHive(supergraphSdl: string, identity: string): Promise<string> {
  const { createGatewayRuntime } = await import('@graphql-hive/gateway');
  const gateway = createGatewayRuntime({
    supergraph: supergraphSdl,
    graphiql: false,
    landingPage: false,
    logging: 'error',
    // Hive's HTTP transport shares identical subgraph requests that are in flight at once (on by default);
    // hive-no-dedupe turns that off, to compare the rest of the work.
    ...(process.env.HIVE_DEDUPE === 'off' ? { transportEntries: { '*.http': { options: { deduplicateInflightRequests: false } } } } : {}),
    plugins: () => [{
      onFetch({ options, setOptions }) {
        setOptions({ ...options, headers: { ...(options.headers as Record<string, string>), [IDENTITY_HEADER]: identity } });
      },
    }],
  });
  const server = http.createServer(gateway);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
