// A loopback TCP forwarder whose target can be switched: one address, answered by one server and then another.
import { createConnection, createServer, type Socket } from 'node:net';
import { loopback } from './ports.ts';

export interface SwitchableProxy {
  readonly port: number;
  /** Where new connections go from now on. */
  target(port: number): void;
  /** Drops every open connection. */
  cutAll(): void;
  close(): Promise<void>;
}

export async function startSwitchableProxy(port: number): Promise<SwitchableProxy> {
  let target = port;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    const upstream = createConnection({ host: loopback, port: target });
    client.pipe(upstream).pipe(client);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => [client, upstream].forEach((each) => each.destroy()));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, loopback, resolve));
  const address = server.address();
  return {
    port: typeof address === 'object' && address ? address.port : 0,
    target: (next) => void (target = next),
    cutAll: () => sockets.forEach((socket) => socket.destroy()),
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        sockets.forEach((socket) => socket.destroy());
      }),
  };
}
