// One-to-one chat between a core and slixmpp (an independent client) on the harness Prosody: what each side really got.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/model/message.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { child, descend, startSlixmppPeer, type ReceivedStanza } from '../support/slixmpp-peer.ts';
import { bare, createPeers } from './interop-harness.ts';
import { createHarness, until, type TestCore } from './roster-harness.ts';

const NS_SID = 'urn:xmpp:sid:0';
const NS_RECEIPTS = 'urn:xmpp:receipts';
const NS_MARKERS = 'urn:xmpp:chat-markers:0';
const NS_CORRECT = 'urn:xmpp:message-correct:0';
const NS_CARBONS = 'urn:xmpp:carbons:2';
const NS_FORWARD = 'urn:xmpp:forward:0';

let server: ProsodyServer;
const harness = createHarness(() => server);
const peers = createPeers(() => server);
const { users, signIn } = harness;

beforeAll(async () => {
  server = await startProsody({ passwordHash: 'SHA-256' });
});
afterEach(async () => {
  await peers.cleanup();
  await harness.cleanup();
});
afterAll(() => server.dispose());

const history = async (core: TestCore, peer: string): Promise<Message[]> =>
  (await core.handlers['chat.history']({ accountId: core.accountId, peer, limit: 50 })).messages;
const messageWith =
  (body: string) =>
  ({ tree }: ReceivedStanza): boolean =>
    tree.name === 'message' && child(tree, 'body')?.text === body;

/** A core (alice) and a slixmpp client (bob) who are each other's contacts. */
async function pair() {
  const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
  const [alice, bob] = await Promise.all([signIn(aliceJid), peers.peer(bobJid)]);
  await peers.befriend(alice, bob);
  return { alice, bob, aliceJid, bobJid };
}

describe('chat with slixmpp', () => {
  it('a message from slixmpp reaches the core with its body, id, origin-id and the server’s stanza-id (XEP-0359)', async () => {
    const { alice, bob, aliceJid, bobJid } = await pair();
    await bob.sendMessage({ to: aliceJid, body: 'Hello from slixmpp', messageId: 'slix-1', originId: 'slix-origin-1' });
    const stored = await until(async () => (await history(alice, bobJid)).find((message) => message.body === 'Hello from slixmpp'), 'the message in the core');
    expect(stored).toMatchObject({ direction: 'in', state: 'received', peer: bobJid, originId: 'slix-origin-1', remoteId: 'slix-1' });
    expect(stored.stanzaId).toMatch(/\S/);
  });

  it('a message from the core reaches slixmpp with its body, origin-id, receipt request and markable', async () => {
    const { alice, bob, bobJid } = await pair();
    const sent = await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'Hello <b>slixmpp</b> & co' });
    const { tree } = await bob.waitFor(messageWith('Hello <b>slixmpp</b> & co'), 'the core’s message');
    expect(tree.attrs).toMatchObject({ type: 'chat', id: sent.id });
    expect(bare(tree.attrs.from ?? '')).toBe(alice.jid);
    expect(child(tree, 'origin-id', NS_SID)?.attrs.id).toBe(sent.id);
    expect(child(tree, 'request', NS_RECEIPTS)?.name).toBe('request');
    expect(child(tree, 'markable', NS_MARKERS)?.name).toBe('markable');
  });

  it('delivery receipts both ways (XEP-0184 §5): slixmpp’s receipt delivers the core’s message, the core acknowledges slixmpp’s', async () => {
    const { alice, bob, aliceJid, bobJid } = await pair();
    const sent = await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'did you get this?' });
    const { tree } = await bob.waitFor(messageWith('did you get this?'), 'the core’s message');
    await bob.receipt(tree.attrs.from ?? '', tree.attrs.id ?? '');
    await until(async () => (await history(alice, bobJid)).find((message) => message.id === sent.id)?.state === 'delivered', 'the core’s message delivered');

    await bob.sendMessage({ to: aliceJid, body: 'and this?', messageId: 'slix-receipt-1', requestReceipt: true });
    const receipt = await bob.waitFor(({ tree: t }) => child(t, 'received', NS_RECEIPTS) !== undefined, 'a receipt from the core');
    expect(bare(receipt.tree.attrs.from ?? '')).toBe(alice.jid);
    expect(child(receipt.tree, 'received', NS_RECEIPTS)?.attrs.id).toBe('slix-receipt-1');
  });

  it('displayed markers both ways (XEP-0333 §3): slixmpp’s marker reads the core’s message, the core marks slixmpp’s when read', async () => {
    const { alice, bob, aliceJid, bobJid } = await pair();
    const sent = await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'read me' });
    const { tree } = await bob.waitFor(messageWith('read me'), 'the core’s message');
    await bob.displayed(tree.attrs.from ?? '', tree.attrs.id ?? '');
    await until(async () => (await history(alice, bobJid)).find((message) => message.id === sent.id)?.state === 'read', 'the core’s message read');

    await bob.sendMessage({ to: aliceJid, body: 'mark me', messageId: 'slix-markable-1', markable: true, requestReceipt: true });
    await until(async () => (await history(alice, bobJid)).some((message) => message.body === 'mark me'), 'slixmpp’s message in the core');
    // Not read yet: the receipt comes back, no marker with it.
    await bob.waitFor(({ tree: t }) => child(t, 'received', NS_RECEIPTS)?.attrs.id === 'slix-markable-1', 'the receipt of the markable message');
    expect(bob.received.some(({ tree: t }) => child(t, 'displayed', NS_MARKERS) !== undefined)).toBe(false);
    await alice.handlers['chat.markRead']({ accountId: alice.accountId, peer: bobJid });
    const marker = await bob.waitFor(({ tree: t }) => child(t, 'displayed', NS_MARKERS) !== undefined, 'a displayed marker from the core');
    expect(bare(marker.tree.attrs.from ?? '')).toBe(alice.jid);
    expect(child(marker.tree, 'displayed', NS_MARKERS)?.attrs.id).toBe('slix-markable-1');
  });

  it('corrections both ways (XEP-0308 §3): slixmpp’s replaces the text in the core, the core’s names the message it replaces', async () => {
    const { alice, bob, aliceJid, bobJid } = await pair();
    await bob.sendMessage({ to: aliceJid, body: 'Lunch at noom?', messageId: 'slix-lunch' });
    const original = await until(async () => (await history(alice, bobJid)).find((message) => message.remoteId === 'slix-lunch'), 'slixmpp’s message in the core');
    await bob.sendMessage({ to: aliceJid, body: 'Lunch at noon?', messageId: 'slix-lunch-2', replace: 'slix-lunch' });
    await until(async () => (await history(alice, bobJid)).find((message) => message.id === original.id)?.body === 'Lunch at noon?', 'the correction in the core');
    const [corrected, ...others] = await history(alice, bobJid);
    expect(others).toEqual([]);
    expect(corrected?.correctedAt).toBeGreaterThanOrEqual(original.timestamp);

    const sent = await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'See you at 1' });
    await bob.waitFor(messageWith('See you at 1'), 'the core’s message');
    await alice.handlers['chat.correct']({ accountId: alice.accountId, messageId: sent.id, body: 'See you at 2' });
    const { tree } = await bob.waitFor(messageWith('See you at 2'), 'the core’s correction');
    expect(child(tree, 'replace', NS_CORRECT)?.attrs.id).toBe(sent.id);
    expect(tree.attrs.id).not.toBe(sent.id);
  });
});

describe('carbons with slixmpp as the other device (XEP-0280)', () => {
  it('what slixmpp sends appears as sent in the core, and what the core sends reaches slixmpp as a sent carbon', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const alice = await signIn(aliceJid);
    const [phone, bob] = await Promise.all([peers.peer(aliceJid), peers.peer(bobJid)]);
    await peers.befriend(alice, bob);
    await phone.enableCarbons();
    // The core enables carbons before its first presence, which the befriending above waited for.

    await phone.sendMessage({ to: bobJid, body: 'sent from slixmpp', messageId: 'phone-1', originId: 'phone-1' });
    await bob.waitFor(messageWith('sent from slixmpp'), 'the phone’s message at bob');
    const fromPhone = await until(async () => (await history(alice, bobJid)).find((message) => message.body === 'sent from slixmpp'), 'the sent carbon in the core');
    expect(fromPhone).toMatchObject({ direction: 'out', state: 'sent', peer: bobJid, originId: 'phone-1' });

    const sent = await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'sent from the core' });
    await bob.waitFor(messageWith('sent from the core'), 'the core’s message at bob');
    const carbon = await phone.waitFor(({ tree }) => child(tree, 'sent', NS_CARBONS) !== undefined, 'a sent carbon of the core’s message');
    expect(carbon.tree.attrs.from).toBe(aliceJid);
    const forwarded = descend(carbon.tree, ['sent', NS_CARBONS], ['forwarded', NS_FORWARD], ['message']);
    expect(forwarded?.attrs).toMatchObject({ to: bobJid, id: sent.id });
    expect(child(forwarded, 'body')?.text).toBe('sent from the core');
    expect(child(forwarded, 'origin-id', NS_SID)?.attrs.id).toBe(sent.id);

    await bob.sendMessage({ to: phone.jid, body: 'to the phone', messageId: 'bob-1' });
    const toPhone = await until(async () => (await history(alice, bobJid)).find((message) => message.body === 'to the phone'), 'the received carbon in the core');
    expect(toPhone).toMatchObject({ direction: 'in', state: 'received', remoteId: 'bob-1' });
    expect((await history(alice, bobJid)).map((message) => message.body)).toEqual(['sent from slixmpp', 'sent from the core', 'to the phone']);
  });
});

describe('the slixmpp peer itself', () => {
  it('fails to start with a clear error on a wrong password', async () => {
    const [bobJid = ''] = await users('bob');
    const attempt = startSlixmppPeer({ jid: bobJid, password: 'wrong', host: server.host, port: server.c2sPort, caPath: server.caPath });
    await expect(attempt).rejects.toThrow(`the slixmpp peer ${bobJid}: authentication failed`);
  });
});
