// Presence (RFC 6121 §4) through the core, against the harness Prosody: contacts' states, our own, and what we answer.
import xml from '@xmpp/xml';
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

async function friends() {
  const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
  const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
  await befriend(alice, bob);
  return { alice, bob, aliceJid, bobJid };
}

describe('contacts’ presence', () => {
  it('shows bob’s dnd and status to alice, with his client’s name', async () => {
    const { alice, bob, bobJid } = await friends();
    await bob.handlers['presence.set']({ accountId: bob.accountId, show: 'dnd', status: 'In a meeting' });
    const seen = await until(async () => {
      const contact = await alice.contact(bobJid);
      return contact?.show === 'dnd' ? contact : undefined;
    }, 'alice sees bob dnd');
    expect(seen).toMatchObject({ status: 'In a meeting', resources: [{ show: 'dnd', status: 'In a meeting' }] });
    // XEP-0115: bob's caps were resolved with disco#info and verified.
    await until(async () => (await alice.contact(bobJid))?.resources[0]?.client?.name === 'Causette', 'the client name');
  });

  it('lets bob’s second resource with a higher priority decide what alice sees, until it leaves', async () => {
    const { alice, bobJid } = await friends();
    const phone = await raw(bobJid, 'phone');
    await phone.send(presenceStanza({ show: 'away', status: 'On the phone', priority: 10 }));
    const both = await until(async () => {
      const contact = await alice.contact(bobJid);
      return contact?.resources.length === 2 ? contact : undefined;
    }, 'two resources');
    expect(both).toMatchObject({ show: 'away', status: 'On the phone' });
    expect(both.resources.map((resource) => resource.resource)[0]).toBe('phone');
    await phone.send(xml('presence', { type: 'unavailable' }));
    const back = await until(async () => {
      const contact = await alice.contact(bobJid);
      return contact?.resources.length === 1 ? contact : undefined;
    }, 'one resource');
    expect(back.show).toBe('online');
  });

  it('reports an error presence in words', async () => {
    const [aliceJid = ''] = await users('alice');
    const alice = await signIn(aliceJid);
    // No server-to-server here: the subscription request bounces with an error presence.
    await alice.handlers['roster.add']({ accountId: alice.accountId, jid: 'someone@elsewhere.example', groups: [] });
    const contact = await until(async () => {
      const found = await alice.contact('someone@elsewhere.example');
      return found?.presenceError ? found : undefined;
    }, 'the error');
    expect(contact.presenceError).toMatch(/^Presence failed: /);
  });

  // How many events a burst makes depends on its arrival speed: the count per interval is the coalescer's unit test.
  it('passes 1,000 presence updates on as roster.changed deltas carrying bob once each, in order, ending with the last', async () => {
    const { alice, bobJid } = await friends();
    const phone = await raw(bobJid, 'phone');
    const before = eventsNamed(alice, 'roster.changed').length;
    for (let index = 1; index <= 1_000; index += 1) void phone.send(presenceStanza({ status: `update ${index}`, priority: 5 }));
    const bobIn = (event: { upserts: readonly { jid: string; status?: string }[] }) => event.upserts.filter((contact) => contact.jid === bobJid);
    await until(() => eventsNamed(alice, 'roster.changed').some((event) => bobIn(event).some((contact) => contact.status === 'update 1000')), 'the last update', 20_000);
    const seen = eventsNamed(alice, 'roster.changed')
      .slice(before)
      .map(bobIn)
      .filter((upserts) => upserts.some((contact) => contact.status?.startsWith('update ')));
    expect(seen.every((upserts) => upserts.length === 1)).toBe(true);
    const numbers = seen.map(([contact]) => Number(/^update (\d+)$/.exec(contact?.status ?? '')?.[1]));
    expect(numbers.every((value, index) => index === 0 || value > (numbers[index - 1] ?? 0))).toBe(true);
    expect(numbers.at(-1)).toBe(1_000);
  });
});

describe('own presence', () => {
  it('reports invisibility as unavailable on this Prosody and refuses to go invisible', async () => {
    const [aliceJid = ''] = await users('alice');
    const alice = await signIn(aliceJid);
    await until(async () => (await alice.snapshot()).invisibility === 'unavailable', 'the invisibility check');
    await expect(alice.handlers['presence.set']({ accountId: alice.accountId, show: 'invisible' })).rejects.toMatchObject({ code: 'not-supported' });
    await expect(alice.handlers['presence.set']({ show: 'invisible' })).rejects.toMatchObject({ code: 'not-supported' });
    expect((await alice.snapshot()).presence.show).toBe('online');
  });

  it('keeps the chosen state, status and recent statuses across a restart', async () => {
    const { alice, bob, aliceJid } = await friends();
    await alice.handlers['presence.set']({ accountId: alice.accountId, show: 'away', status: 'Lunch', priority: 3 });
    await alice.handlers['presence.set']({ accountId: alice.accountId, show: 'xa', status: 'Gone fishing' });
    await close(alice);
    const again = await signIn(aliceJid, { profile: alice.profile });
    expect(await again.snapshot()).toMatchObject({ presence: { show: 'xa', status: 'Gone fishing', priority: 3 }, recentStatuses: ['Gone fishing', 'Lunch'] });
    await until(async () => (await bob.contact(aliceJid))?.show === 'xa', 'bob sees alice xa');
    expect((await bob.contact(aliceJid))?.resources[0]).toMatchObject({ status: 'Gone fishing', priority: 3 });
  });

  it('signs out on "offline", stays signed out after a restart, and signs in again on "online"', async () => {
    const { alice, bob, aliceJid } = await friends();
    await alice.handlers['presence.set']({ accountId: alice.accountId, show: 'offline', status: 'Back tomorrow' });
    expect((await alice.handlers['app.snapshot']({})).accounts[0]?.connection).toEqual({ status: 'offline' });
    await until(async () => (await bob.contact(aliceJid))?.show === 'offline', 'bob sees alice leave');
    expect((await bob.contact(aliceJid))?.lastSeen).toBeGreaterThan(Date.now() - 10_000);
    await close(alice);
    const again = await signIn(aliceJid, { profile: alice.profile, wait: false });
    expect((await again.handlers['app.snapshot']({})).accounts[0]?.connection.status).toBe('offline');
    expect((await again.snapshot()).presence.show).toBe('offline');
    await again.handlers['presence.set']({ accountId: again.accountId, show: 'chat' });
    await until(async () => (await bob.contact(aliceJid))?.show === 'chat', 'bob sees alice back');
  });

  it('Disconnect then Connect comes back to the state and message chosen before, as contacts see', async () => {
    const { alice, bob, aliceJid } = await friends();
    await alice.handlers['presence.set']({ accountId: alice.accountId, show: 'dnd', status: 'In a meeting' });
    await until(async () => (await bob.contact(aliceJid))?.show === 'dnd', 'bob sees alice dnd');
    await alice.handlers['account.disconnect']({ accountId: alice.accountId });
    await until(async () => (await bob.contact(aliceJid))?.show === 'offline', 'bob sees alice leave');
    await alice.handlers['account.connect']({ accountId: alice.accountId });
    await until(async () => (await bob.contact(aliceJid))?.show === 'dnd', 'bob sees alice back in dnd');
    expect((await bob.contact(aliceJid))?.resources[0]?.status).toBe('In a meeting');
    expect((await alice.snapshot()).presence).toMatchObject({ show: 'dnd', status: 'In a meeting' });
  });

  it('goes away when idle, extended away when idle longer, and back on activity, but never over dnd', async () => {
    const { alice, bob, aliceJid } = await friends();
    await alice.handlers['settings.update']({ autoAwayMinutes: 5, autoXaMinutes: 20 });
    await alice.handlers['presence.activity']({ idleSeconds: 301, locked: false });
    expect((await alice.snapshot()).presence).toMatchObject({ show: 'away', auto: 'away' });
    const away = await until(async () => {
      const contact = await bob.contact(aliceJid);
      return contact?.show === 'away' ? contact : undefined;
    }, 'bob sees alice away');
    expect(away.resources[0]?.idleSince).toBeLessThan(Date.now() - 290_000);
    await alice.handlers['presence.activity']({ idleSeconds: 1_201, locked: false });
    await until(async () => (await bob.contact(aliceJid))?.show === 'xa', 'bob sees alice xa');
    await alice.handlers['presence.activity']({ idleSeconds: 0, locked: false });
    await until(async () => (await bob.contact(aliceJid))?.show === 'online', 'bob sees alice back');
    expect((await alice.snapshot()).presence.auto).toBeUndefined();
    await alice.handlers['presence.set']({ accountId: alice.accountId, show: 'dnd' });
    await alice.handlers['presence.activity']({ idleSeconds: 5_000, locked: true });
    expect((await alice.snapshot()).presence).toEqual({ show: 'dnd', status: '', priority: 0 });
  });
});

describe('what the client answers', () => {
  it('answers disco#info for its caps node, its version, and service-unavailable to anything else', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const alice = await signIn(aliceJid);
    const probe = await raw(bobJid, 'probe');
    const state = await harness.fullJid(alice);
    const version = await probe.iq(xml('iq', { type: 'get', to: state }, xml('query', { xmlns: 'jabber:iq:version' })));
    expect(version.getChild('query')?.getChildText('name')).toBe('Causette');
    expect(version.getChild('query')?.getChildText('version')).toBe('9.9-test');
    const info = await probe.iq(xml('iq', { type: 'get', to: state }, xml('query', { xmlns: 'http://jabber.org/protocol/disco#info' })));
    const features = info.getChild('query')?.getChildren('feature').map((feature) => feature.attrs.var);
    expect(features).toContain('http://jabber.org/protocol/caps');
    await expect(probe.iq(xml('iq', { type: 'get', to: state }, xml('query', { xmlns: 'urn:example:nothing' })))).rejects.toMatchObject({ condition: 'service-unavailable' });
  });
});
