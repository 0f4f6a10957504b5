// Group chats (XEP-0045) on the harness Prosody's conference component, with Causette cores and slixmpp (an independent
// client) as occupants: joining and its refusals, messages both ways, history and echoes kept once, subject, kick and ban,
// creating a configured room, and rejoining after a reconnect that was not a resumption.
import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../shared/model/message.ts';
import type { Room } from '../../shared/model/room.ts';
import { child } from '../support/slixmpp-peer.ts';
import { eventsNamed, until, type TestCore } from './roster-harness.ts';
import { groupchatWith, refusal, useMucServer } from './muc-harness.ts';

const { server, harness, peers, roomJid } = useMucServer();
const { users, signIn } = harness;
const history = async (core: TestCore, room: string): Promise<Message[]> => (await core.handlers['chat.history']({ accountId: core.accountId, peer: room, limit: 100 })).messages;
const roomOf = async (core: TestCore, room: string): Promise<Room | undefined> => (await core.handlers['muc.rooms']({ accountId: core.accountId })).find((each) => each.jid === room);
const occupants = async (core: TestCore, room: string) => (await core.handlers['muc.occupants']({ accountId: core.accountId, room })).map((occupant) => occupant.nick).sort();

describe('group chats with a slixmpp occupant', () => {
  it('joins with a nickname, exchanges messages both ways, keeps its own echo once, and follows the subject', async () => {
    const [aliceJid = '', bobJid = '', carolJid = ''] = await users('alice', 'bob', 'carol');
    const room = roomJid('tea');
    const [alice, carol, bob] = await Promise.all([signIn(aliceJid), signIn(carolJid), peers.peer(bobJid)]);
    await bob.createRoom(room, 'Bob');

    const joined = await alice.handlers['muc.join']({ accountId: alice.accountId, room, nick: 'Alice' });
    expect(joined).toMatchObject({ jid: room, nick: 'Alice', state: 'joined', role: 'participant', affiliation: 'none' });
    expect(await occupants(alice, room)).toEqual(['Alice', 'Bob']);
    const bobSeen = (await alice.handlers['muc.occupants']({ accountId: alice.accountId, room })).find((occupant) => occupant.nick === 'Bob');
    expect(bobSeen).toMatchObject({ role: 'moderator', affiliation: 'owner', self: false });
    // The occupants came to the renderer as batched deltas, the first one replacing the list.
    await until(() => eventsNamed(alice, 'muc.occupants').some((delta) => delta.room === room && delta.upserts.some((occupant) => occupant.nick === 'Bob')), 'the occupants event');
    expect(eventsNamed(alice, 'muc.occupants').find((delta) => delta.room === room)?.reset).toBe(true);

    await bob.sendGroupchat({ room, body: 'hello from bob' });
    const fromBob = await until(async () => (await history(alice, room)).find((message) => message.body === 'hello from bob'), 'bob’s message at alice');
    expect(fromBob).toMatchObject({ kind: 'groupchat', direction: 'in', peer: room, sender: { nick: 'Bob' }, state: 'received' });
    // Never merged into a one-to-one conversation with the room or with bob.
    expect((await alice.handlers['chat.conversations']({ accountId: alice.accountId })).map((conversation) => conversation.peer)).toEqual([room]);
    expect((await alice.handlers['chat.conversations']({ accountId: alice.accountId }))[0]).toMatchObject({ peer: room, room: true });
    expect((await alice.handlers['chat.conversations']({ accountId: alice.accountId }))[0]?.request).toBeUndefined();

    const sent = await alice.handlers['muc.send']({ accountId: alice.accountId, room, body: 'hello from alice' });
    expect(sent).toMatchObject({ kind: 'groupchat', direction: 'out', state: 'pending' });
    const atBob = await bob.waitFor(groupchatWith('hello from alice'), 'alice’s message');
    expect(atBob.tree.attrs.from).toBe(`${room}/Alice`);
    await until(async () => (await history(alice, room)).find((message) => message.id === sent.id && message.state === 'sent'), 'the echo marks it sent');
    expect((await history(alice, room)).filter((message) => message.body === 'hello from alice')).toHaveLength(1);

    // A third occupant (another account) gets both, the earlier ones as the room's history.
    await carol.handlers['muc.join']({ accountId: carol.accountId, room, nick: 'Carol' });
    await until(async () => (await history(carol, room)).length === 2, 'carol’s history');
    expect((await history(carol, room)).map((message) => [message.sender?.nick, message.body])).toEqual([
      ['Bob', 'hello from bob'],
      ['Alice', 'hello from alice'],
    ]);
    await until(async () => (await occupants(alice, room)).join() === 'Alice,Bob,Carol', 'alice sees carol');

    await bob.setSubject(room, 'Teatime');
    expect(await until(async () => ((await roomOf(alice, room))?.subject === 'Teatime' ? roomOf(alice, room) : undefined), 'the subject')).toMatchObject({ subjectBy: 'Bob' });
    // Prosody lets only moderators change the subject by default: the room's refusal is what the user sees.
    expect(await refusal(alice.handlers['muc.setSubject']({ accountId: alice.accountId, room, subject: 'Biscuits' }))).toMatchObject({
      code: 'not-authorized',
      params: { context: 'roomForbidden', room },
    });
    expect((await roomOf(alice, room))?.subject).toBe('Teatime');

    // XEP-0045 §7.7: the room's occupants see our availability change.
    await alice.handlers['presence.set']({ accountId: alice.accountId, show: 'away', status: 'brewing' });
    const away = await bob.waitFor(({ tree }) => tree.name === 'presence' && tree.attrs.from === `${room}/Alice` && child(tree, 'show')?.text === 'away', 'alice away in the room');
    expect(child(away.tree, 'status')?.text).toBe('brewing');

    // A private message with an occupant is its own conversation (XEP-0045 §7.5), not the room's.
    await alice.handlers['chat.send']({ accountId: alice.accountId, peer: `${room}/Bob`, body: 'just between us' });
    const privately = await bob.waitFor(({ tree }) => tree.name === 'message' && child(tree, 'body')?.text === 'just between us', 'the private message');
    expect(privately.tree.attrs.type).toBe('chat');
    expect((await history(alice, `${room}/Bob`))[0]).toMatchObject({ kind: 'private', body: 'just between us' });
    expect((await history(alice, room)).some((message) => message.body === 'just between us')).toBe(false);

    await alice.handlers['muc.leave']({ accountId: alice.accountId, room });
    await bob.waitFor(({ tree }) => tree.name === 'presence' && tree.attrs.type === 'unavailable' && tree.attrs.from === `${room}/Alice`, 'alice leaving');
    expect(await roomOf(alice, room)).toBeUndefined();
  });

  it('stores the history the room replays on join once, and again once after a rejoin', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const room = roomJid('history');
    const [alice, bob] = await Promise.all([signIn(aliceJid), peers.peer(bobJid)]);
    await bob.createRoom(room, 'Bob');
    for (const body of ['one', 'two', 'three']) await bob.sendGroupchat({ room, body });
    await bob.waitFor(groupchatWith('three'), 'the last message echoed');

    await alice.handlers['muc.join']({ accountId: alice.accountId, room, nick: 'Alice' });
    const bodies = async () => (await history(alice, room)).map((message) => message.body);
    await until(async () => (await bodies()).length === 3, 'the history');
    expect(await bodies()).toEqual(['one', 'two', 'three']);
    // What the room replays was said while we were away: not unread.
    expect((await alice.handlers['chat.conversations']({ accountId: alice.accountId }))[0]).toMatchObject({ peer: room, unread: 0 });

    await alice.handlers['muc.leave']({ accountId: alice.accountId, room });
    await bob.sendGroupchat({ room, body: 'four' });
    await bob.waitFor(groupchatWith('four'), 'the fourth echoed');
    await alice.handlers['muc.join']({ accountId: alice.accountId, room, nick: 'Alice' });
    await until(async () => (await bodies()).includes('four'), 'the new message in the history');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await bodies()).toEqual(['one', 'two', 'three', 'four']);
  });

  it('reading a room on one device marks it read on the other (XEP-0490 with the room’s stanza-id)', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const room = roomJid('devices');
    const [laptop, desktop, bob] = await Promise.all([signIn(aliceJid), signIn(aliceJid), peers.peer(bobJid)]);
    await bob.createRoom(room, 'Bob');
    await laptop.handlers['muc.join']({ accountId: laptop.accountId, room, nick: 'Alice' });
    await desktop.handlers['muc.join']({ accountId: desktop.accountId, room, nick: 'Alice at home' });
    await bob.sendGroupchat({ room, body: 'read me once' });
    const unreadOn = async (core: TestCore) => (await core.handlers['chat.conversations']({ accountId: core.accountId })).find((c) => c.peer === room)?.unread;
    await until(async () => (await unreadOn(laptop)) === 1 && (await unreadOn(desktop)) === 1, 'both devices have it, unread');
    expect((await history(laptop, room))[0]?.stanzaId).toBeTypeOf('string');
    await laptop.handlers['chat.markRead']({ accountId: laptop.accountId, peer: room });
    await until(async () => (await unreadOn(desktop)) === 0, 'read on the desktop too');
    // What another client reads in our PEP node: the room's stanza-id, said to be the room's.
    const probe = await harness.raw(aliceJid, 'probe');
    const items = await probe.iq(xml('iq', { type: 'get' }, xml('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' }, xml('items', { node: 'urn:xmpp:mds:displayed:0' }))));
    const item = items.getChild('pubsub')?.getChild('items')?.getChildren('item').find((each) => each.attrs.id === room);
    expect(item?.getChild('displayed')?.getChild('stanza-id')?.attrs).toMatchObject({ by: room, id: (await history(laptop, room))[0]?.stanzaId });
  });

  it('refuses a nickname in use, then joins with another and changes it (303), refused again for a name in use', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const room = roomJid('nicks');
    const [alice, bob] = await Promise.all([signIn(aliceJid), peers.peer(bobJid)]);
    await bob.createRoom(room, 'Bob');
    expect(await refusal(alice.handlers['muc.join']({ accountId: alice.accountId, room, nick: 'Bob' }))).toMatchObject({
      code: 'conflict',
      params: { context: 'nickInUse', nick: 'Bob', room },
    });
    expect(await roomOf(alice, room)).toBeUndefined();
    expect(await alice.handlers['muc.join']({ accountId: alice.accountId, room, nick: 'Bob2' })).toMatchObject({ state: 'joined', nick: 'Bob2' });

    // §7.6: a nickname change the others see as 303, and one refused because the name is taken.
    expect(await alice.handlers['muc.setNick']({ accountId: alice.accountId, room, nick: 'Alice' })).toMatchObject({ nick: 'Alice', state: 'joined' });
    const change = await bob.waitFor(({ tree }) => tree.name === 'presence' && tree.attrs.from === `${room}/Bob2` && tree.attrs.type === 'unavailable', 'the nickname change');
    expect(child(child(change.tree, 'x', 'http://jabber.org/protocol/muc#user'), 'item')?.attrs.nick).toBe('Alice');
    expect(await occupants(alice, room)).toEqual(['Alice', 'Bob']);
    await until(() => eventsNamed(alice, 'muc.occupants').some((delta) => delta.renamed.some((each) => each.from === 'Bob2' && each.to === 'Alice')), 'the rename event');
    expect(await refusal(alice.handlers['muc.setNick']({ accountId: alice.accountId, room, nick: 'Bob' }))).toMatchObject({ code: 'conflict', params: { context: 'nickInUse', nick: 'Bob' } });
    expect((await roomOf(alice, room))?.nick).toBe('Alice');
  });

  it('says when a room does not exist, without creating it', async () => {
    const [aliceJid = ''] = await users('alice');
    const alice = await signIn(aliceJid);
    const room = roomJid('nowhere');
    expect(await refusal(alice.handlers['muc.join']({ accountId: alice.accountId, room, nick: 'Alice' }))).toMatchObject({ code: 'not-found', params: { context: 'room', room } });
  });

  it('sees a kick (307) with its reason, may come back, and after a ban (301) is refused with the ban error', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const room = roomJid('moderation');
    const [alice, bob] = await Promise.all([signIn(aliceJid), peers.peer(bobJid)]);
    await bob.createRoom(room, 'Bob');
    await alice.handlers['muc.join']({ accountId: alice.accountId, room, nick: 'Alice' });

    await bob.kick({ room, nick: 'Alice', reason: 'calm down' });
    const kicked = await until(async () => ((await roomOf(alice, room))?.state === 'removed' ? roomOf(alice, room) : undefined), 'alice kicked');
    expect(kicked?.removed).toMatchObject({ nick: 'Alice', reason: 'kicked', text: 'calm down' });
    expect(await occupants(alice, room)).toEqual([]);

    expect(await alice.handlers['muc.join']({ accountId: alice.accountId, room, nick: 'Alice' })).toMatchObject({ state: 'joined' });
    await bob.ban({ room, jid: aliceJid, reason: 'enough' });
    const banned = await until(async () => ((await roomOf(alice, room))?.state === 'removed' ? roomOf(alice, room) : undefined), 'alice banned');
    expect(banned?.removed).toMatchObject({ reason: 'banned', text: 'enough' });
    expect(await refusal(alice.handlers['muc.join']({ accountId: alice.accountId, room, nick: 'Alice' }))).toMatchObject({ code: 'not-authorized', params: { context: 'banned', room } });
  });
});

describe('moderation by Causette (XEP-0045 §8.2, §9.1), seen by a slixmpp occupant', () => {
  it('alice, the owner, kicks bob with a reason; he may come back; once banned he is refused; a participant may not kick', async () => {
    const [aliceJid = '', bobJid = '', carolJid = ''] = await users('alice', 'bob', 'carol');
    const room = roomJid('moderated');
    const [alice, bob, carol] = await Promise.all([signIn(aliceJid), peers.peer(bobJid), signIn(carolJid)]);
    await alice.handlers['muc.create']({ accountId: alice.accountId, room, nick: 'Alice', preset: 'public' });
    await bob.joinRoom({ room, nick: 'Bob' });
    await carol.handlers['muc.join']({ accountId: carol.accountId, room, nick: 'Carol' });

    // A plain participant is refused, in the user's terms.
    expect(await refusal(carol.handlers['muc.kick']({ accountId: carol.accountId, room, nick: 'Bob' }))).toMatchObject({ code: 'not-authorized', params: { context: 'roomForbidden', room } });

    await alice.handlers['muc.kick']({ accountId: alice.accountId, room, nick: 'Bob', reason: 'calm down' });
    const kicked = await bob.waitFor(
      ({ tree, xml: text }) => tree.name === 'presence' && tree.attrs.type === 'unavailable' && tree.attrs.from === `${room}/Bob` && text.includes('code="307"'),
      'bob told he was kicked',
    );
    expect(kicked.xml).toContain('calm down');
    await until(async () => !(await occupants(carol, room)).includes('Bob'), 'bob gone for carol');

    await bob.joinRoom({ room, nick: 'Bob' });
    await alice.handlers['muc.ban']({ accountId: alice.accountId, room, jid: bobJid, reason: 'enough' });
    await bob.waitFor(
      ({ tree, xml: text }) => tree.name === 'presence' && tree.attrs.type === 'unavailable' && tree.attrs.from === `${room}/Bob` && text.includes('code="301"'),
      'bob told he was banned',
    );
    // slixmpp does not surface the refusal of a join (it times out waiting); Causette's own refusal is the test above.
    await expect(bob.joinRoom({ room, nick: 'Bob' })).rejects.toThrow(/joinRoom/);
    expect(await occupants(alice, room)).toEqual(['Alice', 'Carol']);
  });
});

describe('rooms created and configured by Causette, with three accounts', () => {
  it('creates a private group (members-only, non-anonymous, persistent), reads its configuration back, and keeps non-members out', async () => {
    const [aliceJid = '', carolJid = ''] = await users('alice', 'carol');
    const room = roomJid('private');
    const [alice, carol] = await Promise.all([signIn(aliceJid), signIn(carolJid)]);
    const created = await alice.handlers['muc.create']({ accountId: alice.accountId, room, nick: 'Alice', preset: 'private', name: 'Our group' });
    expect(created.form).toBeUndefined();
    expect(created.room).toMatchObject({ state: 'joined', affiliation: 'owner', role: 'moderator', name: 'Our group' });
    expect(created.room.features).toMatchObject({ membersOnly: true, nonAnonymous: true, persistent: true, public: false });
    expect(created.room.created).toBeUndefined();

    const form = await alice.handlers['muc.getConfig']({ accountId: alice.accountId, room });
    const value = (name: string) => form.fields.find((field) => field.var === name)?.values;
    expect(form.formType).toBe('http://jabber.org/protocol/muc#roomconfig');
    expect(value('muc#roomconfig_membersonly')).toEqual(['1']);
    expect(value('muc#roomconfig_persistentroom')).toEqual(['1']);
    expect(value('muc#roomconfig_publicroom')).toEqual(['0']);
    expect(value('muc#roomconfig_whois')).toEqual(['anyone']);
    expect(value('muc#roomconfig_roomname')).toEqual(['Our group']);

    expect(await refusal(carol.handlers['muc.join']({ accountId: carol.accountId, room, nick: 'Carol' }))).toMatchObject({ code: 'not-authorized', params: { context: 'membersOnly', room } });
    expect(await occupants(alice, room)).toEqual(['Alice']);
    expect(await alice.handlers['muc.create']({ accountId: alice.accountId, room, nick: 'Again', preset: 'instant' }).catch((error: { code: string }) => error.code)).toBe('already-exists');
  });

  it('asks for a password: refused without and with a wrong one, joined with the right one', async () => {
    const [aliceJid = '', carolJid = ''] = await users('alice', 'carol');
    const room = roomJid('secret');
    const [alice, carol] = await Promise.all([signIn(aliceJid), signIn(carolJid)]);
    const created = await alice.handlers['muc.create']({ accountId: alice.accountId, room, nick: 'Alice', preset: 'custom' });
    expect(created.room.created).toBe(true);
    const fields = created.form?.fields.map((field) => field.var) ?? [];
    expect(fields).toContain('muc#roomconfig_roomsecret');
    await alice.handlers['muc.configure']({
      accountId: alice.accountId,
      room,
      answers: { 'muc#roomconfig_roomsecret': ['sesame'], ...(fields.includes('muc#roomconfig_passwordprotectedroom') ? { 'muc#roomconfig_passwordprotectedroom': ['1'] } : {}) },
    });
    await until(async () => (await roomOf(alice, room))?.features.passwordProtected, 'the room is password-protected');

    const passwordError = { code: 'not-authorized', params: { context: 'roomPassword', room } };
    expect(await refusal(carol.handlers['muc.join']({ accountId: carol.accountId, room, nick: 'Carol' }))).toMatchObject(passwordError);
    expect(await refusal(carol.handlers['muc.join']({ accountId: carol.accountId, room, nick: 'Carol', password: 'wrong' }))).toMatchObject(passwordError);
    expect(await carol.handlers['muc.join']({ accountId: carol.accountId, room, nick: 'Carol', password: 'sesame' })).toMatchObject({ state: 'joined' });
    await until(async () => (await occupants(alice, room)).includes('Carol'), 'alice sees carol');
  });

  it('lists the server’s rooms with their names and occupant counts', async () => {
    const [aliceJid = ''] = await users('alice');
    const alice = await signIn(aliceJid);
    const room = roomJid('listed');
    await alice.handlers['muc.create']({ accountId: alice.accountId, room, nick: 'Alice', preset: 'public', name: 'A listed room' });
    const list = await alice.handlers['muc.list']({ accountId: alice.accountId, limit: 100 });
    expect(list.service).toBe(`conference.${server().domain}`);
    expect(list.rooms.find((each) => each.jid === room)).toMatchObject({ name: 'A listed room', occupants: 1, membersOnly: false, passwordProtected: false });
    const bounded = await alice.handlers['muc.list']({ accountId: alice.accountId, limit: 1 });
    expect(bounded.rooms).toHaveLength(1);
  });

  it('destroys a room with a reason and an alternate venue, which its occupants are told', async () => {
    const [aliceJid = '', carolJid = ''] = await users('alice', 'carol');
    const [alice, carol] = await Promise.all([signIn(aliceJid), signIn(carolJid)]);
    const room = roomJid('doomed');
    const alternate = roomJid('elsewhere');
    await alice.handlers['muc.create']({ accountId: alice.accountId, room, nick: 'Alice', preset: 'public' });
    await carol.handlers['muc.join']({ accountId: carol.accountId, room, nick: 'Carol' });
    // As owner (a moderator), alice may change the subject; carol sees it.
    await alice.handlers['muc.setSubject']({ accountId: alice.accountId, room, subject: 'Last orders' });
    await until(async () => (await roomOf(carol, room))?.subject === 'Last orders', 'carol sees the subject');
    expect((await roomOf(carol, room))?.subjectBy).toBe('Alice');
    await alice.handlers['muc.destroy']({ accountId: alice.accountId, room, reason: 'moving on', alternate });
    const gone = await until(async () => ((await roomOf(carol, room))?.state === 'removed' ? roomOf(carol, room) : undefined), 'carol told');
    expect(gone?.removed).toMatchObject({ reason: 'destroyed', text: 'moving on', alternate });
  });
});

describe('a reconnect that is not a resumption', () => {
  it('rejoins the rooms it was in, with the occupants and messages flowing again', async () => {
    const [aliceJid = '', carolJid = ''] = await users('alice', 'carol');
    const [alice, carol] = await Promise.all([signIn(aliceJid), signIn(carolJid)]);
    const room = roomJid('steady');
    await alice.handlers['muc.create']({ accountId: alice.accountId, room, nick: 'Alice', preset: 'public' });
    await carol.handlers['muc.join']({ accountId: carol.accountId, room, nick: 'Carol' });
    await alice.handlers['muc.send']({ accountId: alice.accountId, room, body: 'before the restart' });
    await until(async () => (await history(carol, room)).some((message) => message.body === 'before the restart'), 'carol has it');

    // A restarted server forgets every session: neither can resume, both must join again (the room is persistent).
    await server().stop();
    await server().start();
    await until(async () => ((await roomOf(alice, room))?.state === 'joined' && (await roomOf(carol, room))?.state === 'joined' ? true : undefined), 'both rejoined', 30_000);
    expect(eventsNamed(alice, 'muc.room').some((event) => event.room.jid === room && event.room.state === 'offline')).toBe(true);
    await until(async () => (await occupants(alice, room)).join() === 'Alice,Carol', 'alice sees carol again');

    await carol.handlers['muc.send']({ accountId: carol.accountId, room, body: 'after the restart' });
    const after = await until(async () => (await history(alice, room)).find((message) => message.body === 'after the restart'), 'alice has carol’s message');
    // Alice owns the room, so it tells her who Carol really is (XEP-0045 §7.2.4), and gives her a stable id (XEP-0421).
    expect(after.sender?.nick).toBe('Carol');
    expect(after.sender?.jid?.startsWith(`${carolJid}/`)).toBe(true);
    expect(after.sender?.occupantId).toBeTruthy();
    // The history replayed on rejoin did not bring back a second copy.
    expect((await history(alice, room)).filter((message) => message.body === 'before the restart')).toHaveLength(1);
    expect((await history(carol, room)).filter((message) => message.body === 'before the restart')).toHaveLength(1);
  });
});
