// The roster and subscriptions (RFC 6121 §2–3) through the core, against the harness Prosody.
import xml from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { recordingLogger } from '../support/connection.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { createHarness, eventsNamed, until } from './roster-harness.ts';

let server: ProsodyServer;
const harness = createHarness(() => server);
const { users, signIn, close, raw, befriend } = harness;

beforeAll(async () => {
  server = await startProsody({ passwordHash: 'SHA-256' });
});
afterEach(() => harness.cleanup());
afterAll(() => server.dispose());

describe('roster and subscriptions', () => {
  it('alice adds bob, bob approves with add-back, and both see each other online', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);

    await alice.handlers['roster.add']({ accountId: alice.accountId, jid: bobJid, name: 'Bob', groups: ['Friends'] });
    const pending = await until(async () => {
      const contact = await alice.contact(bobJid);
      return contact?.pendingOut ? contact : undefined;
    }, 'the pending contact');
    expect(pending).toMatchObject({ name: 'Bob', groups: ['Friends'], subscription: 'none', show: 'offline' });

    const request = await until(() => eventsNamed(bob, 'subscription.requestsChanged').at(-1)?.requests[0], 'the request event');
    expect(request.jid).toBe(aliceJid);
    expect((await bob.snapshot()).requests.map((r) => r.jid)).toEqual([aliceJid]);

    await bob.handlers['subscription.approve']({ accountId: bob.accountId, jid: aliceJid, addBack: true });
    const seenByAlice = await until(async () => {
      const contact = await alice.contact(bobJid);
      return contact?.subscription === 'both' && contact.show === 'online' ? contact : undefined;
    }, 'alice sees bob');
    expect(seenByAlice).toMatchObject({ pendingOut: false, name: 'Bob', resources: [{ show: 'online', priority: 0 }] });
    await until(async () => {
      const contact = await bob.contact(aliceJid);
      return contact?.subscription === 'both' && contact.show === 'online';
    }, 'bob sees alice');
    expect((await bob.snapshot()).requests).toEqual([]);
  });

  it('removing a contact takes it off the list and cancels both subscriptions', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    await befriend(alice, bob);

    await alice.handlers['roster.remove']({ accountId: alice.accountId, jid: bobJid });
    await until(() => eventsNamed(alice, 'roster.changed').some((change) => change.removed.includes(bobJid)), 'the removal event');
    expect(await alice.contact(bobJid)).toBeUndefined();
    // RFC 6121 §2.5.2: the server cancels both directions, so bob no longer sees alice.
    await until(async () => {
      const contact = await bob.contact(aliceJid);
      return contact?.subscription === 'none' && contact.show === 'offline';
    }, 'bob loses alice');
  });

  it('a roster push from another client of alice renames the contact in the core', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const alice = await signIn(aliceJid);
    await alice.handlers['roster.add']({ accountId: alice.accountId, jid: bobJid, name: 'Bob', groups: ['Work'] });
    await until(async () => (await alice.contact(bobJid))?.name === 'Bob', 'the contact');

    const other = await raw(aliceJid, 'phone');
    await other.iq(xml('iq', { type: 'set' }, xml('query', { xmlns: 'jabber:iq:roster' }, xml('item', { jid: bobJid, name: 'Robert' }, xml('group', {}, 'Family')))));
    const renamed = await until(async () => {
      const contact = await alice.contact(bobJid);
      return contact?.name === 'Robert' ? contact : undefined;
    }, 'the rename');
    expect(renamed.groups).toEqual(['Family']);
  });

  it('renames and moves a contact between groups, keeping the rest', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const alice = await signIn(aliceJid);
    await alice.handlers['roster.add']({ accountId: alice.accountId, jid: bobJid, name: 'Bob', groups: ['Work'] });
    await until(async () => (await alice.contact(bobJid))?.pendingOut, 'the contact');
    await alice.handlers['roster.update']({ accountId: alice.accountId, jid: bobJid, groups: ['Friends', 'Climbing'] });
    const moved = await until(async () => {
      const contact = await alice.contact(bobJid);
      return contact?.groups.includes('Climbing') ? contact : undefined;
    }, 'the move');
    expect(moved).toMatchObject({ name: 'Bob', pendingOut: true });
    await alice.handlers['roster.update']({ accountId: alice.accountId, jid: bobJid, name: 'Bobby', groups: ['Friends'] });
    await until(async () => (await alice.contact(bobJid))?.name === 'Bobby', 'the rename');
    await expect(alice.handlers['roster.update']({ accountId: alice.accountId, jid: `nobody@${server.domain}`, groups: [] })).rejects.toMatchObject({ code: 'not-found' });
  });

  it('with roster versioning, signing in again downloads nothing when the roster is unchanged', async () => {
    const [aliceJid = '', bobJid = '', carolJid = ''] = await users('alice', 'bob', 'carol');
    const first = await signIn(aliceJid);
    await first.handlers['roster.add']({ accountId: first.accountId, jid: bobJid, name: 'Bob', groups: [] });
    await first.handlers['roster.add']({ accountId: first.accountId, jid: carolJid, groups: [] });
    await until(async () => (await first.snapshot()).contacts.length === 2, 'two contacts');
    await close(first);

    const log = recordingLogger();
    const again = await signIn(aliceJid, { profile: first.profile, logger: log.logger });
    // The stored roster is there at once, before any download.
    expect((await again.snapshot()).contacts.map((contact) => contact.jid).sort()).toEqual([bobJid, carolJid].sort());
    const get = await until(() => log.stanzas.find((line) => line.startsWith('out <iq') && line.includes('jabber:iq:roster')), 'the roster get');
    const ver = /ver="([^"]+)"/.exec(get)?.[1];
    expect(ver).toMatch(/\S/);
    const id = /id="([^"]+)"/.exec(get)?.[1] ?? '';
    const result = await until(() => log.stanzas.find((line) => line.startsWith('in <iq') && line.includes(`id="${id}"`)), 'the roster result');
    // XEP-0237 §3: an empty result means "what you have is current".
    expect(result).not.toContain('<query');
    expect(result).not.toContain('<item');
  });

  it('pre-approves a contact (RFC 6121 §3.4), whose request is then accepted without asking', async () => {
    const [aliceJid = '', carolJid = ''] = await users('alice', 'carol');
    const alice = await signIn(aliceJid);
    await alice.handlers['subscription.preapprove']({ accountId: alice.accountId, jid: carolJid });
    await until(async () => (await alice.contact(carolJid))?.approved, 'the pre-approval');
    const carol = await raw(carolJid, 'desk');
    await carol.send(xml('presence', { type: 'subscribe', to: aliceJid }));
    const contact = await until(async () => {
      const found = await alice.contact(carolJid);
      return found?.subscription === 'from' ? found : undefined;
    }, 'the subscription');
    expect(contact.approved).toBe(false);
    expect((await alice.snapshot()).requests).toEqual([]);
    expect(eventsNamed(alice, 'subscription.requestsChanged')).toEqual([]);
  });

  it('a revoked pre-approval stays revoked (RFC 6121 §3.4): the contact’s later request is asked, not granted', async () => {
    const [aliceJid = '', carolJid = ''] = await users('alice', 'carol');
    const alice = await signIn(aliceJid);
    await alice.handlers['subscription.preapprove']({ accountId: alice.accountId, jid: carolJid });
    await until(async () => (await alice.contact(carolJid))?.approved, 'the pre-approval');
    await alice.handlers['subscription.revoke']({ accountId: alice.accountId, jid: carolJid });
    await until(async () => (await alice.contact(carolJid))?.approved === false, 'the approval withdrawn');

    const carol = await raw(carolJid, 'desk');
    await carol.send(xml('presence', { type: 'subscribe', to: aliceJid }, xml('status', {}, 'may I?')));
    // Stored as a request: neither alice's server nor her client granted it by itself.
    await until(async () => (await alice.snapshot()).requests.some((request) => request.jid === carolJid && request.message === 'may I?'), 'carol’s request stored');
    expect((await alice.contact(carolJid))?.subscription).toBe('none');
    await alice.handlers['subscription.approve']({ accountId: alice.accountId, jid: carolJid, addBack: false });
    await until(async () => (await alice.contact(carolJid))?.subscription === 'from', 'carol subscribed once alice approves');
    expect((await alice.snapshot()).requests).toEqual([]);
  });

  it('refuses a malformed address, our own address, and changes while signed out', async () => {
    const [aliceJid = ''] = await users('alice');
    const alice = await signIn(aliceJid);
    const add = (jid: string) => alice.handlers['roster.add']({ accountId: alice.accountId, jid, groups: [] });
    await expect(add('bob@localhost/phone')).rejects.toMatchObject({ code: 'bad-request' });
    await expect(add(aliceJid)).rejects.toMatchObject({ code: 'bad-request' });
    await alice.handlers['account.disconnect']({ accountId: alice.accountId });
    await expect(add(`bob@${server.domain}`)).rejects.toMatchObject({ code: 'not-connected' });
    expect((await alice.snapshot()).presence.show).toBe('offline');
  });

  it('keeps pending requests across a restart of the core', async () => {
    const [bobJid = '', carolJid = ''] = await users('bob', 'carol');
    const bob = await signIn(bobJid);
    const carol = await raw(carolJid, 'desk');
    await carol.send(xml('presence', { type: 'subscribe', to: bobJid }, xml('status', {}, 'It is Carol from the climbing club')));
    await until(async () => (await bob.snapshot()).requests.length === 1, 'the request');
    await close(bob);

    // Read before the new session starts: the request comes from the store, not from the server repeating it.
    const again = await signIn(bobJid, { profile: bob.profile, wait: false });
    expect((await again.snapshot()).requests).toEqual([{ jid: carolJid, message: 'It is Carol from the climbing club', receivedAt: expect.any(Number) as number }]);
    await harness.waitOnline(again);
    await again.handlers['subscription.deny']({ accountId: again.accountId, jid: carolJid });
    expect((await again.snapshot()).requests).toEqual([]);
  });
});
