// While invisible, nothing that shows we are online reaches anyone outside the roster (issue 9 §2.5), against the
// harness Prosody with a test module for XEP-0186, which Prosody 0.12 lacks.
import { fileURLToPath } from 'node:url';
import xml, { type Element } from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Connection } from '../../electron/core/xmpp/connection.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { createHarness, until, type TestCore } from './roster-harness.ts';

const NS_RECEIPTS = 'urn:xmpp:receipts';
const NS_MARKERS = 'urn:xmpp:chat-markers:0';
const NS_CHAT_STATES = 'http://jabber.org/protocol/chatstates';

let server: ProsodyServer;
const harness = createHarness(() => server);
const { users, signIn, raw, befriend, fullJid } = harness;

beforeAll(async () => {
  server = await startProsody({ pluginPaths: [fileURLToPath(new URL('../server/modules', import.meta.url))], extraModules: ['test_invisible'] });
});
afterEach(() => harness.cleanup());
afterAll(() => server.dispose());

/** What one client of `jid` receives from now on. */
async function listener(jid: string, resource: string): Promise<{ connection: Connection; received: Element[] }> {
  const connection = await raw(jid, resource);
  const received: Element[] = [];
  connection.onStanza((stanza) => void received.push(stanza));
  // Available, so that messages to the bare JID reach this client (RFC 6121 §8.5.2.1.1).
  await connection.send(xml('presence'));
  return { connection, received };
}

/** The condition of an iq error, or 'result'. */
async function answerTo(connection: Connection, request: Element): Promise<string> {
  try {
    await connection.iq(request, 5_000);
    return 'result';
  } catch (error) {
    return (error as { condition?: string }).condition ?? String(error);
  }
}

const requests = (to: string) => [
  xml('iq', { type: 'get', to }, xml('ping', { xmlns: 'urn:xmpp:ping' })),
  xml('iq', { type: 'get', to }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })),
  xml('iq', { type: 'get', to }, xml('query', { xmlns: 'jabber:iq:version' })),
  xml('iq', { type: 'get', to }, xml('query', { xmlns: 'jabber:iq:last' })),
];

const chatMessage = (to: string, id: string, body: string) =>
  xml('message', { type: 'chat', to, id }, xml('body', {}, body), xml('request', { xmlns: NS_RECEIPTS }), xml('markable', { xmlns: NS_MARKERS }));

const activity = (received: Element[]) =>
  received.filter((stanza) => stanza.getChild('received', NS_RECEIPTS) || stanza.getChild('displayed', NS_MARKERS) || stanza.getChild('composing', NS_CHAT_STATES));

async function stored(core: TestCore, peer: string, body: string): Promise<void> {
  await until(async () => (await core.handlers['chat.history']({ accountId: core.accountId, peer, limit: 50 })).messages.some((message) => message.body === body), `“${body}” stored`);
}

/** Alice reads and types in the conversation, then writes: once her message is there, anything sent before it has arrived. */
async function readTypeAndWrite(alice: TestCore, peer: string, peerSide: { received: Element[] }, body: string): Promise<void> {
  await alice.handlers['chat.markRead']({ accountId: alice.accountId, peer });
  await alice.handlers['chat.typing']({ accountId: alice.accountId, peer, state: 'composing' });
  // The body is read on the wire: not end-to-end encrypted, as it would be by default between two Causettes (OMEMO).
  await alice.handlers['omemo.setEncryption']({ accountId: alice.accountId, peer, on: false });
  await alice.handlers['chat.send']({ accountId: alice.accountId, peer, body });
  await until(() => peerSide.received.some((stanza) => stanza.getChildText('body') === body), `alice’s “${body}” at ${peer}`);
}

describe('while invisible', () => {
  it('a stranger gets no ping, disco, version or last-activity answer and no receipt, marker or typing; a contact still does', async () => {
    const [aliceJid = '', bobJid = '', carolJid = ''] = await users('alice', 'bob', 'carol');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    await befriend(alice, bob);
    // Even with activity shared with everyone, invisibility wins.
    await alice.handlers['settings.update']({ shareChatActivity: 'everyone' });
    await until(async () => (await alice.snapshot()).invisibility === 'xep-0186', 'invisibility offered');
    await alice.handlers['presence.set']({ accountId: alice.accountId, show: 'invisible' });
    const aliceFull = await fullJid(alice);

    const carol = await listener(carolJid, 'desk');
    const fromCarol = await Promise.all(requests(aliceFull).map((request) => answerTo(carol.connection, request)));
    expect(fromCarol).toEqual(['service-unavailable', 'service-unavailable', 'service-unavailable', 'service-unavailable']);
    await carol.connection.send(chatMessage(aliceFull, 'c1', 'are you there?'));
    await stored(alice, carolJid, 'are you there?');
    await readTypeAndWrite(alice, carolJid, carol, 'a message I chose to send');
    expect(activity(carol.received)).toEqual([]);

    const phone = await listener(bobJid, 'phone');
    const fromBob = await Promise.all(requests(aliceFull).map((request) => answerTo(phone.connection, request)));
    // Ping, disco and version are answered; last activity is not implemented by Causette at all.
    expect(fromBob).toEqual(['result', 'result', 'result', 'service-unavailable']);
    await phone.connection.send(chatMessage(aliceFull, 'b1', 'hi alice'));
    await stored(alice, bobJid, 'hi alice');
    await readTypeAndWrite(alice, bobJid, phone, 'hi bob');
    expect(activity(phone.received).map((stanza) => stanza.getChildElements().map((child) => child.name).find((name) => ['received', 'displayed', 'composing'].includes(name)))).toEqual(['received', 'displayed', 'composing']);
  });

  it('once visible again, a stranger is answered again', async () => {
    const [aliceJid = '', carolJid = ''] = await users('alice', 'carol');
    const alice = await signIn(aliceJid);
    await until(async () => (await alice.snapshot()).invisibility === 'xep-0186', 'invisibility offered');
    await alice.handlers['presence.set']({ accountId: alice.accountId, show: 'invisible' });
    const carol = await listener(carolJid, 'desk');
    const aliceFull = await fullJid(alice);
    expect(await answerTo(carol.connection, requests(aliceFull)[0] ?? xml('iq'))).toBe('service-unavailable');
    await alice.handlers['presence.set']({ accountId: alice.accountId, show: 'online' });
    expect(await answerTo(carol.connection, requests(aliceFull)[0] ?? xml('iq'))).toBe('result');
  });
});

describe('by default (XEP-0184 §8)', () => {
  it('receipts, markers and typing go to contacts who see our presence, not to strangers', async () => {
    const [aliceJid = '', carolJid = ''] = await users('alice', 'carol');
    const alice = await signIn(aliceJid);
    expect((await alice.handlers['app.snapshot']({})).settings.shareChatActivity).toBe('contacts');
    const carol = await listener(carolJid, 'desk');
    await carol.connection.send(chatMessage(await fullJid(alice), 'c1', 'hello stranger'));
    await stored(alice, carolJid, 'hello stranger');
    await readTypeAndWrite(alice, carolJid, carol, 'hello to you');
    expect(activity(carol.received)).toEqual([]);
  });
});
