// Staying connected: a restarted server is reconnected to, a cut TCP connection is resumed without losing a stanza.
import xml, { type Element } from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectionState } from '../../shared/model/account.ts';
import type { Connection, ConnectionOptions } from '../../electron/core/xmpp/connection.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { startTcpProxy, type TcpProxy } from '../server/tcp-proxy.ts';
import { connectToHarness, waitForState } from '../support/connection.ts';


const online = (connection: Connection) => waitForState(connection, (state) => state.status === 'online', 20_000);
const fullJid = (connection: Connection) => (connection.state.status === 'online' ? connection.state.jid : '');

let server: ProsodyServer;
const connections: Connection[] = [];
beforeAll(async () => {
  server = await startProsody({
    users: [
      { username: 'alice', password: 'alice-pw' },
      { username: 'bob', password: 'bob-pw' },
    ],
  });
});
afterEach(async () => {
  await Promise.all(connections.splice(0).map((connection) => connection.stop()));
});
afterAll(() => server.dispose());

function account(name: 'alice' | 'bob', overrides: Partial<ConnectionOptions> = {}): Connection {
  const connection = connectToHarness(server, `${name}@localhost`, overrides);
  connections.push(connection);
  return connection;
}

function bodiesReceived(connection: Connection): string[] {
  const bodies: string[] = [];
  connection.onStanza((stanza: Element) => {
    const body = stanza.name === 'message' ? stanza.getChildText('body') : null;
    if (body !== null) bodies.push(body);
  });
  return bodies;
}

describe('a server that restarts', () => {
  it('is reconnected to by itself, with a fresh session announced to the caller', async () => {
    const alice = account('alice');
    const sessions: boolean[] = [];
    alice.onSessionStart(({ resumed }) => sessions.push(resumed));
    await online(alice);
    const states: ConnectionState[] = [];
    alice.onState((state) => states.push(state));
    await server.stop();
    try {
      await waitForState(alice, (state) => state.status === 'reconnecting' && state.attempt >= 2 && state.reason?.code === 'connection-refused');
    } finally {
      await server.start();
    }
    // Prosody 0.12 drops its sockets on SIGTERM before it could send <system-shutdown/>.
    expect(states[0]).toMatchObject({ status: 'reconnecting', attempt: 1, reason: { code: 'stream-error' } });
    // The old session died with the server: resumption fails and a fresh session starts.
    expect(await online(alice)).toMatchObject({ status: 'online', resumed: false });
    expect(sessions).toEqual([false, false]);
  });
});

describe('a TCP connection that is cut', () => {
  let proxy: TcpProxy;
  beforeAll(async () => {
    proxy = await startTcpProxy(server.host, server.c2sPort);
  });
  afterAll(() => proxy.close());

  it('resumes the session and delivers a message sent during the cut exactly once', async () => {
    const alice = account('alice', { port: proxy.port });
    const received = bodiesReceived(alice);
    const sessions: boolean[] = [];
    alice.onSessionStart(({ resumed }) => sessions.push(resumed));
    const bob = account('bob');
    await Promise.all([online(alice), online(bob)]);
    const to = fullJid(alice);
    // An iq answer counts too (XEP-0198 §4): had it been missed, the server would replay 'before' after resumption.
    await alice.iq(xml('iq', { type: 'get', to: 'localhost' }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
    await bob.send(xml('message', { to, type: 'chat' }, xml('body', {}, 'before')));
    await expect.poll(() => received).toEqual(['before']);

    proxy.pause();
    proxy.cutAll();
    await waitForState(alice, (state) => state.status === 'reconnecting');
    await bob.send(xml('message', { to, type: 'chat' }, xml('body', {}, 'during')));
    // Alice also writes while cut off: her stanza waits and goes out once she is back.
    const sent = alice.send(xml('message', { to: fullJid(bob), type: 'chat' }, xml('body', {}, 'from alice')));
    const bobReceived = bodiesReceived(bob);
    // The server answers bob's ping after routing 'during': it waits for alice's resumption.
    await bob.iq(xml('iq', { type: 'get', to: 'localhost' }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
    proxy.resume();

    expect(await online(alice)).toMatchObject({ status: 'online', resumed: true, jid: to });
    await sent;
    await expect.poll(() => received).toEqual(['before', 'during']);
    await expect.poll(() => bobReceived).toEqual(['from alice']);
    await bob.send(xml('message', { to, type: 'chat' }, xml('body', {}, 'after')));
    // 'after' marks the end: a replay of 'during' would have come before it.
    await expect.poll(() => received).toEqual(['before', 'during', 'after']);
    expect(sessions).toEqual([false, true]);
  });
});
