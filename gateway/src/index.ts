import 'reflect-metadata';
import { dashboardPage } from '@kepuri/dashboard';
import { createLogger, flushTelemetry } from '@kepuri/platform';
import { build } from './app';
import { parseGatewayConfig } from './config';

async function main(): Promise<void> {
  const config = parseGatewayConfig();
  const logger = createLogger('gateway', { level: config.logLevel, format: config.logFormat });
  if (!config.registry) throw new Error('GATEWAY_DATABASE_URL (or DATABASE_URL) must be set: the gateway keeps its subgraph registry there');
  const gateway = await build({
    logger,
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
    subgraphCalls: config.subgraphCalls,
    maxBodyBytes: config.maxBodyBytes,
    shutdownGraceMs: config.shutdownGraceMs,
    limits: config.limits,
    subscriptions: config.subscriptions,
    memberships: config.memberships,
    responseCache: config.responseCache,
    persistedDocuments: config.persistedDocuments,
    usage: config.usage,
    hubVersion: config.hubVersion,
    development: config.env === 'development',
    production: config.env === 'production',
    // The hub's reference dashboard at /dashboard; the gateway itself knows no domain page.
    pages: [dashboardPage()],
  });
  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`stopping (${reason})`);
    // Past the grace for requests in flight (and a little for the rest), the process is forced out.
    setTimeout(() => process.exit(1), config.shutdownGraceMs + 5_000).unref();
    await gateway.close().catch((error: unknown) => logger.error({ err: error }, 'close failed'));
    await flushTelemetry();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('disconnect', () => void stop('parent exited'));
  const running = await gateway.listen(config.port, config.host);
  logger.info(`ready at ${running.url}`);
  process.send?.({ type: 'ready', name: 'gateway', url: running.url });
}

main().catch((error: unknown) => {
  // The configuration may be what failed: this line does not depend on it.
  createLogger('gateway').error({ err: error }, 'failed to start');
  process.exit(1);
});
