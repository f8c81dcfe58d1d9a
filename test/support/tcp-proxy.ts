import net from 'node:net';

/**
 * A TCP proxy on loopback in front of a real server, for fault tests: `cut()` drops every
 * connection and refuses new ones (the server is out of reach, as when a database host goes away),
 * `hang()` accepts connections and never answers (as a stopped process), `slow(ms)` forwards every
 * answer late by `ms` (a slow server), `restore()` forwards again on the same port, at once.
 */
export interface TcpProxy {
  port: number;
  /** `url` with its host and port replaced by the proxy's. */
  through(url: string): string;
  cut(): Promise<void>;
  hang(): Promise<void>;
  slow(delayMs: number): void;
  restore(): Promise<void>;
  close(): Promise<void>;
}

export async function startTcpProxy(target: { host: string; port: number }): Promise<TcpProxy> {
  const sockets = new Set<net.Socket>();
  let mode: 'forward' | 'hang' = 'forward';
  let delayMs = 0;
  const track = (socket: net.Socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
  };
  const server = net.createServer((client) => {
    track(client);
    if (mode === 'hang') return;
    const upstream = net.connect(target.port, target.host);
    track(upstream);
    client.pipe(upstream);
    upstream.on('data', (chunk: Buffer) => {
      if (delayMs === 0) client.write(chunk);
      else setTimeout(() => client.writable && client.write(chunk), delayMs);
    });
    const end = () => {
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end);
    upstream.on('close', end);
  });
  const listen = (port: number) => new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const stop = () => new Promise<void>((resolve) => {
    for (const socket of sockets) socket.destroy();
    if (server.listening) server.close(() => resolve());
    else resolve();
  });
  await listen(0);
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    through: (url) => {
      const parsed = new URL(url);
      parsed.hostname = '127.0.0.1';
      parsed.port = String(port);
      return parsed.toString();
    },
    cut: stop,
    async hang() {
      mode = 'hang';
      for (const socket of sockets) socket.destroy();
      if (!server.listening) await listen(port);
    },
    slow(ms) {
      delayMs = ms;
    },
    async restore() {
      mode = 'forward';
      delayMs = 0;
      if (!server.listening) await listen(port);
    },
    close: stop,
  };
}
