// Answers to our iq requests come only from the entity asked (RFC 6120 §8.2.3), against the harness Prosody.
import xml, { type Element } from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createConnection, type Connection } from '../../electron/core/xmpp/connection.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { startTcpProxy, type TcpProxy } from '../server/tcp-proxy.ts';
import { recordingLogger, waitForState } from '../support/connection.ts';
import { until } from './roster-harness.ts';

const NS_VERSION = 'jabber:iq:version';
const NS_ROSTER = 'jabber:iq:roster';

let server: ProsodyServer;
let proxy: TcpProxy | undefined;
const connections: Connection[] = [];

beforeAll(async () => {
  server = await startProsody({
    users: ['alice', 'bob', 'carol'].map((name) => ({ username: name, password: `${name}-pw` })),
  });
});
afterEach(async () => {
  await Promise.all(connections.splice(0).map((connection) => connection.stop()));
  await proxy?.close();
  proxy = undefined;
});
afterAll(() => server.dispose());

async function connect(name: string, port = server.c2sPort) {
  const log = recordingLogger();
  const connection = createConnection({ account: name, jid: `${name}@localhost`, password: `${name}-pw`, resource: 'res', host: server.host, port, tls: 'starttls', extraCa: [server.caPem], pinned: [], logger: log.logger });
  connections.push(connection);
  const received: Element[] = [];
  connection.onStanza((stanza) => void received.push(stanza));
  connection.start();
  await waitForState(connection, (state) => state.status === 'online');
  return { connection, received, ...log };
}

/** Carol sends a forged answer with that id to alice, then a message; once alice has the message, the answer was handled. */
async function forge(carol: Connection, alice: { received: Element[] }, answer: Element): Promise<void> {
  const marker = `after the forged answer ${answer.attrs.id ?? ''}`;
  await carol.send(answer);
  await carol.send(xml('message', { to: 'alice@localhost/res', type: 'chat' }, xml('body', {}, marker)));
  await until(() => alice.received.some((stanza) => stanza.getChildText('body') === marker), 'carol’s message after the forged answer');
}

function track(request: Promise<Element>) {
  const outcome: { answer?: Element; error?: unknown } = {};
  request.then((answer) => (outcome.answer = answer), (error: unknown) => (outcome.error = error));
  return outcome;
}

describe('answers to our iq requests', () => {
  it('an answer from someone other than the entity asked is dropped; the real answer still settles the request', async () => {
    const alice = await connect('alice');
    const bob = await connect('bob');
    const carol = await connect('carol');
    const request = alice.connection.iq(xml('iq', { type: 'get', to: 'bob@localhost/res' }, xml('query', { xmlns: NS_VERSION })), 10_000);
    const outcome = track(request);
    const asked = await until(() => bob.received.find((stanza) => stanza.name === 'iq' && stanza.getChild('query', NS_VERSION)), 'the request at bob');
    const id = asked.attrs.id ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    await forge(carol.connection, alice, xml('iq', { type: 'result', id, to: 'alice@localhost/res' }, xml('query', { xmlns: NS_VERSION }, xml('name', {}, 'forged'))));
    expect(outcome).toEqual({});
    expect(alice.lines.some((line) => line.startsWith('dropped an iq answer') && line.includes('carol@localhost/res'))).toBe(true);

    await bob.connection.send(xml('iq', { type: 'result', id, to: asked.attrs.from }, xml('query', { xmlns: NS_VERSION }, xml('name', {}, 'real'))));
    expect((await request).getChild('query', NS_VERSION)?.getChildText('name')).toBe('real');
  });

  it('a forged error does not fail the request either', async () => {
    const alice = await connect('alice');
    const bob = await connect('bob');
    const carol = await connect('carol');
    const request = alice.connection.iq(xml('iq', { type: 'get', to: 'bob@localhost/res' }, xml('query', { xmlns: NS_VERSION })), 10_000);
    const outcome = track(request);
    const asked = await until(() => bob.received.find((stanza) => stanza.name === 'iq' && stanza.getChild('query', NS_VERSION)), 'the request at bob');
    const id = asked.attrs.id ?? '';
    await forge(carol.connection, alice, xml('iq', { type: 'error', id, to: 'alice@localhost/res' }, xml('error', { type: 'cancel' }, xml('item-not-found', { xmlns: 'urn:ietf:params:xml:ns:xmpp-stanzas' }))));
    expect(outcome).toEqual({});
    await bob.connection.send(xml('iq', { type: 'result', id, to: asked.attrs.from }, xml('query', { xmlns: NS_VERSION }, xml('name', {}, 'real'))));
    expect((await request).getChild('query', NS_VERSION)?.getChildText('name')).toBe('real');
  });

  it('a request to our own server (the roster) is not settled by a contact who learned its id, and the server’s answer is taken', async () => {
    proxy = await startTcpProxy(server.host, server.c2sPort);
    const alice = await connect('alice', proxy.port);
    const carol = await connect('carol');
    proxy.holdFromClients();
    const request = alice.connection.iq(xml('iq', { type: 'get' }, xml('query', { xmlns: NS_ROSTER })), 10_000);
    const outcome = track(request);
    const sent = await until(() => alice.stanzas.find((line) => line.startsWith('out <iq') && line.includes(NS_ROSTER)), 'the roster request on the wire');
    const id = /\bid="([^"]+)"/.exec(sent)?.[1] ?? '';
    expect(id).toMatch(/^[0-9a-f-]{36}$/);

    await forge(carol.connection, alice, xml('iq', { type: 'result', id, to: 'alice@localhost/res' }, xml('query', { xmlns: NS_ROSTER }, xml('item', { jid: 'mallory@localhost', subscription: 'both' }))));
    expect(outcome).toEqual({});

    proxy.releaseFromClients();
    const answer = await request;
    expect(answer.attrs.from).toBeUndefined();
    expect(answer.getChild('query', NS_ROSTER)?.getChildren('item')).toEqual([]);
  });
});
