// Moderation by Causette on the harness Prosody's conference component (XEP-0045 §8, §9, §10), with three accounts: roles
// (voice, moderator rights) and affiliations (member, admin, ban) changed, the lists read and edited, and the room's
// refusals of what our standing does not allow coming back as typed errors; then a slixmpp occupant as the one affected.
import { randomUUID } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { AppError } from '../../shared/ipc/errors.ts';
import type { Room } from '../../shared/model/room.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { child, type ReceivedStanza } from '../support/slixmpp-peer.ts';
import { createPeers } from './interop-harness.ts';
import { createHarness, until, type TestCore } from './roster-harness.ts';

let server: ProsodyServer;
const harness = createHarness(() => server);
const peers = createPeers(() => server);
const { users, signIn } = harness;

beforeAll(async () => {
  server = await startProsody();
});
afterEach(async () => {
  await peers.cleanup();
  await harness.cleanup();
});
afterAll(() => server.dispose());

const roomJid = (name: string) => `${name}-${randomUUID().slice(0, 8)}@conference.${server.domain}`;
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

async function refusal(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (error) {
    return (error as { toJSON(): AppError }).toJSON();
  }
  throw new Error('the command succeeded');
}

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
