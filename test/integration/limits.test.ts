// What another account can make the core keep is bounded (issue 9 §2.8): a second account floods alice through the harness Prosody.
import xml from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/model/message.ts';
import { NS_REACTIONS } from '../../electron/core/xmpp/chat/chat-stanzas.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { createHarness, until, type TestCore } from './roster-harness.ts';

let server: ProsodyServer;
const harness = createHarness(() => server);
const { users, signIn, raw } = harness;

beforeAll(async () => {
  server = await startProsody({});
});
afterEach(() => harness.cleanup());
afterAll(() => server.dispose());

const history = async (core: TestCore, peer: string): Promise<Message[]> =>
  (await core.handlers['chat.history']({ accountId: core.accountId, peer, limit: 50 })).messages;

/** Alice adds mallory and mallory lets her see his presence: a contact, who may still be hostile. */
async function contactOf(alice: TestCore, malloryJid: string) {
  const mallory = await raw(malloryJid, 'main');
  await alice.handlers['roster.add']({ accountId: alice.accountId, jid: malloryJid, groups: [] });
  await mallory.send(xml('presence', { to: alice.jid, type: 'subscribed' }));
  await until(async () => ((await alice.contact(malloryJid))?.subscription === 'to' ? true : undefined), 'alice subscribed to mallory');
  return mallory;
}

describe('limits on what another account can make the core keep', () => {
  it('a stranger’s subscription request is kept with its words cut to 500 characters', async () => {
    const [aliceJid = '', malloryJid = ''] = await users('alice', 'mallory');
    const alice = await signIn(aliceJid);
    const mallory = await raw(malloryJid, 'spam');
    await mallory.send(xml('presence', { to: aliceJid, type: 'subscribe' }, xml('status', {}, `Add me! ${'🙂'.repeat(20_000)}`)));
    const request = await until(async () => (await alice.snapshot()).requests.find((r) => r.jid === malloryJid), 'mallory’s request');
    expect(request.message).toBe(`Add me! ${'🙂'.repeat(245)}…`);
  });

  it('a contact announcing 102 resources is shown with the 100 that spoke last', async () => {
    const [aliceJid = '', malloryJid = ''] = await users('alice', 'mallory');
    const alice = await signIn(aliceJid);
    const first = await contactOf(alice, malloryJid);
    // Directed to alice, so mallory's own resources do not hear of each other (RFC 6121 §4.6).
    const announce = (...children: ReturnType<typeof xml>[]) => xml('presence', { to: aliceJid }, ...children);
    await first.send(announce());
    for (let batch = 0; batch < 5; batch += 1) {
      const resources = await Promise.all(Array.from({ length: 20 }, (_, n) => raw(malloryJid, `flood-${batch * 20 + n}`)));
      for (const resource of resources) await resource.send(announce(xml('status', {}, 'flood')));
    }
    const last = await raw(malloryJid, 'last');
    await last.send(announce(xml('show', {}, 'dnd'), xml('priority', {}, '5')));
    const contact = await until(async () => {
      const seen = await alice.contact(malloryJid);
      return seen?.show === 'dnd' ? seen : undefined;
    }, 'alice sees mallory’s last resource');
    expect(contact.resources).toHaveLength(100);
    expect(contact.resources[0]?.resource).toBe('last');
    expect(contact.resources.some((resource) => resource.resource === 'main')).toBe(false);
  });

  it('a reaction set keeps at most 20 emoji and drops text, and a long body is kept whole', async () => {
    const [aliceJid = '', malloryJid = ''] = await users('alice', 'mallory');
    const alice = await signIn(aliceJid);
    const mallory = await contactOf(alice, malloryJid);
    const long = 'Long report. '.repeat(15_000);
    await mallory.send(xml('message', { to: aliceJid, type: 'chat', id: 'm1' }, xml('body', {}, 'Vote?')));
    await mallory.send(xml('message', { to: aliceJid, type: 'chat', id: 'm2' }, xml('body', {}, long)));
    const flood = ['<script>alert(1)</script>', 'spam spam spam', ...Array.from({ length: 60 }, (_, n) => String.fromCodePoint(0x1f400 + n))];
    await mallory.send(
      xml('message', { to: aliceJid, type: 'chat', id: 'r1' }, xml('reactions', { xmlns: NS_REACTIONS, id: 'm1' }, ...flood.map((text) => xml('reaction', {}, text)))),
    );
    const voted = await until(async () => (await history(alice, malloryJid)).find((message) => message.remoteId === 'm1' && message.reactions), 'the reactions on m1');
    expect(voted.reactions?.map((reaction) => reaction.emoji)).toEqual(flood.slice(2, 22));
    const report = (await history(alice, malloryJid)).find((message) => message.remoteId === 'm2');
    expect(report?.body).toBe(long);
  });
});
