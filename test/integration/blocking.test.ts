// Blocking (XEP-0191) and contact details (XEP-0054 vCard, XEP-0092 versions) through the core, against the harness Prosody.
import xml, { type Element } from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { createHarness, eventsNamed, presenceStanza, until } from './roster-harness.ts';

let server: ProsodyServer;
const harness = createHarness(() => server);
const { users, signIn, close, raw, befriend } = harness;

beforeAll(async () => {
  server = await startProsody({ passwordHash: 'SHA-256' });
});
afterEach(() => harness.cleanup());
afterAll(() => server.dispose());

const bare = (jid: string | undefined) => jid?.split('/')[0];

describe('blocking contacts', () => {
  it('once alice blocks bob, his messages and presence no longer reach her, and do again after unblocking', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    await befriend(alice, bob);
    const watch = await raw(aliceJid, 'watch');
    const seen: Element[] = [];
    watch.onStanza((stanza) => void (bare(stanza.attrs.from) === bobJid && seen.push(stanza)));
    await watch.send(presenceStanza({ priority: -1 }));

    const list = await alice.handlers['blocking.list']({ accountId: alice.accountId });
    expect(list).toMatchObject({ supported: true, jids: [] });
    await alice.handlers['blocking.block']({ accountId: alice.accountId, jid: bobJid });
    await until(() => eventsNamed(alice, 'blocking.changed').at(-1)?.jids.includes(bobJid), 'the blocking event');
    expect((await alice.handlers['blocking.list']({ accountId: alice.accountId })).jids).toEqual([bobJid]);

    const phone = await raw(bobJid, 'phone');
    seen.length = 0;
    await phone.send(presenceStanza({ status: 'on the phone' }));
    await phone.send(xml('message', { type: 'chat', to: `${aliceJid}/watch` }, xml('body', {}, 'hello while blocked')));
    // The server answers the phone's ping after routing what it sent before, and the watch's ping after writing
    // to it whatever was routed there: past both, anything not blocked would have been seen.
    await phone.iq(xml('iq', { type: 'get', to: server.domain }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
    await watch.iq(xml('iq', { type: 'get', to: server.domain }, xml('ping', { xmlns: 'urn:xmpp:ping' })));
    expect(seen.filter((stanza) => stanza.name === 'message')).toEqual([]);
    expect(seen.filter((stanza) => stanza.name === 'presence' && stanza.attrs.type === undefined)).toEqual([]);
    expect((await alice.contact(bobJid))?.resources.map((resource) => resource.resource)).not.toContain('phone');

    await alice.handlers['blocking.unblock']({ accountId: alice.accountId, jid: bobJid });
    await until(() => eventsNamed(alice, 'blocking.changed').at(-1)?.jids.length === 0, 'the unblocking event');
    await phone.send(presenceStanza({ status: 'back' }));
    await phone.send(xml('message', { type: 'chat', to: `${aliceJid}/watch` }, xml('body', {}, 'hello again')));
    await until(() => seen.some((stanza) => stanza.name === 'message' && stanza.getChildText('body') === 'hello again'), 'the message');
    await until(async () => (await alice.contact(bobJid))?.resources.some((resource) => resource.resource === 'phone'), 'bob’s phone online');
  });

  it('when bob blocks alice, she sees him offline at once, and online again once he unblocks her', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    await befriend(alice, bob);
    await until(async () => (await alice.contact(bobJid))?.show === 'online', 'bob online for alice');

    await bob.handlers['blocking.block']({ accountId: bob.accountId, jid: aliceJid });
    // XEP-0191 §3.3: his server tells her his resources are gone.
    await until(async () => (await alice.contact(bobJid))?.show === 'offline', 'bob offline for alice once he blocks her');
    expect((await alice.contact(bobJid))?.resources).toEqual([]);

    await bob.handlers['blocking.unblock']({ accountId: bob.accountId, jid: aliceJid });
    await until(async () => (await alice.contact(bobJid))?.show === 'online', 'bob online again once he unblocks her');
  });

  it('keeps the block list across a reconnect', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const first = await signIn(aliceJid);
    await until(async () => (await first.handlers['blocking.list']({ accountId: first.accountId })).supported, 'the support');
    await first.handlers['blocking.block']({ accountId: first.accountId, jid: bobJid });
    await close(first);

    const again = await signIn(aliceJid, { profile: first.profile });
    const list = await until(async () => {
      const current = await again.handlers['blocking.list']({ accountId: again.accountId });
      return current.jids.length > 0 ? current : undefined;
    }, 'the list');
    expect(list.jids).toEqual([bobJid]);
  });

  it('a block push from another client of alice updates the core', async () => {
    const [aliceJid = '', carolJid = ''] = await users('alice', 'carol');
    const alice = await signIn(aliceJid);
    await until(async () => (await alice.handlers['blocking.list']({ accountId: alice.accountId })).supported, 'the support');
    const other = await raw(aliceJid, 'phone');
    await other.iq(xml('iq', { type: 'set' }, xml('block', { xmlns: 'urn:xmpp:blocking' }, xml('item', { jid: carolJid }))));
    await until(async () => (await alice.handlers['blocking.list']({ accountId: alice.accountId })).jids.includes(carolJid), 'the push');
    expect(eventsNamed(alice, 'blocking.changed').at(-1)?.jids).toEqual([carolJid]);
    await other.iq(xml('iq', { type: 'set' }, xml('unblock', { xmlns: 'urn:xmpp:blocking' })));
    await until(async () => (await alice.handlers['blocking.list']({ accountId: alice.accountId })).jids.length === 0, 'the unblock-all push');
  });

  it('blocking someone who asked to see our presence refuses the request', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const alice = await signIn(aliceJid);
    const phone = await raw(bobJid, 'phone');
    await phone.send(xml('presence', { type: 'subscribe', to: aliceJid }));
    await until(async () => (await alice.snapshot()).requests.some((request) => request.jid === bobJid), 'the request');
    await alice.handlers['blocking.block']({ accountId: alice.accountId, jid: bobJid });
    expect((await alice.snapshot()).requests).toEqual([]);
    expect((await alice.handlers['blocking.list']({ accountId: alice.accountId })).jids).toEqual([bobJid]);
  });
});

describe('contact details', () => {
  it('returns bob’s vCard after he publishes one, and the version of his client', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    await befriend(alice, bob);

    const before = await alice.handlers['contact.details']({ accountId: alice.accountId, jid: bobJid });
    expect(before.vcard).toBeUndefined();

    const phone = await raw(bobJid, 'phone');
    await phone.iq(
      xml(
        'iq',
        { type: 'set' },
        xml(
          'vCard',
          { xmlns: 'vcard-temp' },
          xml('FN', {}, '  Bob Builder  '),
          xml('NICKNAME', {}, 'bob'),
          xml('EMAIL', {}, xml('INTERNET'), xml('USERID', {}, 'bob@example.org')),
          xml('ORG', {}, xml('ORGNAME', {}, 'Builders Ltd')),
        ),
      ),
    );

    const details = await until(async () => {
      const current = await alice.handlers['contact.details']({ accountId: alice.accountId, jid: bobJid });
      return current.vcard ? current : undefined;
    }, 'the vCard');
    expect(details.vcard).toMatchObject({ fullName: 'Bob Builder', nickname: 'bob', email: 'bob@example.org', organization: 'Builders Ltd' });
    const bobResource = (await harness.fullJid(bob)).split('/')[1];
    expect(details.versions).toContainEqual({ resource: bobResource, name: 'Causette', version: '9.9-test' });
    expect(details.lastSeen).toBeUndefined();
  });

  it('says when an offline contact last signed out (XEP-0012)', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    await befriend(alice, bob);
    const before = Date.now();
    await bob.handlers['account.disconnect']({ accountId: bob.accountId });
    await until(async () => ((await alice.contact(bobJid))?.show === 'offline' ? true : undefined), 'bob offline for alice');
    const details = await alice.handlers['contact.details']({ accountId: alice.accountId, jid: bobJid });
    expect(details.lastSeen).toBeGreaterThanOrEqual(before - 2_000);
    expect(details.lastSeen).toBeLessThanOrEqual(Date.now());
  });
});
