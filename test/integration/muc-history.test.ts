// A room's archive (XEP-0313 §4 at the room's JID, Prosody's muc_mam) on the harness, with a slixmpp occupant writing:
// its last messages on a first join merged with the history the room replays (XEP-0045 §7.2.15), what was said while we
// were away on a rejoin, older pages on scroll-back, each message once (XEP-0359 stanza-id by the room).
import { describe, expect, it } from 'vitest';
import type { Message } from '../../shared/model/message.ts';
import { ROOM_FIRST_JOIN_MESSAGES } from '../../electron/core/xmpp/muc/room-archive.ts';
import { until, type TestCore } from './roster-harness.ts';
import { groupchatWith, useMucServer } from './muc-harness.ts';

const { harness, peers, roomJid } = useMucServer();
const { users, signIn } = harness;
const label = (n: number) => `m${String(n).padStart(2, '0')}`;
const labels = (from: number, to: number) => Array.from({ length: to - from + 1 }, (_, index) => label(from + index));
/** The newest `limit` messages stored: with as many stored, the archive is not asked (chat.history scrolls back only past them). */
const newest = async (core: TestCore, room: string, limit: number): Promise<Message[]> =>
  (await core.handlers['chat.history']({ accountId: core.accountId, peer: room, limit })).messages;
const unread = async (core: TestCore, room: string) => (await core.handlers['chat.conversations']({ accountId: core.accountId })).find((each) => each.peer === room)?.unread;

describe('a room’s archive (MUC MAM) with a slixmpp occupant', () => {
  it('fetches the last messages on a first join, what was missed on a rejoin and older pages on scroll-back, each once', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const room = roomJid('archive');
    const [alice, bob] = await Promise.all([signIn(aliceJid), peers.peer(bobJid)]);
    await bob.createRoom(room, 'Bob');
    for (const body of labels(1, 10)) await bob.sendGroupchat({ room, body });
    await bob.waitFor(groupchatWith('m10'), 'the tenth echoed');
    // The room dates its messages to the second, and each archive page orders its own inside one: pages a second apart.
    await new Promise((resolve) => setTimeout(resolve, 1100));
    for (const body of labels(11, 60)) await bob.sendGroupchat({ room, body });
    await bob.waitFor(groupchatWith('m60'), 'the last message echoed');

    // First join: the room replays its last 20 (delayed), the archive gives its last 50; the overlap is kept once.
    await alice.handlers['muc.join']({ accountId: alice.accountId, room, nick: 'Alice' });
    const first = labels(61 - ROOM_FIRST_JOIN_MESSAGES, 60);
    await until(async () => ((await newest(alice, room, first.length)).map((message) => message.body).join() === first.join() ? true : undefined), 'the last 50 messages');
    const page = await alice.handlers['chat.history']({ accountId: alice.accountId, peer: room, limit: first.length });
    expect(page.hasOlder).toBe(true);
    expect(page.messages.every((message) => message.kind === 'groupchat' && message.sender?.nick === 'Bob' && message.stanzaId !== undefined)).toBe(true);
    // Said before we came: not unread.
    expect(await unread(alice, room)).toBe(0);

    // Scroll-back: the archive's page before the oldest stored, until it holds nothing older.
    const oldest = page.messages[0]?.id ?? '';
    const older = await alice.handlers['chat.history']({ accountId: alice.accountId, peer: room, before: oldest, limit: 50 });
    expect(older.messages.map((message) => message.body)).toEqual(labels(1, 60 - ROOM_FIRST_JOIN_MESSAGES));
    expect(older.hasOlder).toBe(false);
    expect(older.messages.every((message) => message.archive === room)).toBe(true);

    // Away: bob goes on; back, the room is asked for no history (maxstanzas=0) and the archive brings what was missed.
    // At once: what was missed may share the room's second with what we hold, and still comes after it.
    await alice.handlers['muc.leave']({ accountId: alice.accountId, room });
    for (const body of labels(61, 65)) await bob.sendGroupchat({ room, body });
    await bob.waitFor(groupchatWith('m65'), 'the messages while alice was away');
    await alice.handlers['muc.join']({ accountId: alice.accountId, room, nick: 'Alice' });
    await until(async () => ((await newest(alice, room, 100)).at(-1)?.body === 'm65' ? true : undefined), 'what was missed');
    const all = await newest(alice, room, 100);
    expect(all.map((message) => message.body)).toEqual(labels(1, 65));
    // From the archive, not the room's replayed history; missed while away, so unread.
    expect(all.slice(-5).every((message) => message.archive === room)).toBe(true);
    expect(await unread(alice, room)).toBe(5);

    // Live again, then a rejoin with nothing new brings no second copy of anything.
    await bob.sendGroupchat({ room, body: 'm66' });
    await until(async () => ((await newest(alice, room, 100)).at(-1)?.body === 'm66' ? true : undefined), 'the live message');
    await alice.handlers['muc.leave']({ accountId: alice.accountId, room });
    await alice.handlers['muc.join']({ accountId: alice.accountId, room, nick: 'Alice' });
    await alice.handlers['muc.send']({ accountId: alice.accountId, room, body: 'back again' });
    await until(async () => ((await newest(alice, room, 100)).find((message) => message.body === 'back again')?.state === 'sent' ? true : undefined), 'our echo');
    expect((await newest(alice, room, 100)).map((message) => message.body)).toEqual([...labels(1, 66), 'back again']);
  });

  it('a fresh start of Causette on the same profile catches up from the stored cursor, without the room’s history', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const room = roomJid('restart');
    const [alice, bob] = await Promise.all([signIn(aliceJid), peers.peer(bobJid)]);
    await bob.createRoom(room, 'Bob');
    await alice.handlers['muc.join']({ accountId: alice.accountId, room, nick: 'Alice' });
    await bob.sendGroupchat({ room, body: 'while alice is here' });
    await until(async () => ((await newest(alice, room, 10)).length === 1 ? true : undefined), 'the live message');
    // Live messages are dated by our clock, archived ones to the room's second: a second apart, their order is certain.
    await new Promise((resolve) => setTimeout(resolve, 1100));

    await harness.close(alice);
    for (const body of ['first while away', 'second while away']) await bob.sendGroupchat({ room, body });
    await bob.waitFor(groupchatWith('second while away'), 'the messages while alice was away');

    const again = await signIn(aliceJid, { profile: alice.profile });
    await again.handlers['muc.join']({ accountId: again.accountId, room, nick: 'Alice' });
    await until(async () => ((await newest(again, room, 10)).length === 3 ? true : undefined), 'what was missed');
    await new Promise((resolve) => setTimeout(resolve, 300));
    const messages = await newest(again, room, 10);
    expect(messages.map((message) => message.body)).toEqual(['while alice is here', 'first while away', 'second while away']);
    expect(messages.slice(1).every((message) => message.archive === room && message.sender?.occupantId !== undefined)).toBe(true);
  });
});
