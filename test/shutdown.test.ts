import { startHub, type TestHub } from './support/hub';
import { startTcpProxy, type TcpProxy } from './support/tcp-proxy';
import { connect } from './support/ws';

/**
 * A gateway that stops (a deploy, a scale-in) lets the requests in flight finish, closes its
 * WebSockets with 1001 (going away, reconnect elsewhere), takes no new request, and is done in a
 * bounded time even when a request would never finish. Its activities subgraph is reached through a
 * TCP proxy that makes it slow or silent.
 */
let hub: TestHub;
let activities: TcpProxy | undefined;

beforeAll(async () => {
  hub = await startHub({
    subgraphRoute: async (name, url) => {
      if (name !== 'activities') return url;
      const { hostname, port } = new URL(url);
      activities ??= await startTcpProxy({ host: hostname, port: Number(port) });
      return activities.through(url);
    },
  });
});
afterAll(async () => {
  await hub?.close();
  await activities?.close();
});
afterEach(async () => {
  await activities?.restore();
});

const QUERY = JSON.stringify({ query: '{ campaign(year: 2020) { theme } }' });
const post = (url: string) => fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: QUERY });

describe('a gateway that stops', () => {
  it('finishes the requests in flight, closes WebSockets with 1001 and then takes no new request', async () => {
    const { gateway, url } = await hub.addGateway({ shutdownGraceMs: 5_000 });
    const socket = connect(url);
    const subscription = socket.subscribe('subscription { checkInRecorded { checkInCount } }');
    await new Promise((resolve) => setTimeout(resolve, 300)); // the socket is open and subscribed

    activities!.slow(800);
    const inFlight = post(url);
    await new Promise((resolve) => setTimeout(resolve, 200));
    const closing = gateway.close();

    const answer = await inFlight;
    expect(answer.status).toBe(200);
    expect(((await answer.json()) as { data: { campaign: { theme: string } } }).data.campaign.theme).toBeTruthy();
    expect((await socket.closed).code).toBe(1001);
    await closing;
    expect(subscription.error ?? subscription.completed).toBeTruthy();
    await expect(post(url)).rejects.toThrow();
  });

  it('is done within its grace even when a request would never finish', async () => {
    const { gateway, url } = await hub.addGateway({ shutdownGraceMs: 1_000, subgraphCalls: { timeoutMs: 60_000, breaker: { failures: 5, halfOpenAfterMs: 5_000 } } });
    await activities!.hang();
    const stuck = post(url).then((response) => response.status, () => 'cut');
    await new Promise((resolve) => setTimeout(resolve, 200));
    const started = Date.now();
    await gateway.close();
    expect(Date.now() - started).toBeLessThan(4_000);
    expect(await stuck).toBe('cut');
  });
});
