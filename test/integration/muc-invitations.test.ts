// Invitations to rooms (XEP-0249 direct, XEP-0045 §7.8.2 mediated) between Causette cores and a slixmpp peer on the
// harness Prosody: members-only rooms grant membership to whom their owner invites, a member who may not invite is told so,
// direct invitations carry the password, declines go back through the room to the inviter, and invitations wait across restarts.
import { describe, expect, it } from 'vitest';
import { child, type ReceivedStanza } from '../support/slixmpp-peer.ts';
import { eventsNamed, until, type TestCore } from './roster-harness.ts';
import { refusal, useMucServer } from './muc-harness.ts';

const { harness, peers, roomJid } = useMucServer();
const { users, signIn } = harness;
const invitations = (core: TestCore) => core.handlers['muc.invitations']({ accountId: core.accountId });
const invitationTo = async (core: TestCore, room: string) => until(async () => (await invitations(core)).find((each) => each.room === room), `an invitation to ${room}`);

const conferenceX = ({ tree }: ReceivedStanza) => tree.name === 'message' && tree.children.some((each) => each.name === 'x' && each.ns === 'jabber:x:conference');

describe('room invitations', () => {
  it('an owner invites to a members-only room through it: the invitee becomes a member and joins; a member may not invite', async () => {
    const [aliceJid = '', bobJid = '', carolJid = ''] = await users('alice', 'bob', 'carol');
    const room = roomJid('private');
    const [alice, bob, carol] = await Promise.all([signIn(aliceJid), signIn(bobJid), signIn(carolJid)]);
    await alice.handlers['muc.create']({ accountId: alice.accountId, room, nick: 'Alice', preset: 'private', name: 'Secret plans' });
    expect(await refusal(bob.handlers['muc.join']({ accountId: bob.accountId, room, nick: 'Bob' }))).toMatchObject({ params: { context: 'membersOnly' } });

    await alice.handlers['muc.invite']({ accountId: alice.accountId, room, jids: [bobJid], reason: 'Come and plan' });
    const invitation = await invitationTo(bob, room);
    expect(invitation).toMatchObject({ room, from: aliceJid, kind: 'mediated', reason: 'Come and plan', fromContact: false });
    expect(eventsNamed(bob, 'muc.invitations').at(-1)?.invitations).toHaveLength(1);
    // The invitation is no chat message: no conversation with the room or with alice came of it.
    expect(await bob.handlers['chat.conversations']({ accountId: bob.accountId })).toEqual([]);

    expect(await bob.handlers['muc.join']({ accountId: bob.accountId, room, nick: 'Bob' })).toMatchObject({ state: 'joined', affiliation: 'member' });
    await until(async () => ((await invitations(bob)).length === 0 ? true : undefined), 'joining answers the invitation');
    expect(eventsNamed(bob, 'muc.invitations').at(-1)?.invitations).toEqual([]);

    // Prosody lets only admins invite to a members-only room unless configured otherwise (§7.8.2: forbidden).
    expect(await refusal(bob.handlers['muc.invite']({ accountId: bob.accountId, room, jids: [carolJid] }))).toMatchObject({ code: 'not-authorized', params: { context: 'roomForbidden', room } });
    expect(await invitations(carol)).toEqual([]);
  });

  it('a direct invitation carries the room’s password; a mediated one too, and declining it forgets it', async () => {
    const [aliceJid = '', carolJid = ''] = await users('alice', 'carol');
    const room = roomJid('secret');
    const [alice, carol] = await Promise.all([signIn(aliceJid), signIn(carolJid)]);
    await alice.handlers['muc.create']({ accountId: alice.accountId, room, nick: 'Alice', preset: 'custom' });
    await alice.handlers['muc.configure']({ accountId: alice.accountId, room, answers: { 'muc#roomconfig_roomsecret': ['sesame'], 'muc#roomconfig_passwordprotectedroom': ['1'] } });
    await until(async () => (await alice.handlers['muc.rooms']({ accountId: alice.accountId })).find((each) => each.jid === room)?.features.passwordProtected, 'the room has a password');

    await alice.handlers['muc.invite']({ accountId: alice.accountId, room, jids: [carolJid], reason: 'Tea?' });
    expect(await invitationTo(carol, room)).toMatchObject({ from: aliceJid, kind: 'direct', reason: 'Tea?', password: 'sesame' });
    expect(await carol.handlers['muc.join']({ accountId: carol.accountId, room, nick: 'Carol', password: 'sesame' })).toMatchObject({ state: 'joined' });
    expect(await invitations(carol)).toEqual([]);
    await carol.handlers['muc.leave']({ accountId: carol.accountId, room });

    await alice.handlers['muc.invite']({ accountId: alice.accountId, room, jids: [carolJid], kind: 'mediated' });
    expect(await invitationTo(carol, room)).toMatchObject({ kind: 'mediated', password: 'sesame' });
    await carol.handlers['muc.declineInvitation']({ accountId: carol.accountId, room, reason: 'Busy' });
    expect(await invitations(carol)).toEqual([]);
    // §7.8.2: the room passes carol's decline on to alice, who is told who declined and why.
    expect(await until(() => Promise.resolve(eventsNamed(alice, 'muc.declined')[0]), 'alice hears of the decline')).toEqual({ accountId: alice.accountId, room, from: carolJid, reason: 'Busy' });
    expect(await refusal(carol.handlers['muc.declineInvitation']({ accountId: carol.accountId, room }))).toMatchObject({ code: 'not-found' });
  });

  it('keeps an invitation across a restart of the app until it is answered', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const room = roomJid('later');
    const [alice, bob] = await Promise.all([signIn(aliceJid), signIn(bobJid)]);
    await alice.handlers['muc.create']({ accountId: alice.accountId, room, nick: 'Alice', preset: 'public' });
    await alice.handlers['muc.invite']({ accountId: alice.accountId, room, jids: [bobJid] });
    await invitationTo(bob, room);
    await harness.close(bob);
    const again = await signIn(bobJid, { profile: bob.profile });
    expect(await invitationTo(again, room)).toMatchObject({ from: aliceJid, kind: 'direct' });
  });
});

describe('room invitations with a slixmpp peer', () => {
  it('slixmpp takes Causette’s direct invitation as XEP-0249 says, and Causette takes slixmpp’s direct and mediated ones', async () => {
    const [aliceJid = '', bobJid = ''] = await users('alice', 'bob');
    const [alice, bob] = await Promise.all([signIn(aliceJid), peers.peer(bobJid)]);
    const open = roomJid('open');
    await alice.handlers['muc.create']({ accountId: alice.accountId, room: open, nick: 'Alice', preset: 'public' });
    await alice.handlers['muc.invite']({ accountId: alice.accountId, room: open, jids: [bobJid], reason: 'Join us' });
    const seen = await bob.waitFor(conferenceX, 'the direct invitation');
    const x = seen.tree.children.find((each) => each.name === 'x' && each.ns === 'jabber:x:conference');
    expect(x?.attrs).toMatchObject({ jid: open, reason: 'Join us' });
    expect(child(seen.tree, 'body')).toBeUndefined();

    const direct = roomJid('direct');
    await bob.createRoom(direct, 'Bob');
    await bob.directInvite({ to: aliceJid, room: direct, password: 'pw', reason: 'From slixmpp' });
    expect(await invitationTo(alice, direct)).toMatchObject({ from: bobJid, kind: 'direct', password: 'pw', reason: 'From slixmpp' });

    const mediated = roomJid('mediated');
    await bob.createRoom(mediated, 'Bob');
    // The room hides real JIDs (semi-anonymous): the inviter is named by their nickname there (§7.8.2).
    await bob.mediatedInvite({ room: mediated, to: aliceJid, reason: 'Through the room' });
    expect(await invitationTo(alice, mediated)).toMatchObject({ from: `${mediated}/Bob`, kind: 'mediated', reason: 'Through the room' });
    // Declined through the room, which tells bob (§7.8.2); Prosody's plain body for old clients made no conversation at alice.
    await alice.handlers['muc.declineInvitation']({ accountId: alice.accountId, room: mediated, reason: 'Not now' });
    const declined = await bob.waitFor(({ tree }) => tree.name === 'message' && tree.children.some((each) => each.name === 'x' && each.children.some((inner) => inner.name === 'decline')), 'alice’s decline');
    expect(declined.tree.attrs.from).toBe(mediated);
    expect(await alice.handlers['chat.conversations']({ accountId: alice.accountId })).toEqual([]);
  });
});
