// Notifications and the unread total from real cores on the harness Prosody: which new messages and file offers bob's
// core announces.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import xml from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Message } from '../../shared/model/message.ts';
import { COALESCE_MS } from '../../electron/core/accounts/notifier.ts';
import { NS_MARKERS } from '../../electron/core/xmpp/chat/chat-stanzas.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { createHarness, eventsNamed, presenceStanza, until, type TestCore } from './roster-harness.ts';

let server: ProsodyServer;
const harness = createHarness(() => server);
const { users, signIn, close, raw } = harness;

beforeAll(async () => {
  server = await startProsody({ passwordHash: 'SHA-256' });
});
afterEach(() => harness.cleanup());
afterAll(() => server.dispose());

const history = async (core: TestCore, peer: string): Promise<Message[]> =>
  (await core.handlers['chat.history']({ accountId: core.accountId, peer, limit: 50 })).messages;
const send = (from: TestCore, to: string, body: string) => from.handlers['chat.send']({ accountId: from.accountId, peer: to, body });
const received = (core: TestCore, body: string) => until(() => eventsNamed(core, 'chat.message').find((event) => event.message.body === body), `“${body}” received`);
const notified = (core: TestCore) => eventsNamed(core, 'chat.notify').map((event) => event.body);
const totals = (core: TestCore) => eventsNamed(core, 'chat.unreadTotal').map((event) => event.count);
/** Bob puts alice in his roster: her messages are no message request. */
async function knows(core: TestCore, jid: string, name?: string): Promise<void> {
  await core.handlers['roster.add']({ accountId: core.accountId, jid, groups: [], ...(name === undefined ? {} : { name }) });
  await until(async () => {
    const contact = await core.contact(jid);
    return contact !== undefined && contact.name === name;
  }, `${jid} in the roster`);
}
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('notifications', () => {
  it('bob’s core announces alice’s message, titled with her roster name', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    await knows(bob, aliceJid);
    await send(alice, bobJid, 'no name yet');
    await until(() => eventsNamed(bob, 'chat.notify')[0], 'the first notification');
    await knows(bob, aliceJid, 'Alice');

    const sent = await send(alice, bobJid, 'Hi <b>Bob</b>');
    const message = await received(bob, 'Hi <b>Bob</b>');
    await until(() => eventsNamed(bob, 'chat.notify')[1], 'the second notification');
    expect(eventsNamed(bob, 'chat.notify')).toEqual([
      expect.objectContaining({ accountId: bob.accountId, peer: aliceJid, title: aliceJid, body: 'no name yet' }),
      { accountId: bob.accountId, peer: aliceJid, messageId: message.message.id, title: 'Alice', body: 'Hi <b>Bob</b>', sound: true },
    ]);
    expect(sent.direction).toBe('out');
    // Our own messages are never announced: by the server's acknowledgement (XEP-0198), alice's core had decided.
    await until(async () => (await history(alice, bobJid)).find((each) => each.id === sent.id)?.state !== 'pending', 'alice’s message acknowledged');
    expect(eventsNamed(alice, 'chat.notify')).toEqual([]);
  });

  it('none for a muted conversation, none for the conversation bob is looking at', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    await knows(bob, aliceJid);
    await bob.handlers['chat.setMuted']({ accountId: bob.accountId, peer: aliceJid, muted: true });
    await send(alice, bobJid, 'muted one');
    await received(bob, 'muted one');
    await bob.handlers['chat.setMuted']({ accountId: bob.accountId, peer: aliceJid, muted: false });

    await bob.handlers['ui.visibleConversation']({ conversation: { accountId: bob.accountId, peer: aliceJid } });
    await send(alice, bobJid, 'while looking');
    await received(bob, 'while looking');

    // The first notification is for what comes after: none was made for the two before.
    await bob.handlers['ui.visibleConversation']({});
    await send(alice, bobJid, 'looked away');
    await until(() => notified(bob).length > 0, 'a notification once bob looks away');
    expect(notified(bob)).toEqual(['looked away']);
  });

  it('none while Settings mutes every notification, the unread still counted; the sound follows the setting', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    await knows(bob, aliceJid);
    await bob.handlers['settings.update']({ muteNotifications: { kind: 'until', until: Date.now() + 60 * 60 * 1000 }, notificationSound: false });
    await send(alice, bobJid, 'muted for an hour');
    await received(bob, 'muted for an hour');
    await until(() => totals(bob).at(-1) === 1, 'the unread total counts it');

    // A mute whose time is past has ended by itself.
    await bob.handlers['settings.update']({ muteNotifications: { kind: 'until', until: Date.now() - 1 } });
    await send(alice, bobJid, 'after the hour');
    await until(() => notified(bob).length > 0, 'a notification once the mute ended');
    expect(eventsNamed(bob, 'chat.notify')).toEqual([expect.objectContaining({ body: 'after the hour', sound: false })]);
  });

  it('none for messages fetched from the archive after being away', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    await knows(bob, aliceJid);
    await close(bob);
    // Bob's phone is online meanwhile: the server delivers there and keeps the messages in bob's archive (XEP-0313).
    const phone = await raw(bobJid, 'phone');
    await phone.send(presenceStanza({}));
    const first = await send(alice, bobJid, 'while away 1');
    await send(alice, bobJid, 'while away 2');
    await until(async () => (await history(alice, bobJid)).every((message) => message.state !== 'pending'), 'both sent', 10_000);
    expect(first.state).toBe('pending');

    const again = await signIn(bobJid, { profile: bob.profile });
    await until(async () => (await history(again, aliceJid)).length === 2, 'the archive caught up');
    // The first notification is for the live message that follows.
    await send(alice, bobJid, 'back live');
    await until(() => notified(again).length > 0, 'a live message is announced');
    expect(notified(again)).toEqual(['back live']);
  });

  it('a message bob read on his phone meanwhile is not announced: a burst shows its first message only', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    await knows(bob, aliceJid);
    const phone = await raw(bobJid, 'phone');
    await phone.send(presenceStanza({}));
    await send(alice, bobJid, 'first');
    await until(() => notified(bob).length === 1, 'the first notification');
    const quietEnds = Date.now() + COALESCE_MS;
    // Within the quiet time after the first: held back.
    const second = await send(alice, bobJid, 'second');
    await received(bob, 'second');
    // XEP-0333 §4 displayed from the phone, copied to bob's core by carbons (XEP-0280 §6).
    await phone.send(xml('message', { to: aliceJid, type: 'chat', id: 'seen-1' }, xml('displayed', { xmlns: NS_MARKERS, id: second.id })));
    await until(async () => (await bob.handlers['chat.conversations']({ accountId: bob.accountId }))[0]?.unread === 0, 'read on the phone');
    // Past the quiet time the held message was dropped or shown; a message after that is shown, and ends the list.
    await sleep(Math.max(0, quietEnds - Date.now()));
    await send(alice, bobJid, 'third');
    await until(() => notified(bob).includes('third'), 'the notification after the quiet time', COALESCE_MS + 10_000);
    expect(notified(bob)).toEqual(['first', 'third']);
  });

  it('the unread total goes up with new messages and back to 0 when read', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    await knows(bob, aliceJid);
    await send(alice, bobJid, 'one');
    await send(alice, bobJid, 'two');
    await until(() => totals(bob).at(-1) === 2, 'two unread');
    await bob.handlers['chat.setMuted']({ accountId: bob.accountId, peer: aliceJid, muted: true });
    await until(() => totals(bob).at(-1) === 0, 'muted: not counted');
    await bob.handlers['chat.setMuted']({ accountId: bob.accountId, peer: aliceJid, muted: false });
    await until(() => totals(bob).at(-1) === 2, 'counted again');
    await bob.handlers['chat.markRead']({ accountId: bob.accountId, peer: aliceJid });
    await until(() => totals(bob).at(-1) === 0, 'all read');
    // Sent only on a change: no repeats.
    expect(totals(bob).every((count, index, all) => index === 0 || all[index - 1] !== count)).toBe(true);
  });
});

describe('notifications in group chats', () => {
  it('a room message that names bob is announced with who said it; one that does not, and the history on joining, are not', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    const room = `mentions@conference.${server.domain}`;
    await alice.handlers['muc.create']({ accountId: alice.accountId, room, nick: 'Alice', preset: 'public' });
    await alice.handlers['muc.send']({ accountId: alice.accountId, room, body: 'Bob will love this' });
    // Sent is not yet said in the room: bob joins once the room has echoed it with its stanza-id, so it is history for him.
    await until(
      () => eventsNamed(alice, 'chat.message').find((event) => event.message.body === 'Bob will love this' && event.message.stanzaId !== undefined),
      'the room’s echo of alice’s message',
    );
    await bob.handlers['muc.join']({ accountId: bob.accountId, room, nick: 'Bob' });
    // The history the room replays names bob, but was said before he came.
    await until(() => eventsNamed(bob, 'chat.message').find((event) => event.message.body === 'Bob will love this'), 'the history on join');
    await alice.handlers['muc.send']({ accountId: alice.accountId, room, body: 'Tea is ready' });
    await alice.handlers['muc.send']({ accountId: alice.accountId, room, body: 'bob, your tea is getting cold' });
    // In order: had "Tea is ready" been announced, it would have come first and held the mention back (coalescing).
    await until(() => eventsNamed(bob, 'chat.notify')[0], 'the mention announced');
    expect(eventsNamed(bob, 'chat.notify')).toEqual([expect.objectContaining({ accountId: bob.accountId, peer: room, title: room, body: 'Alice: bob, your tea is getting cold' })]);
    expect(eventsNamed(bob, 'chat.message').some((event) => event.message.body === 'Tea is ready')).toBe(true);
  });

  it('follows each room’s setting — mentions by default, none, all — in what it announces and in the unread total', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    const room = `settings@conference.${server.domain}`;
    await alice.handlers['muc.create']({ accountId: alice.accountId, room, nick: 'Alice', preset: 'public' });
    await bob.handlers['muc.join']({ accountId: bob.accountId, room, nick: 'Bob' });
    const say = (body: string) => alice.handlers['muc.send']({ accountId: alice.accountId, room, body });

    // Mentions (the default): chatter is neither announced nor counted, a mention is both.
    await say('chatter');
    await say('bob: one for you');
    await until(() => notified(bob)[0], 'the mention announced');
    await until(() => totals(bob).at(-1) === 1, 'the mention counted');
    expect(notified(bob)).toEqual(['Alice: bob: one for you']);
    expect((await bob.handlers['chat.conversations']({ accountId: bob.accountId })).find((each) => each.peer === room)).toMatchObject({ unread: 2, mentions: 1, notify: 'mentions' });

    // None: not even a mention, and the room leaves the total.
    await bob.handlers['chat.setNotify']({ accountId: bob.accountId, peer: room, notify: 'none' });
    await until(() => totals(bob).at(-1) === 0, 'the room out of the total');
    await say('bob, again');
    await received(bob, 'bob, again');
    await sleep(COALESCE_MS + 300);
    expect(notified(bob)).toEqual(['Alice: bob: one for you']);
    expect(totals(bob).at(-1)).toBe(0);

    // All: every message, and every unread one counts.
    await bob.handlers['chat.setNotify']({ accountId: bob.accountId, peer: room, notify: 'all' });
    await say('plain words');
    await until(() => notified(bob).includes('Alice: plain words'), 'every message announced');
    await until(() => totals(bob).at(-1) === 4, 'every unread message counted');
  });

  it('a file offered by Jingle is announced like a message, with its name and size; not while muted or on screen', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    await harness.befriend(alice, bob);
    await bob.handlers['roster.update']({ accountId: bob.accountId, jid: aliceJid, name: 'Alice', groups: [] });
    await until(async () => (await bob.contact(aliceJid))?.name === 'Alice', 'alice named');
    const dir = mkdtempSync(join(tmpdir(), 'causette-offer-'));
    async function offer(from: TestCore, name: string): Promise<void> {
      const path = join(dir, name);
      writeFileSync(path, randomBytes(2_100));
      const { token } = await from.files.register(path, name);
      await from.handlers['transfer.send']({ accountId: from.accountId, peer: bobJid, file: token, method: 'jingle' });
      await until(() => eventsNamed(bob, 'transfer.updated').find((transfer) => transfer.direction === 'in' && transfer.name === name), `${name} offered to bob`);
    }
    const offered = () => eventsNamed(bob, 'transfer.offered').map((event) => event.file);

    await offer(alice, 'report.pdf');
    await until(() => eventsNamed(bob, 'transfer.offered')[0], 'the offer announced');
    const transfer = eventsNamed(bob, 'transfer.updated').find((each) => each.name === 'report.pdf');
    expect(eventsNamed(bob, 'transfer.offered')).toEqual([{ accountId: bob.accountId, peer: aliceJid, transferId: transfer?.id, title: 'Alice', name: 'Alice', file: 'report.pdf', size: 2_100, sound: true }]);

    await bob.handlers['chat.setMuted']({ accountId: bob.accountId, peer: aliceJid, muted: true });
    await offer(alice, 'muted.pdf');
    await bob.handlers['chat.setMuted']({ accountId: bob.accountId, peer: aliceJid, muted: false });
    await bob.handlers['ui.visibleConversation']({ conversation: { accountId: bob.accountId, peer: aliceJid } });
    await offer(alice, 'on-screen.pdf');
    await bob.handlers['ui.visibleConversation']({});
    await offer(alice, 'last.pdf');
    await until(() => offered().includes('last.pdf'), 'the last offer announced');
    expect(offered()).toEqual(['report.pdf', 'last.pdf']);
  });
});
