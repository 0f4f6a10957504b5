// Subscriptions (RFC 6121 §3) between a core and slixmpp (an independent client) on the harness Prosody, and the
// presence that flows once they are granted (§4).
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { child } from '../support/slixmpp-peer.ts';
import { bare, createPeers, presenceFrom } from './interop-harness.ts';
import { createHarness, eventsNamed, until } from './roster-harness.ts';

let server: ProsodyServer;
const harness = createHarness(() => server);
const peers = createPeers(() => server);
const { users, signIn, fullJid } = harness;

beforeAll(async () => {
  server = await startProsody({ passwordHash: 'SHA-256' });
});
afterEach(async () => {
  await peers.cleanup();
  await harness.cleanup();
});
afterAll(() => server.dispose());

describe('subscriptions with slixmpp', () => {
  it('slixmpp asks, the core approves: slixmpp gets “subscribed”, then the core’s presence and its changes', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), peers.peer(bobJid)]);
    await bob.presence({ to: aliceJid, type: 'subscribe' });
    await until(() => eventsNamed(alice, 'subscription.requestsChanged').some((event) => event.requests.some((request) => request.jid === bobJid)), 'the request in the core');
    expect((await alice.snapshot()).requests.map((request) => request.jid)).toEqual([bobJid]);
    // Nothing is granted before the user approves (§3.1.3): a message sent after the request arrives after any answer.
    await alice.handlers['chat.send']({ accountId: alice.accountId, peer: bobJid, body: 'one moment' });
    await bob.waitFor(({ tree }) => child(tree, 'body')?.text === 'one moment', 'the core’s message after the request');
    expect(bob.received.some(presenceFrom(aliceJid, 'subscribed'))).toBe(false);

    await alice.handlers['subscription.approve']({ accountId: alice.accountId, jid: bobJid, addBack: false });
    await bob.waitFor(presenceFrom(aliceJid, 'subscribed'), 'the core’s approval');
    const aliceFull = await fullJid(alice);
    // §3.1.5: the server sends the new subscriber the contact's current presence.
    await bob.waitFor(presenceFrom(aliceFull), 'the core’s presence after the approval');
    expect(await alice.contact(bobJid)).toMatchObject({ subscription: 'from', pendingOut: false });
    expect((await alice.snapshot()).requests).toEqual([]);

    await alice.handlers['presence.set']({ accountId: alice.accountId, show: 'dnd', status: 'In a meeting' });
    const busy = await bob.waitFor((stanza) => presenceFrom(aliceFull)(stanza) && child(stanza.tree, 'show')?.text === 'dnd', 'the core’s busy presence');
    expect(child(busy.tree, 'status')?.text).toBe('In a meeting');
  });

  it('the core asks, slixmpp approves: the core sees slixmpp’s presence, its changes and its going offline', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), peers.peer(bobJid)]);
    await alice.handlers['subscription.request']({ accountId: alice.accountId, jid: bobJid });
    const request = await bob.waitFor(presenceFrom(aliceJid, 'subscribe'), 'the core’s subscription request');
    expect(bare(request.tree.attrs.to ?? '')).toBe(bobJid);
    await until(async () => (await alice.contact(bobJid))?.pendingOut, 'the pending request in the core');
    expect(await alice.contact(bobJid)).toMatchObject({ subscription: 'none', show: 'offline' });

    await bob.presence({ to: aliceJid, type: 'subscribed' });
    await until(async () => {
      const contact = await alice.contact(bobJid);
      return contact?.subscription === 'to' && contact.show === 'online';
    }, 'the core sees slixmpp online');
    expect(await alice.contact(bobJid)).toMatchObject({ pendingOut: false, resources: [{ resource: bob.jid.slice(bob.jid.indexOf('/') + 1), show: 'online' }] });

    await bob.presence({ show: 'away', status: 'Out for lunch' });
    await until(async () => (await alice.contact(bobJid))?.show === 'away', 'the core sees slixmpp away');
    expect((await alice.contact(bobJid))?.status).toBe('Out for lunch');

    await bob.stop();
    await until(async () => (await alice.contact(bobJid))?.show === 'offline', 'the core sees slixmpp offline');
    expect((await alice.contact(bobJid))?.resources).toEqual([]);
  });
});
