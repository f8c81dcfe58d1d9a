import type { SubgraphConfig } from './config';
import { createLogger } from './logger';
import { flushTelemetry } from './telemetry-flush';
import type { SubgraphApp, SubgraphOptions } from './subgraph-app';

/**
 * A subgraph process: build, migrate, seed, listen; stop cleanly on SIGINT/SIGTERM or when the
 * parent that forked it (npm start) goes away, so no process outlives the hub.
 */
export async function runSubgraph(config: SubgraphConfig, build: (options: SubgraphOptions) => Promise<SubgraphApp<unknown>>): Promise<void> {
  const started = Date.now();
  const logger = createLogger(config.name, { level: config.logLevel, format: config.logFormat });
  const app = await build({
    logger,
    databaseUrl: config.databaseUrl,
    internalSecret: config.internalSecret,
    seed: config.seed,
    gatewayUrl: config.gatewayUrl,
    poolSize: config.poolSize,
    rollups: config.rollups,
    includeStacktrace: config.env === 'development',
    cacheMaxAges: config.cacheMaxAges,
  });
  let stopping = false;
  const stop = async (reason: string) => {
    if (stopping) return;
    stopping = true;
    logger.info(`stopping (${reason})`);
    const force = setTimeout(() => process.exit(1), 10_000);
    force.unref();
    await app.close().catch((error: unknown) => logger.error({ err: error }, 'close failed'));
    await flushTelemetry();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop('SIGINT'));
  process.on('SIGTERM', () => void stop('SIGTERM'));
  process.on('disconnect', () => void stop('parent exited'));
  try {
    const running = await app.listen(config.port, config.host);
    await app.prepare();
    logger.info(`ready at ${running.url} in ${Date.now() - started} ms`);
    process.send?.({ type: 'ready', name: config.name, url: running.url });
  } catch (error) {
    logger.error({ err: error }, 'failed to start');
    await app.close().catch(() => undefined);
    process.exit(1);
  }
}
