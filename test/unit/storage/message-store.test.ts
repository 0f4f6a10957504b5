// Unit tests of the message store: XEP-0359 merge rules, history pages, delivery states, edits, conversations, the v4 → v6 migration.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createAccountStore } from '../../../electron/core/storage/accounts.ts';
import { openDatabase, schemaVersion } from '../../../electron/core/storage/database.ts';
import { createMessageStore, type NewMessage } from '../../../electron/core/storage/messages.ts';
import { migrations } from '../../../electron/core/storage/migrations.ts';
import { createRosterStore } from '../../../electron/core/storage/roster.ts';

const account = { id: 'a1', jid: 'alice@example.com', resource: 'r', host: undefined, port: undefined, tls: 'auto' as const, passwordSaved: false, enabled: true };

/** Contacts of the account; anyone else is a stranger whose conversation is held as a message request. */
const contacts = ['bob@x', 'carol@x', 'dave@x', 'erin@x'];

function setUp(options: { holdRequests?: () => boolean } = {}) {
  const db = openDatabase(':memory:');
  const accounts = createAccountStore(db);
  accounts.insert(account);
  const roster = createRosterStore(db);
  for (const jid of contacts) roster.put('a1', { jid, groups: [], subscription: 'both', ask: false, approved: false }, undefined);
  return { db, accounts, roster, store: createMessageStore(db, options) };
}

let counter = 0;
/** An incoming message from bob, one millisecond after the last one made. */
function message(fields: Partial<NewMessage> = {}): NewMessage {
  counter += 1;
  return { id: `m${counter}`, accountId: 'a1', peer: 'bob@x', kind: 'chat', direction: 'in', body: 'hi', timestamp: counter, state: 'received', ...fields };
}
const outgoing = (fields: Partial<NewMessage> = {}) => {
  const made = message({ direction: 'out', state: 'pending', ...fields });
  return { remoteId: made.id, originId: made.id, ...made };
};

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

describe('the message store merges copies of one message (XEP-0359)', () => {
  it('keeps a message repeated with the same stanza-id once, per peer', () => {
    const { store } = setUp();
    const first = store.insert(message({ stanzaId: 's1' }));
    expect(first.kind).toBe('inserted');
    expect(store.insert(message({ stanzaId: 's1' }))).toEqual({ kind: 'duplicate', message: first.message });
    expect(store.insert(message({ stanzaId: 's1', peer: 'carol@x' })).kind).toBe('inserted');
  });

  it('merges by origin-id only within one direction', () => {
    const { store } = setUp();
    expect(store.insert(message({ originId: 'o1' })).kind).toBe('inserted');
    expect(store.insert(message({ originId: 'o1' })).kind).toBe('duplicate');
    expect(store.insert(message({ originId: 'o1', direction: 'out', state: 'sent' })).kind).toBe('inserted');
  });

  it('fills a missing stanza-id from a later copy with the same origin-id', () => {
    const { store } = setUp();
    const live = store.insert(message({ originId: 'o1' })).message;
    const archived = store.insert(message({ originId: 'o1', stanzaId: 's9' }));
    expect(archived).toEqual({ kind: 'merged', message: { ...live, stanzaId: 's9' } });
    expect(store.insert(message({ stanzaId: 's9' })).kind).toBe('duplicate');
  });

  it('merges a copy without XEP-0359 ids by the same sender id and the same text only', () => {
    const { store } = setUp();
    expect(store.insert(message({ remoteId: 'x1', body: 'same' })).kind).toBe('inserted');
    expect(store.insert(message({ remoteId: 'x1', body: 'same' })).kind).toBe('duplicate');
    expect(store.insert(message({ remoteId: 'x1', body: 'other text' })).kind).toBe('inserted');
    // Without any id nothing tells two messages apart: both are kept.
    expect(store.insert(message({ body: 'no id' })).kind).toBe('inserted');
    expect(store.insert(message({ body: 'no id' })).kind).toBe('inserted');
    expect(store.page('a1', 'bob@x', {}, 50).messages).toHaveLength(4);
  });

  it('keeps two messages with the same sender id and text that our server archived under different ids', () => {
    const { store } = setUp();
    // Some clients number their messages per run: "ok" with id 1 twice is two messages, and the archive says so.
    expect(store.insert(message({ remoteId: '1', body: 'ok', stanzaId: 's1' })).kind).toBe('inserted');
    expect(store.insert(message({ remoteId: '1', body: 'ok', stanzaId: 's2' })).kind).toBe('inserted');
    expect(store.insert(message({ remoteId: '1', body: 'ok' })).kind).toBe('duplicate');
    expect(store.page('a1', 'bob@x', {}, 50).messages.map((each) => each.stanzaId)).toEqual(['s1', 's2']);
  });

  it('in a room, merges a copy without the room’s stanza-id by occupant-id, text and second (XEP-0421), and orders it as the archive does', () => {
    const { store } = setUp();
    const inRoom = (fields: Partial<NewMessage>) => message({ peer: 'room@muc.x', kind: 'groupchat', sender: { nick: 'bob', occupantId: 'occ-b' }, ...fields });
    // The room's replayed history, dated to the second, without a stanza-id; then the archive's copy of it.
    const replayed = store.insert(inRoom({ body: 'hello', timestamp: 7_000 })).message;
    const archived = store.insert(inRoom({ body: 'hello', timestamp: 7_003, stanzaId: 'r-1', archive: 'room@muc.x' }));
    expect(archived).toMatchObject({ kind: 'merged', message: { id: replayed.id, stanzaId: 'r-1', timestamp: 7_003, archive: 'room@muc.x' } });
    expect(store.insert(inRoom({ body: 'hello', timestamp: 7_003, stanzaId: 'r-1' })).kind).toBe('duplicate');
    // Another second, another text or another occupant: another message; so are two copies the room numbered apart.
    expect(store.insert(inRoom({ body: 'hello', timestamp: 8_000 })).kind).toBe('inserted');
    expect(store.insert(inRoom({ body: 'hello again', timestamp: 7_000 })).kind).toBe('inserted');
    expect(store.insert(inRoom({ body: 'hello', timestamp: 7_000, sender: { nick: 'bob', occupantId: 'occ-c' } })).kind).toBe('inserted');
    expect(store.insert(inRoom({ body: 'hello', timestamp: 7_000, stanzaId: 'r-2' })).kind).toBe('inserted');
    // One-to-one messages never merge this way.
    expect(store.insert(message({ body: 'hello', timestamp: 7_000, sender: { nick: 'bob', occupantId: 'occ-b' } })).kind).toBe('inserted');
  });

  it('turns our pending message sent when a copy of it comes back, but not from another pending copy, and never a failed one', () => {
    const { store } = setUp();
    const pending = outgoing();
    store.insert(pending);
    expect(store.insert({ ...pending, id: 'copy-0' }).kind).toBe('duplicate');
    const merged = store.insert({ ...pending, id: 'copy-1', state: 'sent', stanzaId: 's1' });
    expect(merged).toMatchObject({ kind: 'merged', message: { id: pending.id, state: 'sent', stanzaId: 's1' } });
    const failed = outgoing();
    store.insert(failed);
    store.setState(failed.id, 'failed', 'gone');
    // The archive keeps our message even when the server then bounced it: failed stays failed.
    expect(store.insert({ ...failed, id: 'copy-2', state: 'sent' }).message).toMatchObject({ id: failed.id, state: 'failed', error: 'gone' });
    expect(store.pending('a1')).toEqual([]);
  });
});

describe('history pages', () => {
  /** Ten messages b0…b9; b4, b5 and b6 share one timestamp and keep their insertion order. */
  function tenMessages() {
    const { store } = setUp();
    const times = [10, 20, 30, 40, 50, 50, 50, 80, 90, 100];
    const ids = times.map((timestamp, n) => store.insert(message({ id: `p${n}`, body: `b${n}`, timestamp })).message.id);
    return { store, ids };
  }
  const bodies = (page: { messages: { body: string }[] }) => page.messages.map((each) => each.body);

  it('answers the newest page, oldest first, with hasOlder true only when more is stored', () => {
    const { store } = tenMessages();
    const newest = store.page('a1', 'bob@x', {}, 3);
    expect(bodies(newest)).toEqual(['b7', 'b8', 'b9']);
    expect(newest).toMatchObject({ hasOlder: true, hasNewer: false });
    expect(store.page('a1', 'bob@x', {}, 10)).toMatchObject({ hasOlder: false, hasNewer: false });
    expect(store.page('a1', 'bob@x', {}, 9).hasOlder).toBe(true);
  });

  it('pages before and after a message, through messages with equal timestamps, in insertion order', () => {
    const { store, ids } = tenMessages();
    expect(bodies(store.page('a1', 'bob@x', { before: ids[6] }, 3))).toEqual(['b3', 'b4', 'b5']);
    expect(bodies(store.page('a1', 'bob@x', { before: ids[5] }, 2))).toEqual(['b3', 'b4']);
    expect(bodies(store.page('a1', 'bob@x', { after: ids[4] }, 3))).toEqual(['b5', 'b6', 'b7']);
    expect(bodies(store.page('a1', 'bob@x', { after: ids[5] }, 1))).toEqual(['b6']);
  });

  it('says whether more exists right at the edges', () => {
    const { store, ids } = tenMessages();
    expect(store.page('a1', 'bob@x', { before: ids[3] }, 3)).toMatchObject({ hasOlder: false, hasNewer: true });
    expect(store.page('a1', 'bob@x', { before: ids[4] }, 3)).toMatchObject({ hasOlder: true, hasNewer: true });
    expect(store.page('a1', 'bob@x', { before: ids[0] }, 3)).toEqual({ messages: [], hasOlder: false, hasNewer: true });
    expect(store.page('a1', 'bob@x', { after: ids[6] }, 3)).toMatchObject({ hasOlder: true, hasNewer: false });
    expect(store.page('a1', 'bob@x', { after: ids[5] }, 3)).toMatchObject({ hasOlder: true, hasNewer: true });
  });

  it('centres a page around a message, and knows when it reaches either end', () => {
    const { store, ids } = tenMessages();
    const around = store.page('a1', 'bob@x', { around: ids[5] }, 5);
    expect(bodies(around)).toEqual(['b3', 'b4', 'b5', 'b6', 'b7']);
    expect(around).toMatchObject({ hasOlder: true, hasNewer: true });
    expect(store.page('a1', 'bob@x', { around: ids[2] }, 5)).toMatchObject({ hasOlder: false, hasNewer: true });
    expect(store.page('a1', 'bob@x', { around: ids[7] }, 5)).toMatchObject({ hasOlder: true, hasNewer: false });
  });

  it('answers exactly the message itself around it with a limit of one', () => {
    const { store, ids } = tenMessages();
    const page = store.page('a1', 'bob@x', { around: ids[9] }, 1);
    expect(bodies(page)).toEqual(['b9']);
    expect(page).toMatchObject({ hasOlder: true, hasNewer: false });
  });

  it('answers an empty page for a message of another conversation or an unknown one', () => {
    const { store, ids } = tenMessages();
    expect(store.page('a1', 'carol@x', { before: ids[5] }, 3)).toEqual({ messages: [], hasOlder: false, hasNewer: false });
    expect(store.page('a1', 'bob@x', { around: 'nope' }, 3)).toEqual({ messages: [], hasOlder: false, hasNewer: false });
  });
});

describe('delivery states', () => {
  it('marks our message delivered by its id (XEP-0184), and never downgrades a read one', () => {
    const { store } = setUp();
    const sent = outgoing({ state: 'sent' });
    store.insert(sent);
    expect(store.delivered('a1', 'bob@x', sent.id).map((each) => each.state)).toEqual(['delivered']);
    expect(store.delivered('a1', 'bob@x', sent.id)).toEqual([]);
    expect(store.displayed('a1', 'bob@x', sent.id).map((each) => each.state)).toEqual(['read']);
    expect(store.delivered('a1', 'bob@x', sent.id)).toEqual([]);
    expect(store.get(sent.id)?.state).toBe('read');
  });

  it('marks every earlier outgoing message read when one is displayed (XEP-0333 §4), not later ones nor theirs', () => {
    const { store } = setUp();
    const first = outgoing({ state: 'sent' });
    const second = outgoing({ state: 'delivered' });
    const theirs = message();
    const target = outgoing({ state: 'sent' });
    const later = outgoing({ state: 'sent' });
    for (const each of [first, second, theirs, target, later]) store.insert(each);
    expect(store.displayed('a1', 'bob@x', target.id).map((each) => each.id)).toEqual([first.id, second.id, target.id]);
    expect(store.get(later.id)?.state).toBe('sent');
    expect(store.get(theirs.id)?.state).toBe('received');
    expect(store.displayed('a1', 'bob@x', 'unknown')).toEqual([]);
  });
});

describe('delivery states of messages that did not go out', () => {
  it('a failed message stays failed under a later receipt or marker, until it is sent again', () => {
    const { store } = setUp();
    const failed = outgoing({ state: 'failed', error: 'blocked' });
    const stuck = outgoing({ state: 'pending' });
    const seen = outgoing({ state: 'sent' });
    for (const each of [failed, stuck, seen]) store.insert(each);
    expect(store.delivered('a1', 'bob@x', failed.id)).toEqual([]);
    expect(store.displayed('a1', 'bob@x', seen.id).map((each) => each.id)).toEqual([seen.id]);
    expect(store.get(failed.id)).toMatchObject({ state: 'failed', error: 'blocked' });
    // A pending message earlier than the one displayed may never have left; a receipt for it says it did.
    expect(store.get(stuck.id)?.state).toBe('pending');
    expect(store.delivered('a1', 'bob@x', stuck.id).map((each) => each.state)).toEqual(['delivered']);
  });

  it('the message a marker names is read even before the server acknowledged it', () => {
    const { store } = setUp();
    const racing = outgoing({ state: 'pending' });
    store.insert(racing);
    expect(store.displayed('a1', 'bob@x', racing.id).map((each) => each.state)).toEqual(['read']);
  });
});

describe('corrections, retractions and reactions', () => {
  it('replaces the text of a correction, but not of a retracted message', () => {
    const { store } = setUp();
    const original = store.insert(message({ body: 'helo' })).message;
    expect(store.correct(original.id, 'hello', 500)).toMatchObject({ body: 'hello', correctedAt: 500 });
    expect(store.retract(original.id)).toMatchObject({ body: '', retracted: true });
    expect(store.correct(original.id, 'back', 600)).toMatchObject({ body: '', retracted: true, correctedAt: 500 });
  });

  it('removes a room message by its stanza-id for a moderator (XEP-0425), and merges a tombstone into the message held', () => {
    const { store } = setUp();
    const room = { peer: 'tea@c.x', kind: 'groupchat' as const, sender: { nick: 'carol' } };
    const said = store.insert(message({ ...room, body: 'spam', stanzaId: 'sid-1' })).message;
    expect(store.moderate('a1', 'tea@c.x', 'sid-2', { reason: 'x' })).toBeUndefined();
    expect(store.moderate('a1', 'tea@c.x', 'sid-1', { by: 'tea@c.x/alice', reason: 'no spam' })).toMatchObject({ id: said.id, body: '', retracted: true, moderated: { by: 'tea@c.x/alice', reason: 'no spam' } });
    const other = store.insert(message({ ...room, body: 'more spam', stanzaId: 'sid-3' })).message;
    const merged = store.insert(message({ ...room, body: '', stanzaId: 'sid-3', retracted: true, moderated: { reason: 'again' } }));
    expect(merged).toMatchObject({ kind: 'merged', message: { id: other.id, body: '', retracted: true, moderated: { reason: 'again' } } });
    const fresh = store.insert(message({ ...room, body: '', stanzaId: 'sid-4', retracted: true, moderated: {} })).message;
    expect(store.get(fresh.id)).toMatchObject({ retracted: true, moderated: {} });
  });

  it('keeps how much of a body too long was cut, through a correction and a retraction', () => {
    const { store } = setUp();
    const long = store.insert(message({ body: 'start of a long text', bodyCut: 1_000 })).message;
    expect(store.get(long.id)).toMatchObject({ body: 'start of a long text', bodyCut: 1_000 });
    expect(store.correct(long.id, 'start of another long text', 500, 2_000)).toMatchObject({ bodyCut: 2_000 });
    expect(store.correct(long.id, 'short now', 600)?.bodyCut).toBeUndefined();
    const other = store.insert(message({ body: 'long again', bodyCut: 5 })).message;
    expect(store.retract(other.id)?.bodyCut).toBeUndefined();
  });

  it('groups reactions by emoji with their senders, replaces a sender’s whole set, and an empty set removes it (XEP-0444)', () => {
    const { store } = setUp();
    const target = store.insert(message()).message;
    store.react(target.id, 'alice@example.com', ['👍', '🎉', '👍']);
    expect(store.react(target.id, 'bob@x', ['👍'])?.reactions).toEqual([
      { emoji: '👍', senders: ['alice@example.com', 'bob@x'] },
      { emoji: '🎉', senders: ['alice@example.com'] },
    ]);
    expect(store.react(target.id, 'alice@example.com', ['😂'])?.reactions).toEqual([
      { emoji: '😂', senders: ['alice@example.com'] },
      { emoji: '👍', senders: ['bob@x'] },
    ]);
    store.react(target.id, 'alice@example.com', []);
    expect(store.react(target.id, 'bob@x', [])?.reactions).toBeUndefined();
  });

  it('drops reactions with a retraction and refuses new ones', () => {
    const { store } = setUp();
    const target = store.insert(message()).message;
    store.react(target.id, 'bob@x', ['👍']);
    expect(store.retract(target.id)?.reactions).toBeUndefined();
    expect(store.react(target.id, 'bob@x', ['👍'])).toBeUndefined();
  });

  it('finds a reference by id attribute or origin-id, in a direction, the newest first', () => {
    const { store } = setUp();
    const theirs = store.insert(message({ remoteId: 'r1', originId: 'o1' })).message;
    const ours = store.insert(outgoing({ id: 'r1' })).message;
    expect(store.byRemoteId('a1', 'bob@x', undefined, 'r1')?.id).toBe(ours.id);
    expect(store.byRemoteId('a1', 'bob@x', 'in', 'r1')?.id).toBe(theirs.id);
    expect(store.byRemoteId('a1', 'bob@x', 'in', 'o1')?.id).toBe(theirs.id);
    expect(store.byRemoteId('a1', 'carol@x', undefined, 'r1')).toBeUndefined();
  });

  it('quotes the stored message a reply refers to (XEP-0461)', () => {
    const { store } = setUp();
    const quoted = store.insert(outgoing({ body: 'lunch?' })).message;
    const reply = store.insert(message({ body: 'yes', replyToRemoteId: quoted.id, replyTo: { quote: 'lunch?' } })).message;
    expect(reply.replyTo).toEqual({ messageId: quoted.id, quote: 'lunch?', direction: 'out' });
    const orphan = store.insert(message({ body: 'what?', replyToRemoteId: 'gone', replyTo: { quote: 'old text' } })).message;
    expect(orphan.replyTo).toEqual({ quote: 'old text' });
  });

  it('keeps the quoted message of a reply in every change it goes through', () => {
    const { store } = setUp();
    const quoted = store.insert(message({ body: 'lunch?', remoteId: 'q1' })).message;
    const reply = store.insert(outgoing({ body: 'yes', state: 'sent', replyToRemoteId: 'q1', replyTo: { quote: 'lunch?' } })).message;
    const expected = { messageId: quoted.id, quote: 'lunch?', direction: 'in' };
    expect(store.react(reply.id, 'bob@x', ['👍'])?.replyTo).toEqual(expected);
    expect(store.correct(reply.id, 'yes!', 99)?.replyTo).toEqual(expected);
    expect(store.delivered('a1', 'bob@x', reply.remoteId ?? '')[0]?.replyTo).toEqual(expected);
    expect(store.setState(reply.id, 'read')?.replyTo).toEqual(expected);
  });
});

describe('conversations', () => {
  it('lists conversations most recent first with their preview, unread count, first unread and mute', () => {
    const { store, accounts } = setUp();
    const old = store.insert(message({ peer: 'bob@x', timestamp: 10, body: 'old', markable: true })).message;
    store.insert(message({ peer: 'bob@x', timestamp: 20, body: 'new' }));
    store.insert(outgoing({ peer: 'carol@x', timestamp: 30, body: 'mine' }));
    const gone = store.insert(message({ peer: 'dave@x', timestamp: 5, body: 'oops', read: true })).message;
    store.retract(gone.id);
    store.setMuted('a1', 'bob@x', true);
    expect(store.conversations('a1')).toEqual([
      { peer: 'carol@x', lastMessage: { body: 'mine', timestamp: 30, direction: 'out' }, unread: 0, muted: false },
      { peer: 'bob@x', lastMessage: { body: 'new', timestamp: 20, direction: 'in' }, unread: 2, firstUnreadId: old.id, muted: true },
      { peer: 'dave@x', lastMessage: { body: '', timestamp: 5, direction: 'in', retracted: true }, unread: 0, muted: false },
    ]);
    expect(store.conversation('a1', 'erin@x')).toEqual({ peer: 'erin@x', unread: 0, muted: false });
    store.setMuted('a1', 'erin@x', true);
    expect(store.conversation('a1', 'erin@x').muted).toBe(true);
    accounts.remove('a1');
    expect(store.conversations('a1')).toEqual([]);
  });

  it('marks read up to a time and answers the newest markable message that was unread (XEP-0333)', () => {
    const { store } = setUp();
    const first = store.insert(message({ timestamp: 10, markable: true, remoteId: 'x1' })).message;
    store.insert(message({ timestamp: 20 }));
    const third = store.insert(message({ timestamp: 30, markable: true, remoteId: 'x3' })).message;
    store.insert(message({ timestamp: 40 }));
    expect(store.markRead('a1', 'bob@x', 25)?.id).toBe(first.id);
    expect(store.conversation('a1', 'bob@x')).toMatchObject({ unread: 2, firstUnreadId: third.id });
    expect([store.isRead(first.id), store.isRead(third.id), store.isRead('unknown')]).toEqual([true, false, true]);
    expect(store.markRead('a1', 'bob@x', 25)).toBeUndefined();
    expect(store.markRead('a1', 'bob@x')?.id).toBe(third.id);
    expect(store.conversation('a1', 'bob@x').unread).toBe(0);
    expect(store.markRead('a1', 'bob@x')).toBeUndefined();
  });

  it('counts unread messages over conversations that are not muted', () => {
    const { store } = setUp();
    store.insert(message({ peer: 'bob@x' }));
    store.insert(message({ peer: 'carol@x' }));
    store.insert(message({ peer: 'carol@x' }));
    store.insert(outgoing({ peer: 'carol@x' }));
    expect(store.unreadTotal()).toBe(3);
    store.setMuted('a1', 'carol@x', true);
    expect(store.unreadTotal()).toBe(1);
  });

  it('holds a stranger’s conversation as a message request until accepted, written in, or the stranger becomes a contact', () => {
    const { store, roster } = setUp();
    store.insert(message({ peer: 'spam@evil' }));
    store.insert(message({ peer: 'friend@new' }));
    store.insert(message({ peer: 'writer@new' }));
    store.insert(message({ peer: 'example.com' }));
    store.insert(message({ peer: 'room@muc.x/nick', kind: 'private' }));
    store.insert(message({ peer: 'bob@x' }));
    const requests = () => store.conversations('a1').filter((each) => each.request === true).map((each) => each.peer).sort();
    expect(requests()).toEqual(['friend@new', 'spam@evil', 'writer@new']);
    expect(store.conversation('a1', 'spam@evil').request).toBe(true);
    expect(store.conversation('a1', 'bob@x').request).toBeUndefined();
    // A stranger we have no conversation with is no request: we may be about to write to them.
    const asked = ['spam@evil', 'bob@x', 'example.com', 'unknown@elsewhere'].map((peer) => store.isRequest('a1', peer));
    expect(asked).toEqual([true, false, false, false]);
    // Requests count for nothing in the unread total: bob, the server and the occupant do.
    expect(store.unreadTotal()).toBe(3);

    roster.put('a1', { jid: 'friend@new', groups: [], subscription: 'none', ask: true, approved: false }, undefined);
    store.insert(outgoing({ peer: 'writer@new' }));
    store.accept('a1', 'spam@evil');
    expect(requests()).toEqual([]);
    expect(store.unreadTotal()).toBe(6);
    expect(store.withMessages('a1', ['spam@evil', 'nobody@x', 'bob@x'])).toEqual(['spam@evil', 'bob@x']);
  });

  it('holds nothing when the setting is off, and removes a declined request with its messages', () => {
    let hold = false;
    const { store } = setUp({ holdRequests: () => hold });
    const stranger = store.insert(message({ peer: 'spam@evil', body: 'buy now' })).message;
    expect(store.conversation('a1', 'spam@evil').request).toBeUndefined();
    expect(store.unreadTotal()).toBe(1);
    hold = true;
    expect(store.conversation('a1', 'spam@evil').request).toBe(true);
    expect(store.unreadTotal()).toBe(0);
    store.remove('a1', 'spam@evil');
    expect(store.get(stranger.id)).toBeUndefined();
    // The archive is not asked for what was deleted.
    expect(store.archiveComplete('a1', 'spam@evil')).toBe(true);
    expect(store.conversations('a1')).toEqual([]);
  });

  it('lists pending messages oldest first, and keeps the archive cursor and completeness', () => {
    const { store } = setUp();
    const later = outgoing({ timestamp: 200 });
    const earlier = outgoing({ timestamp: 100, peer: 'carol@x' });
    store.insert(later);
    store.insert(earlier);
    store.insert(outgoing({ timestamp: 50, state: 'sent' }));
    expect(store.pending('a1').map((each) => each.id)).toEqual([earlier.id, later.id]);
    store.retract(later.id);
    expect(store.pending('a1').map((each) => each.id)).toEqual([earlier.id]);
    expect(store.archiveCursor('a1', 'alice@x')).toBeUndefined();
    store.setArchiveCursor('a1', 'alice@x', { id: 'A1', timestamp: 1 });
    store.setArchiveCursor('a1', 'alice@x', { id: 'A2', timestamp: 2 });
    // XEP-0313 §7: each archive (our account's, each room's) has its own cursor.
    store.setArchiveCursor('a1', 'room@conference.x', { id: 'R1', timestamp: 3 });
    expect(store.archiveCursor('a1', 'alice@x')).toEqual({ id: 'A2', timestamp: 2 });
    expect(store.archiveCursor('a1', 'room@conference.x')).toEqual({ id: 'R1', timestamp: 3 });
    expect(store.archiveComplete('a1', 'bob@x')).toBe(false);
    store.setArchiveComplete('a1', 'bob@x');
    expect(store.archiveComplete('a1', 'bob@x')).toBe(true);
  });

  it('keeps a batch all or nothing, and a batch inside a batch is part of it', () => {
    const { store } = setUp();
    const kept = outgoing({ timestamp: 1 });
    expect(store.batch(() => store.batch(() => store.insert(kept).kind))).toBe('inserted');
    const lost = outgoing({ timestamp: 2 });
    expect(() =>
      store.batch(() => {
        store.insert(lost);
        throw new Error('the page could not be applied');
      }),
    ).toThrow('the page could not be applied');
    expect(store.get(lost.id)).toBeUndefined();
    expect(store.get(kept.id)).toMatchObject({ id: kept.id, timestamp: 1 });
    // The store is usable again afterwards.
    expect(store.batch(() => store.insert(outgoing({ timestamp: 3 })).kind)).toBe('inserted');
  });
});

describe('the migration of stored messages', () => {
  it('brings v4 messages to the latest schema: incoming ones received, ours referable by id, all searchable', () => {
    const dir = mkdtempSync(join(tmpdir(), 'causette-messages-'));
    dirs.push(dir);
    const file = join(dir, 'causette.sqlite');
    const v4 = openDatabase(file, migrations.slice(0, 4));
    expect(schemaVersion(v4)).toBe(4);
    createAccountStore(v4).insert(account);
    const row = v4.prepare('INSERT INTO messages (id, account_id, peer, direction, body, ts, state, origin_id, read) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)');
    row.run('in1', 'a1', 'bob@x', 'in', 'bonjour tout le monde', 1, 'sent', 'o-in', 0);
    row.run('out1', 'a1', 'bob@x', 'out', 'hello world', 2, 'sent', 'out1', 1);
    row.run('out2', 'a1', 'bob@x', 'out', 'still waiting', 3, 'pending', 'out2', 1);
    v4.close();

    const db = openDatabase(file);
    expect(schemaVersion(db)).toBe(migrations.at(-1)?.version);
    const store = createMessageStore(db);
    expect(store.get('in1')).toMatchObject({ state: 'received', originId: 'o-in' });
    expect(store.get('in1')?.remoteId).toBeUndefined();
    expect(store.get('out1')).toMatchObject({ state: 'sent', remoteId: 'out1' });
    expect(store.pending('a1').map((each) => each.id)).toEqual(['out2']);
    expect(store.conversation('a1', 'bob@x')).toMatchObject({ unread: 1, firstUnreadId: 'in1' });
    const search = db.prepare('SELECT m.id FROM messages_fts f JOIN messages m ON m.rowid = f.rowid WHERE messages_fts MATCH ? ORDER BY m.ts');
    expect(search.all('world')).toEqual([{ id: 'out1' }]);
    expect(search.all('monde')).toEqual([{ id: 'in1' }]);
    // The triggers keep the index current after the migration.
    store.correct('out1', 'hello planet', 9);
    expect(search.all('world')).toEqual([]);
    expect(search.all('planet')).toEqual([{ id: 'out1' }]);
    db.close();
  });

  it('indexes the room messages stored before v18 by their sender’s nickname too, and keeps it current', () => {
    const dir = mkdtempSync(join(tmpdir(), 'causette-messages-'));
    dirs.push(dir);
    const file = join(dir, 'causette.sqlite');
    const v17 = openDatabase(file, migrations.slice(0, 17));
    createAccountStore(v17).insert(account);
    v17
      .prepare("INSERT INTO messages (id, account_id, peer, direction, body, ts, state, read, kind, sender_nick) VALUES ('r1', 'a1', 'tea@muc.x', 'in', 'the kettle', 1, 'received', 0, 'groupchat', 'Zoé')")
      .run();
    v17.close();

    const db = openDatabase(file);
    const search = db.prepare('SELECT m.id FROM messages_fts f JOIN messages m ON m.rowid = f.rowid WHERE messages_fts MATCH ? ORDER BY m.ts');
    expect(search.all('zoe')).toEqual([{ id: 'r1' }]);
    expect(search.all('kettle')).toEqual([{ id: 'r1' }]);
    createMessageStore(db).retract('r1');
    expect(search.all('kettle')).toEqual([]);
    db.close();
  });

  it('keeps conversations from strangers stored before message requests where the user had them', () => {
    const dir = mkdtempSync(join(tmpdir(), 'causette-messages-'));
    dirs.push(dir);
    const file = join(dir, 'causette.sqlite');
    const v9 = openDatabase(file, migrations.slice(0, 9));
    createAccountStore(v9).insert(account);
    v9.prepare("INSERT INTO messages (id, account_id, peer, direction, body, ts, state, read) VALUES ('old1', 'a1', 'old-stranger@x', 'in', 'hi', 1, 'received', 0)").run();
    v9.close();

    const db = openDatabase(file);
    const store = createMessageStore(db);
    store.insert(message({ peer: 'new-stranger@x' }));
    expect(store.isRequest('a1', 'old-stranger@x')).toBe(false);
    expect(store.isRequest('a1', 'new-stranger@x')).toBe(true);
    db.close();
  });
});

describe('end-to-end encryption in the message store (XEP-0384)', () => {
  it('keeps each conversation’s choice, and which messages were encrypted, by whom, or could not be', () => {
    const { store } = setUp();
    expect(store.encryptionChoice(account.id, 'bob@x')).toBeUndefined();
    store.setEncryptionChoice(account.id, 'bob@x', false);
    store.setMuted(account.id, 'bob@x', true);
    expect(store.encryptionChoice(account.id, 'bob@x')).toBe(false);
    store.setEncryptionChoice(account.id, 'bob@x', true);
    expect([store.encryptionChoice(account.id, 'bob@x'), store.conversation(account.id, 'bob@x').muted]).toEqual([true, true]);

    const ours = store.insert(message({ direction: 'out', state: 'pending', originId: 'o1' })).message;
    expect(store.markEncrypted(ours.id)?.encrypted).toBe(true);
    expect(store.markEncrypted(ours.id)).toBeUndefined();
    const theirs = store.insert(message({ stanzaId: 's1', encrypted: true, senderDevice: 42, undecryptable: true, body: 'Could not decrypt this message (from device 42)' })).message;
    expect(store.get(theirs.id)).toMatchObject({ encrypted: true, senderDevice: 42, undecryptable: true });
  });
});
