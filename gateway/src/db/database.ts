import { createDataSource, migrate } from '@kepuri/platform';
import { migrations } from './migrations';
import type { DataSource } from 'typeorm';

/** The gateway's own database (the subgraph registry), migrated before use. */
export async function openGatewayDatabase(url: string): Promise<DataSource> {
  const { dataSource } = createDataSource({ url, entities: [], migrations, applicationName: 'kepuri-gateway', poolSize: 5 });
  await dataSource.initialize();
  try {
    await migrate(dataSource);
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
