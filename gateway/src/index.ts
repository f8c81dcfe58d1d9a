import 'reflect-metadata';
import { dashboardPage } from '@kepuri/dashboard';
import { build } from './app';
import { parseGatewayConfig } from './config';

async function main(): Promise<void> {
  const config = parseGatewayConfig();
  if (!config.registry) throw new Error('GATEWAY_DATABASE_URL (or DATABASE_URL) must be set: the gateway keeps its subgraph registry there');
  const gateway = await build({
    registry: config.registry,
    coreSubgraphs: config.coreSubgraphs,
    subgraphUrls: config.subgraphUrls,
    jwtSecret: config.jwtSecret,
    clientTokens: config.clientTokens,
    metrics: config.metrics,
    redis: config.redis,
    trustProxy: config.trustProxy,
    rateLimits: config.rateLimits,
    internalSecret: config.internalSecret,
    subgraphTimeoutMs: config.subgraphTimeoutMs,
    maxBodyBytes: config.maxBodyBytes,
    limits: config.limits,
    subscriptions: config.subscriptions,
    memberships: config.memberships,
    responseCache: config.responseCache,
    development: config.env === 'development',
    production: config.env === 'production',
    // The hub's reference dashboard at /dashboard; the gateway itself knows no domain page.
    pages: [dashboardPage()],
  });
  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    console.log(`[gateway] stopping (${reason})`);
    setTimeout(() => process.exit(1), 10_000).unref();
    await gateway.close().catch((error: unknown) => console.error('[gateway] close failed', error));
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('disconnect', () => void stop('parent exited'));
  const running = await gateway.listen(config.port, config.host);
  console.log(`[gateway] ready at ${running.url}`);
  process.send?.({ type: 'ready', name: 'gateway', url: running.url });
}

main().catch((error: unknown) => {
  console.error('[gateway] failed to start', error);
  process.exit(1);
});
