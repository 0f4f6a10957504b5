// Message requests against the harness Prosody: a stranger (a raw client outside bob's roster) writes to bob's core,
// which holds the conversation apart, quietly, until bob accepts, deletes or blocks it.
import xml, { type Element } from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { NS_CHAT_STATES, NS_MARKERS, NS_RECEIPTS } from '../../electron/core/xmpp/chat/chat-stanzas.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { createHarness, eventsNamed, presenceStanza, until, type TestCore } from './roster-harness.ts';

let server: ProsodyServer;
const harness = createHarness(() => server);
const { users, signIn, raw } = harness;

beforeAll(async () => {
  server = await startProsody({ passwordHash: 'SHA-256' });
});
afterEach(() => harness.cleanup());
afterAll(() => server.dispose());

/** A chat message asking for a receipt (XEP-0184 §5.1) and a displayed marker (XEP-0333 §4). */
const asking = (to: string, id: string, body: string) =>
  xml('message', { type: 'chat', to, id }, xml('body', {}, body), xml('request', { xmlns: NS_RECEIPTS }), xml('markable', { xmlns: NS_MARKERS }));

const conversationOf = async (core: TestCore, peer: string) =>
  (await core.handlers['chat.conversations']({ accountId: core.accountId })).find((conversation) => conversation.peer === peer);
const received = (core: TestCore, body: string) => until(() => eventsNamed(core, 'chat.message').find((event) => event.message.body === body), `“${body}” at bob`);

/** A raw client as the stranger, online, keeping every stanza bob's account sends it. */
async function stranger(jid: string, from: string) {
  const connection = await raw(jid, 'spam');
  const seen: Element[] = [];
  connection.onStanza((stanza) => void (stanza.attrs.from?.startsWith(from) === true && seen.push(stanza)));
  await connection.send(presenceStanza({}));
  const receiptFor = (id: string) => seen.find((stanza) => stanza.getChild('received', NS_RECEIPTS)?.attrs.id === id);
  return { connection, seen, receiptFor };
}

describe('message requests', () => {
  it('a stranger’s message waits as a request: no notification, receipt, marker or typing until bob accepts it', async () => {
    const [bobJid = '', malloryJid = ''] = await users('bob', 'mallory');
    const bob = await signIn(bobJid);
    // Only the request holds back what follows: bob shares receipts, markers and typing with everyone.
    await bob.handlers['settings.update']({ shareChatActivity: 'everyone' });
    const mallory = await stranger(malloryJid, bobJid);

    await mallory.connection.send(asking(bobJid, 'm1', 'buy now at https://spam.example'));
    await received(bob, 'buy now at https://spam.example');
    expect(await conversationOf(bob, malloryJid)).toMatchObject({ request: true, unread: 1 });
    await bob.handlers['chat.markRead']({ accountId: bob.accountId, peer: malloryJid });
    await bob.handlers['chat.typing']({ accountId: bob.accountId, peer: malloryJid, state: 'composing' });

    await bob.handlers['chat.acceptRequest']({ accountId: bob.accountId, peer: malloryJid });
    await until(() => eventsNamed(bob, 'chat.conversation').find((event) => event.conversation.peer === malloryJid && event.conversation.request === undefined), 'the accepted conversation');
    await mallory.connection.send(asking(bobJid, 'm2', 'are you there?'));
    // Bob's core answers in order: past the receipt for the second message, anything sent for the first would be here.
    await until(() => mallory.receiptFor('m2'), 'the receipt for the message after accepting');
    expect(mallory.receiptFor('m1')).toBeUndefined();
    expect(mallory.seen.filter((stanza) => stanza.getChild('displayed', NS_MARKERS) !== undefined)).toEqual([]);
    expect(mallory.seen.filter((stanza) => stanza.getChild('composing', NS_CHAT_STATES) !== undefined)).toEqual([]);
    await until(() => eventsNamed(bob, 'chat.notify').length > 0, 'the notification after accepting');
    expect(eventsNamed(bob, 'chat.notify').map((event) => event.body)).toEqual(['are you there?']);
  });

  it('declining with a block deletes the request, and the server keeps the stranger out', async () => {
    const [bobJid = '', malloryJid = ''] = await users('bob', 'mallory');
    const bob = await signIn(bobJid);
    const mallory = await stranger(malloryJid, bobJid);
    await mallory.connection.send(asking(bobJid, 'm1', 'hello stranger'));
    await received(bob, 'hello stranger');

    await bob.handlers['chat.declineRequest']({ accountId: bob.accountId, peer: malloryJid, block: 'block' });
    expect(eventsNamed(bob, 'chat.conversationRemoved')).toEqual([{ accountId: bob.accountId, peer: malloryJid }]);
    expect(await conversationOf(bob, malloryJid)).toBeUndefined();
    expect((await bob.handlers['chat.history']({ accountId: bob.accountId, peer: malloryJid, limit: 50 })).messages).toEqual([]);
    expect((await bob.handlers['blocking.list']({ accountId: bob.accountId })).jids).toEqual([malloryJid]);

    // XEP-0191 §3.5: the server bounces what a blocked stranger sends; past that bounce, bob's core has nothing new.
    const messagesBefore = eventsNamed(bob, 'chat.message').length;
    await mallory.connection.send(asking(bobJid, 'm2', 'let me in'));
    await until(() => mallory.seen.find((stanza) => stanza.attrs.id === 'm2' && stanza.attrs.type === 'error'), 'the bounce');
    expect(eventsNamed(bob, 'chat.message')).toHaveLength(messagesBefore);
  });

  it('deleting without a block lets the stranger write again; no report where the server offers none; ordinary conversations stay', async () => {
    const [bobJid = '', malloryJid = '', carolJid = ''] = await users('bob', 'mallory', 'carol');
    const bob = await signIn(bobJid);
    const mallory = await stranger(malloryJid, bobJid);
    await mallory.connection.send(asking(bobJid, 'm1', 'first try'));
    await received(bob, 'first try');

    // The harness Prosody offers blocking but not XEP-0377 reports: refused, and the request stays.
    await expect(bob.handlers['chat.declineRequest']({ accountId: bob.accountId, peer: malloryJid, block: 'report' })).rejects.toMatchObject({
      code: 'not-supported',
      params: { context: 'spamReport' },
    });
    expect(await conversationOf(bob, malloryJid)).toMatchObject({ request: true });

    await bob.handlers['chat.declineRequest']({ accountId: bob.accountId, peer: malloryJid, block: 'no' });
    expect(await conversationOf(bob, malloryJid)).toBeUndefined();
    await mallory.connection.send(asking(bobJid, 'm2', 'second try'));
    await received(bob, 'second try');
    expect(await conversationOf(bob, malloryJid)).toMatchObject({ request: true, unread: 1, lastMessage: { body: 'second try' } });

    // A conversation bob started is no request, and cannot be declined as one.
    await bob.handlers['chat.send']({ accountId: bob.accountId, peer: carolJid, body: 'hi carol' });
    expect((await conversationOf(bob, carolJid))?.request).toBeUndefined();
    await expect(bob.handlers['chat.declineRequest']({ accountId: bob.accountId, peer: carolJid, block: 'no' })).rejects.toMatchObject({
      code: 'bad-request',
      params: { context: 'notRequest' },
    });
    expect(await conversationOf(bob, carolJid)).toMatchObject({ lastMessage: { body: 'hi carol' } });
  });

  it('a stranger added to the roster moves to the conversations; with the setting off nothing is held', async () => {
    const [bobJid = '', malloryJid = '', daveJid = ''] = await users('bob', 'mallory', 'dave');
    const bob = await signIn(bobJid);
    const mallory = await stranger(malloryJid, bobJid);
    await mallory.connection.send(asking(bobJid, 'm1', 'it is me, really'));
    await received(bob, 'it is me, really');
    expect(await conversationOf(bob, malloryJid)).toMatchObject({ request: true });
    await bob.handlers['roster.add']({ accountId: bob.accountId, jid: malloryJid, groups: [] });
    await until(() => eventsNamed(bob, 'chat.conversation').find((event) => event.conversation.peer === malloryJid && event.conversation.request === undefined), 'the conversation moved');

    await bob.handlers['settings.update']({ holdRequests: false });
    const dave = await stranger(daveJid, bobJid);
    await dave.connection.send(asking(bobJid, 'd1', 'no requests here'));
    await until(() => eventsNamed(bob, 'chat.notify').find((event) => event.body === 'no requests here'), 'a notification');
    expect((await conversationOf(bob, daveJid))?.request).toBeUndefined();
  });
});
