// Servers Prosody cannot play: one without encryption, one that never answers. A loopback fake stands in for them.
import { createServer, type Server, type Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../shared/model/account.ts';
import { silentLogger } from '../../electron/core/log/logger.ts';
import { createConnection, type Connection } from '../../electron/core/xmpp/connection.ts';
import { withDeadline } from '../support/connection.ts';

const header = "<?xml version='1.0'?><stream:stream xmlns='jabber:client' xmlns:stream='http://etherx.jabber.org/streams' id='fake' from='localhost' version='1.0'>";
const plainOnly = "<stream:features><mechanisms xmlns='urn:ietf:params:xml:ns:xmpp-sasl'><mechanism>PLAIN</mechanism></mechanisms></stream:features>";

let server: Server | undefined;
let connection: Connection | undefined;
afterEach(async () => {
  await connection?.stop();
  await withDeadline(new Promise((resolve) => (server ? server.close(resolve) : resolve(undefined))), 'the fake server closing');
  server = undefined;
});

/** A fake server; `reply` answers whatever the client wrote so far, and everything received is kept. */
async function fakeServer(reply: (received: string, socket: Socket) => void): Promise<{ port: number; received: () => string }> {
  let all = '';
  server = createServer((socket) => {
    socket.on('error', () => undefined);
    socket.on('data', (data) => {
      all += data.toString();
      reply(all, socket);
    });
  });
  await withDeadline(new Promise<void>((resolve) => server?.listen(0, '127.0.0.1', resolve)), 'the fake server listening');
  const address = server.address();
  return { port: typeof address === 'object' && address ? address.port : 0, received: () => all };
}

/** The next state `accept` takes (the current one does not count: these wait from before start()). */
function nextState(accept: (state: ConnectionState) => boolean, what: string): Promise<ConnectionState> {
  return withDeadline(new Promise((resolve) => connection?.onState((state) => accept(state) && resolve(state))), what, 15_000);
}

describe('a server that offers no encryption', () => {
  it('is refused before any credential is sent, and not retried', async () => {
    const fake = await fakeServer((received, socket) => {
      if (received.includes('<stream:stream') && !received.includes('<auth')) socket.write(header + plainOnly);
    });
    connection = createConnection({ account: 't', jid: 'alice@localhost', password: 'secret', host: '127.0.0.1', port: fake.port, tls: 'starttls', extraCa: [], pinned: [], logger: silentLogger });
    const stopped = nextState((state) => state.status === 'offline', 'going offline');
    connection.start();
    expect(await stopped).toMatchObject({ reason: { code: 'insecure-stream' } });
    expect(fake.received()).not.toContain('<auth');
    expect(fake.received()).not.toContain('secret');
  });
});

describe('a server that accepts the connection and then says nothing', () => {
  it('times out the attempt and retries', async () => {
    const fake = await fakeServer(() => undefined);
    connection = createConnection({
      account: 't',
      jid: 'alice@localhost',
      password: 'secret',
      host: '127.0.0.1',
      port: fake.port,
      tls: 'starttls',
      extraCa: [],
      pinned: [],
      logger: silentLogger,
      connectTimeoutMs: 300,
      retry: { baseMs: 100, capMs: 100 },
    });
    const retrying = nextState((state) => state.status === 'reconnecting', 'a retry after the silent server');
    connection.start();
    expect(await retrying).toMatchObject({ attempt: 1, reason: { code: 'timeout' } });
  });
});
