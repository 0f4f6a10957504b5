// A loopback TCP forwarder for fault injection: cut every connection at once, or refuse new ones for a while.
import { createConnection, createServer, type Socket } from 'node:net';
import { loopback } from './ports.ts';

export interface TcpProxy {
  readonly port: number;
  /** Destroys every open client+upstream socket pair abruptly (no FIN handshake from the proxy's side: RST). */
  cutAll(): void;
  /** New connections are destroyed at once until resume(); open ones keep flowing. */
  pause(): void;
  resume(): void;
  /** What clients send is kept back from the server until release(); what the server sends still flows. */
  holdFromClients(): void;
  releaseFromClients(): void;
  /** Stops listening and cuts every open connection. */
  close(): Promise<void>;
  /** Open client connections. */
  readonly connections: number;
}

export function startTcpProxy(targetHost: string, targetPort: number): Promise<TcpProxy> {
  const pairs = new Set<readonly [Socket, Socket]>();
  let paused = false;
  let holding = false;

  const server = createServer((client) => {
    client.on('error', () => undefined); // a reset peer is the normal case here
    if (paused) {
      client.resetAndDestroy();
      return;
    }
    const upstream = createConnection({ host: targetHost, port: targetPort });
    const pair = [client, upstream] as const;
    pairs.add(pair);
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    if (!holding) client.pipe(upstream);
    upstream.pipe(client);
    for (const socket of pair) {
      socket.on('error', end);
      socket.once('close', end);
    }
  });

  const cutAll = () => {
    for (const pair of [...pairs]) {
      pairs.delete(pair);
      for (const socket of pair) if (!socket.destroyed) socket.resetAndDestroy();
    }
  };

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: loopback, port: 0 }, () => {
      server.off('error', reject);
      const address = server.address();
      if (address === null || typeof address === 'string') return reject(new Error('proxy has no TCP address'));
      resolve({
        port: address.port,
        cutAll,
        pause: () => (paused = true),
        resume: () => (paused = false),
        holdFromClients: () => {
          holding = true;
          for (const [client, upstream] of pairs) client.unpipe(upstream);
        },
        releaseFromClients: () => {
          holding = false;
          for (const [client, upstream] of pairs) client.pipe(upstream);
        },
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            cutAll();
          }),
        get connections() {
          return pairs.size;
        },
      });
    });
  });
}
