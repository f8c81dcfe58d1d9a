import { parseArgs } from 'node:util';
import { startWaterSavingBases } from './server';

/** `node -r @swc-node/register examples/water-saving-bases/index.ts --port 4010` */
const { values } = parseArgs({ options: { port: { type: 'string', default: '4010' }, host: { type: 'string', default: '127.0.0.1' } } });
startWaterSavingBases(Number(values.port), values.host).then((running) => {
  console.log(`water-saving-bases subgraph at ${running.url}`);
  const stop = () => void running.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
});
