import type { TestHub } from './hub';

/**
 * Runs `probe` with one subgraph of the hub stopped (the gateway's connections to it are refused), then
 * starts it again on the same port and database.
 */
export async function whileSubgraphDown<T>(hub: TestHub, name: string, probe: () => Promise<T>): Promise<T> {
  const app = hub.subgraphs[name];
  await app.close();
  // restartSubgraph closes the old app again: already closed, that is nothing to do.
  app.close = async () => undefined;
  try {
    return await probe();
  } finally {
    await hub.restartSubgraph(name);
  }
}
