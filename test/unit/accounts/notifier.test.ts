import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { EventName, EventPayload } from '../../../shared/ipc/contract.ts';
import type { Message } from '../../../shared/model/message.ts';
import type { Transfer } from '../../../shared/model/transfer.ts';
import {
  COALESCE_MS,
  createNotifier,
  isNotifiable,
  notificationBody,
  NOTIFY_BODY_LENGTH,
  shouldNotify,
  UNREAD_RECOUNT_MS,
} from '../../../electron/core/accounts/notifier.ts';
import { createAccountStore } from '../../../electron/core/storage/accounts.ts';
import { openDatabase } from '../../../electron/core/storage/database.ts';
import { createMessageStore, type NewMessage } from '../../../electron/core/storage/messages.ts';
import { createRosterStore } from '../../../electron/core/storage/roster.ts';
import type { MessageSource } from '../../../electron/core/xmpp/pipeline/message-context.ts';

let counter = 0;
function message(fields: Partial<NewMessage> = {}): NewMessage {
  counter += 1;
  return { id: `m${counter}`, accountId: 'a1', peer: 'bob@x', kind: 'chat', direction: 'in', body: `hello ${counter}`, timestamp: 1_000 + counter, state: 'received', ...fields };
}

function setUp(names: Record<string, string> = {}, accountOf?: (accountId: string) => string | undefined, stranger?: (accountId: string, peer: string) => boolean) {
  // What Settings says; a test changes it as the user would.
  const policy: { muted: boolean; sound: boolean } = { muted: false, sound: true };
  const db = openDatabase(':memory:');
  createAccountStore(db).insert({ id: 'a1', jid: 'alice@x', resource: 'r', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
  const store = createMessageStore(db);
  // Contacts; anyone else is a stranger whose conversation waits as a message request.
  const roster = createRosterStore(db);
  for (const jid of ['bob@x', 'carol@x', 'dave@x', 'muted@x']) roster.put('a1', { jid, groups: [], subscription: 'both', ask: false, approved: false }, undefined);
  const events: { name: EventName; payload: unknown }[] = [];
  const notifier = createNotifier({
    store,
    emit: (name, payload) => void events.push({ name, payload }),
    nameOf: (_accountId, peer) => names[peer],
    policy: () => policy,
    ...(accountOf === undefined ? {} : { accountOf }),
    ...(stranger === undefined ? {} : { stranger }),
  });
  const offers = () => events.filter((event) => event.name === 'transfer.offered').map((event) => event.payload as EventPayload<'transfer.offered'>);
  const notified = () => events.filter((event) => event.name === 'chat.notify').map((event) => event.payload as EventPayload<'chat.notify'>);
  const totals = () => events.filter((event) => event.name === 'chat.unreadTotal').map((event) => (event.payload as EventPayload<'chat.unreadTotal'>).count);
  /** As the chat pipeline does: store first, then tell the notifier. */
  const receive = (fields: Partial<NewMessage> = {}, source: MessageSource = 'live'): Message => {
    const result = store.insert(message(fields));
    notifier.newMessage(result.message, source);
    return result.message;
  };
  return { store, notifier, notified, totals, receive, policy, offers };
}

beforeEach(() => {
  vi.useFakeTimers();
});
afterEach(() => {
  vi.useRealTimers();
});

describe('which messages may be notified', () => {
  it('only incoming, live or carbon, not retracted, with some text', () => {
    expect(isNotifiable(message(), 'live')).toBe(true);
    expect(isNotifiable(message(), 'carbon')).toBe(true);
    expect(isNotifiable(message(), 'archive')).toBe(false);
    expect(isNotifiable(message({ direction: 'out', state: 'sent' }), 'carbon')).toBe(false);
    expect(isNotifiable(message({ retracted: true, body: '' }), 'live')).toBe(false);
    expect(isNotifiable(message({ body: '  \n ' }), 'live')).toBe(false);
  });

  it('never for a muted or read conversation, nor the one the user looks at', () => {
    const incoming = message();
    const none = { muted: false, request: false, read: false, visible: undefined };
    expect(shouldNotify(incoming, none)).toBe(true);
    expect(shouldNotify(incoming, { ...none, muted: true })).toBe(false);
    expect(shouldNotify(incoming, { ...none, read: true })).toBe(false);
    expect(shouldNotify(incoming, { ...none, request: true })).toBe(false);
    expect(shouldNotify(incoming, { ...none, visible: { accountId: 'a1', peer: 'bob@x' } })).toBe(false);
    expect(shouldNotify(incoming, { ...none, visible: { accountId: 'a1', peer: 'carol@x' } })).toBe(true);
    expect(shouldNotify(incoming, { ...none, visible: { accountId: 'a2', peer: 'bob@x' } })).toBe(true);
  });

  it('shows the body as one line of plain text, cut near 200 characters', () => {
    expect(notificationBody('  <b>hi</b>\n\nthere  ')).toBe('<b>hi</b> there');
    const long = notificationBody('é'.repeat(500));
    expect([...long]).toHaveLength(NOTIFY_BODY_LENGTH);
    expect(long.endsWith('…')).toBe(true);
    // An emoji is never cut in half.
    expect(notificationBody('😀'.repeat(300)).replace('…', '')).toMatch(/^(😀)+$/u);
  });
});

describe('the notifier', () => {
  it('notifies a new message with the roster name as title, else the address', () => {
    const { receive, notified } = setUp({ 'bob@x': 'Bob' });
    const first = receive({ body: 'hi <script>' });
    receive({ peer: 'carol@x', body: 'yo' });
    expect(notified()).toEqual([
      { accountId: 'a1', peer: 'bob@x', messageId: first.id, title: 'Bob', body: 'hi <script>', sound: true },
      expect.objectContaining({ peer: 'carol@x', title: 'carol@x', body: 'yo' }),
    ]);
  });

  it('says which account the message came to when there are several', () => {
    const { receive, notified } = setUp({ 'bob@x': 'Bob' }, () => 'alice@x');
    receive({ body: 'which one?' });
    expect(notified()).toEqual([expect.objectContaining({ title: 'Bob → alice@x', body: 'which one?' })]);
  });

  it('stays quiet for archive catch-up, muted conversations, the visible conversation and messages read elsewhere', () => {
    const { store, notifier, receive, notified } = setUp();
    receive({}, 'archive');
    store.setMuted('a1', 'muted@x', true);
    receive({ peer: 'muted@x' });
    notifier.setVisible({ accountId: 'a1', peer: 'bob@x' });
    receive();
    // Read on another device: the pipeline stored it read.
    receive({ peer: 'carol@x', read: true });
    expect(notified()).toEqual([]);

    notifier.setVisible(undefined);
    receive({ body: 'now hidden' });
    expect(notified().map((event) => event.body)).toEqual(['now hidden']);
  });

  it('says whether a sound goes with it, and sends none while everything is muted, counting unread all the same', () => {
    const { notifier, receive, notified, totals, policy } = setUp();
    policy.sound = false;
    receive({ body: 'silent' });
    expect(notified().map((event) => [event.body, event.sound])).toEqual([['silent', false]]);

    policy.muted = true;
    receive({ peer: 'carol@x', body: 'muted' });
    vi.advanceTimersByTime(COALESCE_MS);
    receive({ body: 'muted too' });
    vi.advanceTimersByTime(COALESCE_MS);
    expect(notified().map((event) => event.body)).toEqual(['silent']);
    notifier.unreadMayHaveChanged();
    vi.advanceTimersByTime(UNREAD_RECOUNT_MS);
    expect(totals()).toEqual([3]);

    policy.muted = false;
    policy.sound = true;
    receive({ peer: 'carol@x', body: 'back' });
    expect(notified().map((event) => [event.body, event.sound])).toEqual([['silent', false], ['back', true]]);
  });

  it('coalesces a burst per conversation: the first at once, the last after the quiet time', () => {
    const { receive, notified } = setUp();
    receive({ body: 'one' });
    receive({ body: 'two' });
    receive({ body: 'three' });
    receive({ peer: 'carol@x', body: 'other' });
    expect(notified().map((event) => event.body)).toEqual(['one', 'other']);
    vi.advanceTimersByTime(COALESCE_MS);
    expect(notified().map((event) => event.body)).toEqual(['one', 'other', 'three']);
    // The last one started another quiet time; after it, the next message shows at once.
    vi.advanceTimersByTime(COALESCE_MS);
    receive({ body: 'four' });
    expect(notified().map((event) => event.body)).toEqual(['one', 'other', 'three', 'four']);
  });

  it('drops a held message that was read, retracted, or whose conversation was opened meanwhile', () => {
    const { store, notifier, receive, notified } = setUp();
    receive({ body: 'one' });
    receive({ body: 'read elsewhere' });
    store.markRead('a1', 'bob@x');
    receive({ peer: 'carol@x', body: 'c1' });
    const retracted = receive({ peer: 'carol@x', body: 'c2' });
    store.retract(retracted.id);
    receive({ peer: 'dave@x', body: 'd1' });
    receive({ peer: 'dave@x', body: 'd2' });
    notifier.setVisible({ accountId: 'a1', peer: 'dave@x' });
    vi.advanceTimersByTime(COALESCE_MS);
    expect(notified().map((event) => event.body)).toEqual(['one', 'c1', 'd1']);
  });

  it('sends the unread total when it changes, once per burst, muted conversations left out', () => {
    const { store, notifier, receive, totals } = setUp();
    receive();
    receive();
    receive({ peer: 'carol@x' });
    notifier.unreadMayHaveChanged();
    notifier.unreadMayHaveChanged();
    vi.advanceTimersByTime(UNREAD_RECOUNT_MS);
    expect(totals()).toEqual([3]);

    notifier.unreadMayHaveChanged();
    vi.advanceTimersByTime(UNREAD_RECOUNT_MS);
    expect(totals()).toEqual([3]);

    store.setMuted('a1', 'carol@x', true);
    notifier.unreadMayHaveChanged();
    vi.advanceTimersByTime(UNREAD_RECOUNT_MS);
    store.markRead('a1', 'bob@x');
    notifier.unreadMayHaveChanged();
    vi.advanceTimersByTime(UNREAD_RECOUNT_MS);
    expect(totals()).toEqual([3, 2, 0]);
  });

  it('keeps a stranger’s message request quiet and out of the unread total until it is accepted', () => {
    const { store, notifier, receive, notified, totals } = setUp();
    receive({ peer: 'spam@elsewhere', body: 'buy now' });
    receive({ peer: 'bob@x', body: 'hi' });
    notifier.unreadMayHaveChanged();
    vi.advanceTimersByTime(COALESCE_MS);
    expect(notified().map((event) => event.peer)).toEqual(['bob@x']);
    expect(totals()).toEqual([1]);

    store.accept('a1', 'spam@elsewhere');
    notifier.unreadMayHaveChanged();
    vi.advanceTimersByTime(UNREAD_RECOUNT_MS);
    receive({ peer: 'spam@elsewhere', body: 'now you know me' });
    expect(totals()).toEqual([1, 2]);
    expect(notified().map((event) => event.body)).toEqual(['hi', 'now you know me']);
  });

  it('notifies a room’s messages as its setting says — mentions by default, all, none — and counts them the same way', () => {
    const { store, notifier, receive, notified, totals } = setUp();
    const room = 'tea@muc.x';
    // Joining a room accepts it: it is never a message request.
    store.accept('a1', room);
    const inRoom = (body: string, mention = false) => receive({ peer: room, kind: 'groupchat', sender: { nick: 'bob' }, body, ...(mention ? { mention: true } : {}) });
    inRoom('chatter');
    inRoom('alice, look', true);
    notifier.unreadMayHaveChanged();
    vi.advanceTimersByTime(COALESCE_MS);
    expect(notified().map((event) => event.body)).toEqual(['bob: alice, look']);
    expect(totals()).toEqual([1]);

    store.setNotify('a1', room, 'all');
    notifier.unreadMayHaveChanged();
    vi.advanceTimersByTime(COALESCE_MS);
    inRoom('more chatter');
    expect(totals()).toEqual([1, 2]);
    expect(notified().map((event) => event.body)).toEqual(['bob: alice, look', 'bob: more chatter']);

    store.setNotify('a1', room, 'none');
    notifier.unreadMayHaveChanged();
    vi.advanceTimersByTime(COALESCE_MS);
    inRoom('alice again', true);
    notifier.unreadMayHaveChanged();
    vi.advanceTimersByTime(COALESCE_MS);
    expect(notified()).toHaveLength(2);
    expect(totals()).toEqual([1, 2, 0]);
    // The conversation still says how many are unread, and how many name us.
    expect(store.conversation('a1', room)).toMatchObject({ room: true, unread: 4, mentions: 2, notify: 'none' });
  });

  it('stops its timers when disposed', () => {
    const { notifier, receive, notified, totals } = setUp();
    receive({ body: 'one' });
    receive({ body: 'two' });
    notifier.unreadMayHaveChanged();
    notifier.dispose();
    vi.advanceTimersByTime(COALESCE_MS * 2);
    expect(notified().map((event) => event.body)).toEqual(['one']);
    expect(totals()).toEqual([]);
  });
});

describe('invitations', () => {
  const invitation = { room: 'tea@rooms.x', from: 'bob@x', kind: 'direct' as const, fromContact: true, receivedAt: 1 };

  it('tells the host of a contact’s invitation with the sound setting; a stranger’s waits quietly; nothing while muted', () => {
    const emitted: { name: EventName; payload: unknown }[] = [];
    const policy = { muted: false, sound: false };
    const notifier = createNotifier({ store: setUp().store, emit: (name, payload) => void emitted.push({ name, payload }), nameOf: () => undefined, policy: () => policy });
    notifier.newInvitation('a1', invitation);
    notifier.newInvitation('a1', { ...invitation, room: 'spam@rooms.x', from: 'stranger@y', fromContact: false });
    policy.muted = true;
    notifier.newInvitation('a1', { ...invitation, room: 'later@rooms.x' });
    expect(emitted).toEqual([{ name: 'muc.invited', payload: { accountId: 'a1', invitation, sound: false } }]);
  });
});

describe('file offers', () => {
  const offer = (peer: string, name = 'report.pdf'): Transfer => ({ id: `t-${name}`, accountId: 'a1', peer, direction: 'in', method: 'proxy', name, size: 2_100_000, done: 0, state: 'pending', startedAt: 1 });

  it('are announced with the sender’s name, the file and its size, and the sound the settings want', () => {
    const { notifier, offers, policy } = setUp({ 'bob@x': 'Bob' }, () => 'alice@x');
    notifier.newOffer(offer('bob@x'));
    policy.sound = false;
    notifier.newOffer(offer('carol@x', 'b.zip'));
    expect(offers()).toEqual([
      { accountId: 'a1', peer: 'bob@x', transferId: 't-report.pdf', title: 'Bob → alice@x', name: 'Bob', file: 'report.pdf', size: 2_100_000, sound: true },
      { accountId: 'a1', peer: 'carol@x', transferId: 't-b.zip', title: 'carol@x → alice@x', name: 'carol@x', file: 'b.zip', size: 2_100_000, sound: false },
    ]);
  });

  it('are not while everything or the conversation is muted, nor on screen, nor from a stranger held as a request', () => {
    const { notifier, offers, policy, store } = setUp({}, undefined, (_accountId, peer) => peer === 'stranger@y');
    policy.muted = true;
    notifier.newOffer(offer('bob@x', 'all-muted'));
    policy.muted = false;
    store.setMuted('a1', 'muted@x', true);
    notifier.newOffer(offer('muted@x', 'muted'));
    notifier.setVisible({ accountId: 'a1', peer: 'carol@x' });
    notifier.newOffer(offer('carol@x', 'on-screen'));
    notifier.newOffer(offer('stranger@y', 'stranger'));
    notifier.newOffer(offer('dave@x', 'shown'));
    expect(offers().map((each) => each.file)).toEqual(['shown']);
  });
});
