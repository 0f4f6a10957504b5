// Saved rooms on the harness Prosody: PEP native bookmarks (XEP-0402, mod_bookmarks) seen live by a second session of the
// same account and by slixmpp (another client) publishing one, autojoin when signing in again, and private XML storage
// (XEP-0048) on a server without mod_bookmarks.
import { randomUUID } from 'node:crypto';
import xml from '@xmpp/xml';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { Bookmark } from '../../shared/model/bookmark.ts';
import { startProsody, type ProsodyServer } from '../server/prosody.ts';
import { createPeers } from './interop-harness.ts';
import { createHarness, eventsNamed, until, type TestCore } from './roster-harness.ts';

const bookmarksOf = (core: TestCore): Promise<Bookmark[]> => core.handlers['muc.bookmarks']({ accountId: core.accountId });
const roomState = async (core: TestCore, room: string) => (await core.handlers['muc.rooms']({ accountId: core.accountId })).find((each) => each.jid === room);

describe('PEP native bookmarks (XEP-0402)', () => {
  let server: ProsodyServer;
  const harness = createHarness(() => server);
  const { users, signIn } = harness;
  const roomJid = (name: string) => `${name}-${randomUUID().slice(0, 8)}@conference.${server.domain}`;
  beforeAll(async () => {
    server = await startProsody();
  });
  afterEach(() => harness.cleanup());
  afterAll(() => server.dispose());

  it('saves a room in the node with §5’s options, which a second session of the account sees live, changed and removed', async () => {
    const [aliceJid = ''] = await users('alice');
    const laptop = await signIn(aliceJid);
    const desktop = await signIn(aliceJid);
    const room = roomJid('saved');
    await laptop.handlers['muc.create']({ accountId: laptop.accountId, room, nick: 'Alice', preset: 'public' });
    // The desktop's presence (with its +notify caps) is out once it has fetched its bookmarks.
    await until(() => eventsNamed(desktop, 'muc.bookmarks').length > 0, 'the desktop’s fetch');

    const saved = await laptop.handlers['muc.bookmark']({ accountId: laptop.accountId, room, name: 'Tea room', nick: 'Alice', password: 'sesame', autojoin: false });
    expect(saved).toEqual({ jid: room, name: 'Tea room', nick: 'Alice', hasPassword: true, autojoin: false });
    // The other session hears of it by its +notify caps (XEP-0402 §3.4), without asking.
    const seen = await until(async () => (await bookmarksOf(desktop)).find((b) => b.jid === room), 'the bookmark at the desktop');
    expect(seen).toEqual(saved);
    expect(eventsNamed(desktop, 'muc.bookmarks').some((event) => event.bookmarks.some((b) => b.jid === room))).toBe(true);

    // What another client reads: one item per room, its id the room's JID, and a node only we may read (§5).
    const probe = await harness.raw(aliceJid, 'probe');
    const items = await probe.iq(xml('iq', { type: 'get' }, xml('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' }, xml('items', { node: 'urn:xmpp:bookmarks:1' }))));
    const item = items.getChild('pubsub')?.getChild('items')?.getChildren('item').find((each) => each.attrs.id === room);
    const conference = item?.getChild('conference', 'urn:xmpp:bookmarks:1');
    expect(conference?.attrs).toMatchObject({ name: 'Tea room', autojoin: 'false' });
    expect(conference?.getChildText('nick')).toBe('Alice');
    expect(conference?.getChildText('password')).toBe('sesame');
    const config = await probe.iq(
      xml('iq', { type: 'get' }, xml('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub#owner' }, xml('configure', { node: 'urn:xmpp:bookmarks:1' }))),
    );
    const value = (name: string) =>
      config.getChild('pubsub')?.getChild('configure')?.getChild('x')?.getChildren('field').find((field) => field.attrs.var === name)?.getChildText('value');
    expect(value('pubsub#access_model')).toBe('whitelist');
    expect(value('pubsub#send_last_published_item')).toBe('never');

    // A change keeps the password when none is given; the other session follows.
    await laptop.handlers['muc.bookmark']({ accountId: laptop.accountId, room, name: 'Tea room', nick: 'Alice', autojoin: true });
    await until(async () => (await bookmarksOf(desktop)).find((b) => b.jid === room && b.autojoin), 'autojoin seen at the desktop');
    expect((await bookmarksOf(desktop)).find((b) => b.jid === room)?.hasPassword).toBe(true);

    await desktop.handlers['muc.unbookmark']({ accountId: desktop.accountId, room });
    await until(async () => (await bookmarksOf(laptop)).every((b) => b.jid !== room), 'the removal seen at the laptop');
  });

  it('joins the rooms saved with autojoin when signing in again, with the saved nickname, and says which one failed', async () => {
    const [aliceJid = '', carolJid = ''] = await users('alice', 'carol');
    const [alice, carol] = await Promise.all([signIn(aliceJid), signIn(carolJid)]);
    const room = roomJid('auto');
    const missing = roomJid('gone');
    await carol.handlers['muc.create']({ accountId: carol.accountId, room, nick: 'Carol', preset: 'public' });
    await alice.handlers['muc.bookmark']({ accountId: alice.accountId, room, nick: 'Alice at tea', autojoin: true });
    await alice.handlers['muc.bookmark']({ accountId: alice.accountId, room: missing, nick: 'Alice', autojoin: true });
    await alice.handlers['muc.bookmark']({ accountId: alice.accountId, room: roomJid('later'), nick: 'Alice', autojoin: false });

    // Signed out and in again: a fresh session, which fetches the bookmarks after the roster and joins.
    await alice.handlers['account.disconnect']({ accountId: alice.accountId });
    await alice.handlers['account.connect']({ accountId: alice.accountId });
    const joined = await until(async () => ((await roomState(alice, room))?.state === 'joined' ? roomState(alice, room) : undefined), 'alice back in the room');
    expect(joined?.nick).toBe('Alice at tea');
    await until(
      async () => (await carol.handlers['muc.occupants']({ accountId: carol.accountId, room })).some((occupant) => occupant.nick === 'Alice at tea'),
      'carol sees alice',
    );
    // The room that does not exist is reported, not created.
    const failure = await until(() => eventsNamed(alice, 'muc.autojoinFailed').find((event) => event.room === missing), 'the failed autojoin');
    expect(failure.error).toMatchObject({ code: 'not-found' });
    expect(await roomState(alice, missing)).toBeUndefined();
    expect((await alice.handlers['muc.rooms']({ accountId: alice.accountId })).map((each) => each.jid)).toEqual([room]);

    // A new device of the account (another profile) joins it too.
    const phone = await signIn(aliceJid);
    await until(async () => (await roomState(phone, room))?.state === 'joined', 'the phone joins');

    // Leaving the room is leaving it for good: its bookmark stays, no longer joined at sign-in, on every client.
    await phone.handlers['muc.leave']({ accountId: phone.accountId, room });
    await until(async () => (await bookmarksOf(alice)).find((b) => b.jid === room && !b.autojoin), 'autojoin off at alice’s other client');
    expect(await until(async () => (await bookmarksOf(phone)).find((b) => b.jid === room && !b.autojoin), 'autojoin off at the phone')).toEqual({
      jid: room,
      nick: 'Alice at tea',
      hasPassword: false,
      autojoin: false,
    });
  });

  it('joins a room that another client saves with autojoin while we are signed in, as the client that saved it does', async () => {
    const [aliceJid = '', carolJid = ''] = await users('alice', 'carol');
    const [laptop, carol] = await Promise.all([signIn(aliceJid), signIn(carolJid)]);
    const desktop = await signIn(aliceJid);
    await until(() => eventsNamed(desktop, 'muc.bookmarks').length > 0, 'the desktop’s fetch');
    const room = roomJid('live');
    await carol.handlers['muc.create']({ accountId: carol.accountId, room, nick: 'Carol', preset: 'public' });
    await laptop.handlers['muc.bookmark']({ accountId: laptop.accountId, room, nick: 'Alice', autojoin: true });
    await until(async () => (await roomState(desktop, room))?.state === 'joined', 'the desktop joins');
    await until(async () => (await roomState(laptop, room))?.state === 'joined', 'the laptop joins');
    // Its own notification and its save made one join, not two, and no failure was reported.
    expect(eventsNamed(laptop, 'muc.room').filter((event) => event.room.jid === room && event.room.state === 'joining')).toHaveLength(1);
    expect(eventsNamed(laptop, 'muc.autojoinFailed')).toEqual([]);
    await until(async () => (await carol.handlers['muc.occupants']({ accountId: carol.accountId, room })).some((occupant) => occupant.nick === 'Alice'), 'carol sees alice');
  });
});

describe('PEP native bookmarks from another client (slixmpp)', () => {
  let server: ProsodyServer;
  const harness = createHarness(() => server);
  const peers = createPeers(() => server);
  beforeAll(async () => {
    server = await startProsody();
  });
  afterEach(async () => {
    await peers.cleanup();
    await harness.cleanup();
  });
  afterAll(() => server.dispose());

  it('sees a bookmark that slixmpp, signed in to the same account, publishes, and joins it with its nickname', async () => {
    const [aliceJid = '', carolJid = ''] = await harness.users('alice', 'carol');
    const [alice, carol] = await Promise.all([harness.signIn(aliceJid), harness.signIn(carolJid)]);
    await until(() => eventsNamed(alice, 'muc.bookmarks').length > 0, 'alice’s fetch');
    const room = `interop-${randomUUID().slice(0, 8)}@conference.${server.domain}`;
    await carol.handlers['muc.create']({ accountId: carol.accountId, room, nick: 'Carol', preset: 'public' });
    const phone = await peers.peer(aliceJid);
    await phone.publishBookmark({ room, name: 'From the phone', nick: 'Alice on the phone', autojoin: true });
    expect(await until(async () => (await bookmarksOf(alice)).find((b) => b.jid === room), 'the bookmark at alice')).toEqual({
      jid: room,
      name: 'From the phone',
      nick: 'Alice on the phone',
      hasPassword: false,
      autojoin: true,
    });
    await until(async () => (await roomState(alice, room))?.nick === 'Alice on the phone' && (await roomState(alice, room))?.state === 'joined', 'alice joins it');
  });
});

describe('private XML storage (XEP-0048 over XEP-0049) on a server without XEP-0402', () => {
  let server: ProsodyServer;
  const harness = createHarness(() => server);
  const peers = createPeers(() => server);
  const { users, signIn } = harness;
  beforeAll(async () => {
    server = await startProsody({ withoutModules: ['bookmarks'] });
  });
  afterEach(async () => {
    await peers.cleanup();
    await harness.cleanup();
  });
  afterAll(() => server.dispose());

  it('saves into storage:bookmarks, keeping rooms saved by another client, and autojoins from it', async () => {
    const [aliceJid = ''] = await users('alice');
    const alice = await signIn(aliceJid);
    const room = `fallback-${randomUUID().slice(0, 8)}@conference.${server.domain}`;
    const other = `other-${randomUUID().slice(0, 8)}@conference.${server.domain}`;
    await alice.handlers['muc.create']({ accountId: alice.accountId, room, nick: 'Alice', preset: 'public' });

    // Another client saved a room meanwhile, as XEP-0048 §3.2 does it.
    const probe = await harness.raw(aliceJid, 'probe');
    await probe.iq(
      xml('iq', { type: 'set' }, xml('query', { xmlns: 'jabber:iq:private' }, xml('storage', { xmlns: 'storage:bookmarks' }, xml('conference', { jid: other, name: 'Other', autojoin: 'false' })))),
    );
    await alice.handlers['muc.bookmark']({ accountId: alice.accountId, room, nick: 'Alice', password: 'sesame', autojoin: true });
    const stored = await probe.iq(xml('iq', { type: 'get' }, xml('query', { xmlns: 'jabber:iq:private' }, xml('storage', { xmlns: 'storage:bookmarks' }))));
    const conferences = stored.getChild('query')?.getChild('storage', 'storage:bookmarks')?.getChildren('conference') ?? [];
    expect(conferences.map((conference) => conference.attrs.jid).sort()).toEqual([other, room].sort());
    const ours = conferences.find((conference) => conference.attrs.jid === room);
    expect(ours?.attrs.autojoin).toBe('true');
    expect(ours?.getChildText('nick')).toBe('Alice');
    expect(ours?.getChildText('password')).toBe('sesame');
    // Nothing went to PEP.
    await expect(probe.iq(xml('iq', { type: 'get' }, xml('pubsub', { xmlns: 'http://jabber.org/protocol/pubsub' }, xml('items', { node: 'urn:xmpp:bookmarks:1' }))))).rejects.toThrow(/item-not-found/);

    const phone = await signIn(aliceJid);
    expect((await until(async () => ((await bookmarksOf(phone)).length === 2 ? bookmarksOf(phone) : undefined), 'the phone’s bookmarks')).map((b) => b.jid).sort()).toEqual([other, room].sort());
    await until(async () => (await roomState(phone, room))?.state === 'joined', 'the phone autojoins from private storage');

    await phone.handlers['muc.unbookmark']({ accountId: phone.accountId, room: other });
    expect((await bookmarksOf(phone)).map((b) => b.jid)).toEqual([room]);
  });

  it('reads what slixmpp’s own XEP-0048 plugin stored, and joins its autojoin room with the password', async () => {
    const [aliceJid = '', carolJid = ''] = await users('alice', 'carol');
    const carol = await signIn(carolJid);
    const room = `legacy-${randomUUID().slice(0, 8)}@conference.${server.domain}`;
    await carol.handlers['muc.create']({ accountId: carol.accountId, room, nick: 'Carol', preset: 'custom' });
    await carol.handlers['muc.configure']({ accountId: carol.accountId, room, answers: { 'muc#roomconfig_roomsecret': ['sesame'], 'muc#roomconfig_passwordprotectedroom': ['1'] } });
    const other = await peers.peer(aliceJid);
    await other.storeLegacyBookmarks([
      { room, name: 'Legacy', nick: 'Alice (legacy)', autojoin: true, password: 'sesame' },
      { room: `quiet@conference.${server.domain}`, name: 'Quiet', nick: 'Alice' },
    ]);
    const alice = await signIn(aliceJid);
    await until(async () => (await roomState(alice, room))?.state === 'joined', 'alice autojoins with the saved password');
    expect((await roomState(alice, room))?.nick).toBe('Alice (legacy)');
    expect((await bookmarksOf(alice)).map((b) => [b.jid, b.name, b.hasPassword, b.autojoin])).toEqual([
      [room, 'Legacy', true, true],
      [`quiet@conference.${server.domain}`, 'Quiet', false, false],
    ]);
  });
});
