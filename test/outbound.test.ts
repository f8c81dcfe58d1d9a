import diagnosticsChannel from 'node:diagnostics_channel';
import type { Socket } from 'node:net';
import { startHub, type TestHub } from './support/hub';

// Every client socket this process opens (net.connect, http, fetch alike), with where it went.
const destinations: string[] = [];
const onSocket = ({ socket }: { socket: Socket }) => {
  socket.once('lookup', (_error: Error | null, address: string, _family: number, host: string) => destinations.push(`${host} → ${address}`));
  socket.once('connect', () => destinations.push(String(socket.remoteAddress)));
};

let hub: TestHub;
beforeAll(async () => {
  diagnosticsChannel.subscribe('net.client.socket', onSocket as (message: unknown) => void);
  hub = await startHub();
});
afterAll(async () => {
  diagnosticsChannel.unsubscribe('net.client.socket', onSocket as (message: unknown) => void);
  await hub?.close();
});

it('talks to nothing outside the machine: no telemetry, no cloud metadata probes', async () => {
  const result = await hub.query('{ activities(first: 3) { totalCount edges { node { title organizer { name } averageRating volunteerCount } } } }');
  expect(result.errors).toBeUndefined();
  // Probes of cloud metadata start right after the gateway is built; give them time to show.
  await new Promise((resolve) => setTimeout(resolve, 1_500));
  expect(destinations.length).toBeGreaterThan(0); // the hub's own connections are seen
  const outside = destinations.filter((destination) => !/(^|→ )(127\.0\.0\.1|::1|::ffff:127\.0\.0\.1|localhost)$/.test(destination));
  expect(outside).toEqual([]);
});
