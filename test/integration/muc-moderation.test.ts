// Moderation by Causette on the harness Prosody's conference component (XEP-0045 §8, §9, §10), with three accounts: roles
// (voice, moderator rights) and affiliations (member, admin, ban) changed, the lists read and edited, and the room's
// refusals of what our standing does not allow coming back as typed errors; then a slixmpp occupant as the one affected.
import { describe, expect, it } from 'vitest';
import type { Room } from '../../shared/model/room.ts';
import { child, type ReceivedStanza } from '../support/slixmpp-peer.ts';
import { eventsNamed, until, type TestCore } from './roster-harness.ts';
import { refusal, useMucServer } from './muc-harness.ts';

const { harness, peers, roomJid } = useMucServer();
const { users, signIn } = harness;
const roomOf = async (core: TestCore, room: string): Promise<Room | undefined> => (await core.handlers['muc.rooms']({ accountId: core.accountId })).find((each) => each.jid === room);
const occupant = async (core: TestCore, room: string, nick: string) => (await core.handlers['muc.occupants']({ accountId: core.accountId, room })).find((each) => each.nick === nick);
const list = async (core: TestCore, room: string, affiliation: 'owner' | 'admin' | 'member' | 'outcast') =>
  (await core.handlers['muc.affiliations']({ accountId: core.accountId, room, affiliation })).map((user) => user.jid);
/** Waits until our own standing in the room is this role (and affiliation). */
const standing = (core: TestCore, room: string, role: Room['role'], affiliation?: Room['affiliation']) =>
  until(async () => {
    const now = await roomOf(core, room);
    return now?.role === role && (affiliation === undefined || now.affiliation === affiliation) ? now : undefined;
  }, `${core.jid} ${role} ${affiliation ?? ''}`);

describe('roles and affiliations changed by Causette, with three accounts', () => {
  it('grants and revokes voice in a moderated room and moderator rights; a moderator without affiliation is refused an admin’s acts', async () => {
    const [aliceJid = '', bobJid = '', carolJid = ''] = await users('alice', 'bob', 'carol');
    const room = roomJid('moderated');
    const [alice, bob, carol] = await Promise.all([signIn(aliceJid), signIn(bobJid), signIn(carolJid)]);
    await alice.handlers['muc.create']({ accountId: alice.accountId, room, nick: 'Alice', preset: 'public' });
    await alice.handlers['muc.configure']({ accountId: alice.accountId, room, answers: { 'muc#roomconfig_moderatedroom': ['1'] } });
    await until(async () => (await roomOf(alice, room))?.features.moderated, 'the room is moderated');
    // §7.1: in a moderated room, users without affiliation come in as visitors.
    expect(await bob.handlers['muc.join']({ accountId: bob.accountId, room, nick: 'Bob' })).toMatchObject({ role: 'visitor' });
    await carol.handlers['muc.join']({ accountId: carol.accountId, room, nick: 'Carol' });

    // §8.3 and §8.4: voice granted, then revoked; the others see it.
    await alice.handlers['muc.setRole']({ accountId: alice.accountId, room, nick: 'Bob', role: 'participant' });
    await standing(bob, room, 'participant');
    await until(async () => (await occupant(carol, room, 'Bob'))?.role === 'participant', 'carol sees bob with voice');
    await alice.handlers['muc.setRole']({ accountId: alice.accountId, room, nick: 'Bob', role: 'visitor', reason: 'too loud' });
    await standing(bob, room, 'visitor');

    // §9.6: carol is made a moderator, which bob sees.
    await alice.handlers['muc.setRole']({ accountId: alice.accountId, room, nick: 'Carol', role: 'moderator' });
    await standing(carol, room, 'moderator', 'none');
    await until(async () => (await occupant(bob, room, 'Carol'))?.role === 'moderator', 'bob sees carol moderate');
    // A moderator gives voice (§8.3) but may not make moderators (§9.6) nor change affiliations (§9.3): the room's "not allowed".
    const forbidden = { code: 'not-authorized', params: { context: 'roomForbidden', room } };
    expect(await refusal(carol.handlers['muc.setRole']({ accountId: carol.accountId, room, nick: 'Bob', role: 'moderator' }))).toMatchObject(forbidden);
    expect(await refusal(carol.handlers['muc.setAffiliation']({ accountId: carol.accountId, room, jid: bobJid, affiliation: 'member' }))).toMatchObject(forbidden);
    expect(await refusal(carol.handlers['muc.affiliations']({ accountId: carol.accountId, room, affiliation: 'member' }))).toMatchObject(forbidden);
    await carol.handlers['muc.setRole']({ accountId: carol.accountId, room, nick: 'Bob', role: 'participant' });
    await standing(bob, room, 'participant');

    // §9.7: her moderator rights taken back.
    await alice.handlers['muc.setRole']({ accountId: alice.accountId, room, nick: 'Carol', role: 'participant' });
    await standing(carol, room, 'participant');
  });

  it('edits the member list, makes an admin who may not make owners, and lists the owners', async () => {
    const [aliceJid = '', bobJid = '', carolJid = ''] = await users('alice', 'bob', 'carol');
    const room = roomJid('members');
    const [alice, bob, carol] = await Promise.all([signIn(aliceJid), signIn(bobJid), signIn(carolJid)]);
    await alice.handlers['muc.create']({ accountId: alice.accountId, room, nick: 'Alice', preset: 'public' });
    await bob.handlers['muc.join']({ accountId: bob.accountId, room, nick: 'Bob' });
    await carol.handlers['muc.join']({ accountId: carol.accountId, room, nick: 'Carol' });

    // §9.3: bob becomes a member, in the list and in his own standing; §9.4: and is taken off again.
    await alice.handlers['muc.setAffiliation']({ accountId: alice.accountId, room, jid: bobJid, affiliation: 'member' });
    await standing(bob, room, 'participant', 'member');
    expect(await list(alice, room, 'member')).toEqual([bobJid]);
    await alice.handlers['muc.setAffiliation']({ accountId: alice.accountId, room, jid: bobJid, affiliation: 'none' });
    await standing(bob, room, 'participant', 'none');
    expect(await list(alice, room, 'member')).toEqual([]);

    // §10.6: carol is made an admin, and so a moderator; an admin may edit the member list, not make owners (§10.3).
    await alice.handlers['muc.setAffiliation']({ accountId: alice.accountId, room, jid: carolJid, affiliation: 'admin' });
    await standing(carol, room, 'moderator', 'admin');
    await until(async () => (await occupant(bob, room, 'Carol'))?.affiliation === 'admin', 'bob sees carol as admin');
    await carol.handlers['muc.setAffiliation']({ accountId: carol.accountId, room, jid: bobJid, affiliation: 'member', reason: 'welcome' });
    expect(await list(carol, room, 'member')).toEqual([bobJid]);
    expect(await refusal(carol.handlers['muc.setAffiliation']({ accountId: carol.accountId, room, jid: bobJid, affiliation: 'owner' }))).toMatchObject({
      code: 'not-authorized',
      params: { context: 'roomForbidden', room },
    });
    expect(await list(alice, room, 'owner')).toEqual([aliceJid]);
    expect(await list(alice, room, 'admin')).toEqual([carolJid]);
    // §10.4: the only owner may not give the room up.
    expect(await refusal(alice.handlers['muc.setAffiliation']({ accountId: alice.accountId, room, jid: aliceJid, affiliation: 'member' }))).toMatchObject({
      code: 'conflict',
      params: { context: 'lastOwner', room },
    });
    await standing(alice, room, 'moderator', 'owner');
  });

  it('bans a user, who is put out and refused with the ban error; off the ban list, they may come back', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const room = roomJid('banned');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    await alice.handlers['muc.create']({ accountId: alice.accountId, room, nick: 'Alice', preset: 'public' });
    await bob.handlers['muc.join']({ accountId: bob.accountId, room, nick: 'Bob' });

    await alice.handlers['muc.setAffiliation']({ accountId: alice.accountId, room, jid: `${bobJid}/laptop`, affiliation: 'outcast', reason: 'spam' });
    const removed = await until(async () => ((await roomOf(bob, room))?.state === 'removed' ? roomOf(bob, room) : undefined), 'bob put out');
    expect(removed?.removed).toMatchObject({ reason: 'banned', text: 'spam' });
    expect(await list(alice, room, 'outcast')).toEqual([bobJid]);
    expect(await refusal(bob.handlers['muc.join']({ accountId: bob.accountId, room, nick: 'Bob' }))).toMatchObject({ code: 'not-authorized', params: { context: 'banned', room } });

    await alice.handlers['muc.setAffiliation']({ accountId: alice.accountId, room, jid: bobJid, affiliation: 'none' });
    expect(await list(alice, room, 'outcast')).toEqual([]);
    expect(await bob.handlers['muc.join']({ accountId: bob.accountId, room, nick: 'Bob' })).toMatchObject({ state: 'joined' });
  });
});

describe('voice requests in a moderated room (XEP-0045 §7.13, §8.6)', () => {
  it('a visitor asks for voice; the moderator is asked, grants it, and the visitor may speak; a denial changes nothing', async () => {
    const [aliceJid = '', bobJid = '', carolJid = ''] = await users('alice', 'bob', 'carol');
    const room = roomJid('voice');
    const [alice, bob, carol] = await Promise.all([signIn(aliceJid), signIn(bobJid), signIn(carolJid)]);
    await alice.handlers['muc.create']({ accountId: alice.accountId, room, nick: 'Alice', preset: 'public' });
    await alice.handlers['muc.configure']({ accountId: alice.accountId, room, answers: { 'muc#roomconfig_moderatedroom': ['1'] } });
    expect(await bob.handlers['muc.join']({ accountId: bob.accountId, room, nick: 'Bob' })).toMatchObject({ role: 'visitor' });
    expect(await carol.handlers['muc.join']({ accountId: carol.accountId, room, nick: 'Carol' })).toMatchObject({ role: 'visitor' });

    await bob.handlers['muc.requestVoice']({ accountId: bob.accountId, room });
    const asked = await until(() => eventsNamed(alice, 'muc.voiceRequest').find((event) => event.request.nick === 'Bob'), 'alice asked about bob');
    expect(asked.request).toMatchObject({ room, nick: 'Bob' });
    expect(asked.request.jid?.startsWith(bobJid)).toBe(true);
    // Only moderators are asked.
    expect(eventsNamed(carol, 'muc.voiceRequest')).toEqual([]);
    await alice.handlers['muc.answerVoiceRequest']({ accountId: alice.accountId, room, nick: 'Bob', allow: true });
    await standing(bob, room, 'participant');
    // The form was answered: a second answer has nothing to answer.
    expect(await refusal(alice.handlers['muc.answerVoiceRequest']({ accountId: alice.accountId, room, nick: 'Bob', allow: true }))).toMatchObject({
      code: 'not-found',
      params: { context: 'voiceRequest', room, nick: 'Bob' },
    });

    await carol.handlers['muc.requestVoice']({ accountId: carol.accountId, room });
    await until(() => eventsNamed(alice, 'muc.voiceRequest').find((event) => event.request.nick === 'Carol'), 'alice asked about carol');
    await alice.handlers['muc.answerVoiceRequest']({ accountId: alice.accountId, room, nick: 'Carol', allow: false });
    // The room answers a denial with nothing; a voice granted after it would have come before this message's echo.
    await alice.handlers['muc.send']({ accountId: alice.accountId, room, body: 'after the denial' });
    await until(async () => (await carol.handlers['chat.history']({ accountId: carol.accountId, peer: room, limit: 10 })).messages.some((message) => message.body === 'after the denial'), 'carol hears alice');
    expect((await roomOf(carol, room))?.role).toBe('visitor');
  });

  it('a slixmpp visitor’s request reaches Causette, which grants it', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const room = roomJid('voice-interop');
    const [alice, bob] = await Promise.all([signIn(aliceJid), peers.peer(bobJid)]);
    await alice.handlers['muc.create']({ accountId: alice.accountId, room, nick: 'Alice', preset: 'public' });
    await alice.handlers['muc.configure']({ accountId: alice.accountId, room, answers: { 'muc#roomconfig_moderatedroom': ['1'] } });
    await bob.joinRoom({ room, nick: 'Bob' });
    await bob.requestVoice(room);
    await until(() => eventsNamed(alice, 'muc.voiceRequest').find((event) => event.request.nick === 'Bob'), 'alice asked about bob');
    await alice.handlers['muc.answerVoiceRequest']({ accountId: alice.accountId, room, nick: 'Bob', allow: true });
    await bob.waitFor(itemOf(room, 'Bob', { role: 'participant' }), 'bob given voice');
  });
});

describe('messages removed by a moderator (XEP-0425, Prosody’s mod_muc_moderation)', () => {
  it('alice removes what a slixmpp occupant said: everyone sees it gone, a participant may not, and who joins later gets the tombstone', async () => {
    const [aliceJid = '', bobJid = '', carolJid = '', daveJid = ''] = await users('alice', 'bob', 'carol', 'dave');
    const room = roomJid('moderation');
    const [alice, bob, carol] = await Promise.all([signIn(aliceJid), signIn(bobJid), peers.peer(carolJid)]);
    const created = await alice.handlers['muc.create']({ accountId: alice.accountId, room, nick: 'Alice', preset: 'public' });
    expect(created.room.features.moderation).toBe('v0');
    await bob.handlers['muc.join']({ accountId: bob.accountId, room, nick: 'Bob' });
    await carol.joinRoom({ room, nick: 'Carol' });
    await carol.sendGroupchat({ room, body: 'buy cheap watches' });
    const find = async (core: TestCore) => (await core.handlers['chat.history']({ accountId: core.accountId, peer: room, limit: 20 })).messages.find((message) => message.sender?.nick === 'Carol');
    const spam = await until(async () => ((await find(alice))?.stanzaId === undefined ? undefined : find(alice)), 'the message at alice, with the room’s stanza-id');
    const atBob = await until(() => find(bob), 'the message at bob');

    // A participant is refused by the room, in the user’s terms.
    expect(await refusal(bob.handlers['muc.moderate']({ accountId: bob.accountId, messageId: atBob.id }))).toMatchObject({ code: 'not-authorized', params: { context: 'roomForbidden', room } });

    await alice.handlers['muc.moderate']({ accountId: alice.accountId, messageId: spam.id, reason: 'no spam' });
    const removed = { body: '', retracted: true, moderated: { by: `${room}/Alice`, reason: 'no spam' } };
    expect(await until(async () => ((await find(bob))?.retracted ? find(bob) : undefined), 'removed at bob')).toMatchObject(removed);
    expect(await until(async () => ((await find(alice))?.retracted ? find(alice) : undefined), 'removed at alice')).toMatchObject({ ...removed, id: spam.id });
    expect(eventsNamed(bob, 'chat.message').some((event) => event.message.id === atBob.id && event.message.moderated?.reason === 'no spam')).toBe(true);
    // The slixmpp occupant is told by the room, as XEP-0425 §4 says.
    const notice = await carol.waitFor(({ tree }) => tree.name === 'message' && tree.attrs.from === room && child(tree, 'apply-to', 'urn:xmpp:fasten:0')?.attrs.id === spam.stanzaId, 'the moderation notice');
    expect(notice.xml).toContain('no spam');

    // Someone joining afterwards gets the archive’s tombstone in the room’s history, not the text.
    const dave = await signIn(daveJid);
    await dave.handlers['muc.join']({ accountId: dave.accountId, room, nick: 'Dave' });
    expect(await until(() => find(dave), 'the tombstone at dave')).toMatchObject({ body: '', retracted: true, moderated: { reason: 'no spam' }, stanzaId: spam.stanzaId });
    // Bob, back after leaving, still holds it once, removed.
    await bob.handlers['muc.leave']({ accountId: bob.accountId, room });
    await bob.handlers['muc.join']({ accountId: bob.accountId, room, nick: 'Bob' });
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect((await bob.handlers['chat.history']({ accountId: bob.accountId, peer: room, limit: 20 })).messages.filter((message) => message.sender?.nick === 'Carol')).toMatchObject([removed]);
  });
});

/** The room's presence for `nick` whose item says this role and affiliation. */
const itemOf =
  (room: string, nick: string, attrs: { role?: string; affiliation?: string }) =>
  ({ tree }: ReceivedStanza): boolean => {
    if (tree.name !== 'presence' || tree.attrs.from !== `${room}/${nick}`) return false;
    const item = child(child(tree, 'x', 'http://jabber.org/protocol/muc#user'), 'item');
    return (attrs.role === undefined || item?.attrs.role === attrs.role) && (attrs.affiliation === undefined || item?.attrs.affiliation === attrs.affiliation);
  };

describe('a slixmpp occupant affected by Causette’s moderation', () => {
  it('is told of its moderator rights, its membership and its voice taken, in the room’s own presence (§9.6, §9.3, §8.4)', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const room = roomJid('interop');
    const [alice, bob] = await Promise.all([signIn(aliceJid), peers.peer(bobJid)]);
    await alice.handlers['muc.create']({ accountId: alice.accountId, room, nick: 'Alice', preset: 'public' });
    await bob.joinRoom({ room, nick: 'Bob' });
    await until(async () => (await occupant(alice, room, 'Bob'))?.jid !== undefined, 'alice sees bob’s real JID');

    await alice.handlers['muc.setRole']({ accountId: alice.accountId, room, nick: 'Bob', role: 'moderator', reason: 'trusted' });
    const promoted = await bob.waitFor(itemOf(room, 'Bob', { role: 'moderator' }), 'bob made a moderator');
    expect(promoted.xml).toContain('trusted');
    await alice.handlers['muc.setRole']({ accountId: alice.accountId, room, nick: 'Bob', role: 'participant' });
    await bob.waitFor(itemOf(room, 'Bob', { role: 'participant' }), 'bob a participant again');

    await alice.handlers['muc.setAffiliation']({ accountId: alice.accountId, room, jid: bobJid, affiliation: 'member' });
    await bob.waitFor(itemOf(room, 'Bob', { affiliation: 'member' }), 'bob made a member');
    await alice.handlers['muc.setAffiliation']({ accountId: alice.accountId, room, jid: bobJid, affiliation: 'none' });
    await alice.handlers['muc.setRole']({ accountId: alice.accountId, room, nick: 'Bob', role: 'visitor' });
    await bob.waitFor(itemOf(room, 'Bob', { role: 'visitor', affiliation: 'none' }), 'bob’s voice taken');
    await until(async () => (await occupant(alice, room, 'Bob'))?.role === 'visitor', 'alice sees bob as a visitor');
  });
});
