// Unit tests of the outbox state machine: pending → sent on the XEP-0198 ack (or on write), resending after a fresh session, retry.
import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import type { Message } from '../../../../shared/model/message.ts';
import { silentLogger } from '../../../../electron/core/log/logger.ts';
import { createAccountStore } from '../../../../electron/core/storage/accounts.ts';
import { openDatabase } from '../../../../electron/core/storage/database.ts';
import { createMessageStore } from '../../../../electron/core/storage/messages.ts';
import { NS_SID } from '../../../../electron/core/xmpp/chat/chat-stanzas.ts';
import { createOutbox } from '../../../../electron/core/xmpp/chat/outbox.ts';
import { stanzaOf, storeOutgoing } from '../../../../electron/core/xmpp/chat/outgoing.ts';
import { fakeConnection } from '../fake-connection.ts';

const own = 'bob@x';
const never = () => new Promise<void>(() => undefined);

function setUp(db = openDatabase(':memory:')) {
  if (createAccountStore(db).list().length === 0) {
    createAccountStore(db).insert({ id: 'a1', jid: own, resource: 'desk', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
  }
  const store = createMessageStore(db);
  const fake = fakeConnection();
  const changed: Message[] = [];
  const outbox = createOutbox({
    accountId: 'a1',
    connection: fake.connection,
    store,
    logger: silentLogger,
    changed: (message) => changed.push(message),
    stanzaOf: (message) => stanzaOf(store, own, message),
  });
  let clock = 0;
  /** Stores a message to alice as pending and hands it to the outbox, as chat.send does. */
  const send = (body: string) => {
    const message = storeOutgoing(store, { accountId: 'a1', ownJid: own, peer: 'alice@x', body, now: (clock += 10) });
    outbox.send(message, stanzaOf(store, own, message));
    return message;
  };
  const state = (message: Message) => store.get(message.id)?.state;
  /** The ids of what was handed to the connection from the given position on. */
  const sentIds = (from = 0) => fake.sent.slice(from).map((stanza) => stanza.attrs.id as string);
  return { ...fake, db, store, outbox, changed, send, state, sentIds };
}

describe('the outbox with stream management (XEP-0198)', () => {
  it('keeps a message pending until the ack of its own stanza, ignoring acks of other stanzas', async () => {
    const { send, ack, state, settle, setAcknowledging, connection, changed } = setUp();
    setAcknowledging(true);
    const first = send('one');
    const second = send('two');
    await settle();
    expect([state(first), state(second)]).toEqual(['pending', 'pending']);
    await ack(second.id);
    expect([state(first), state(second)]).toEqual(['pending', 'sent']);
    // An acknowledged iq that happens to carry the same id says nothing about the message.
    await connection.send(xml('iq', { type: 'get', id: first.id }));
    await ack(first.id);
    expect(state(first)).toBe('pending');
    expect(changed.map((message) => [message.id, message.state])).toEqual([[second.id, 'sent']]);
  });

  it('does not take a message that was delivered before its ack back to sent', async () => {
    const { send, ack, state, settle, setAcknowledging, store, changed } = setUp();
    setAcknowledging(true);
    const message = send('quick');
    await settle();
    store.delivered('a1', 'alice@x', message.id);
    await ack(message.id);
    expect(state(message)).toBe('delivered');
    expect(changed).toEqual([]);
  });

  it('writes the message with its id as origin-id, the same stanza on every attempt', async () => {
    const { send, sent, settle, setAcknowledging, startSession } = setUp();
    setAcknowledging(true);
    const message = send('hello');
    await settle();
    await startSession(false);
    expect(sent.map((stanza) => [stanza.attrs.id, stanza.getChild('origin-id', NS_SID)?.attrs.id, stanza.getChildText('body')])).toEqual([
      [message.id, message.id, 'hello'],
      [message.id, message.id, 'hello'],
    ]);
  });
});

describe('the outbox without stream management', () => {
  it('marks a message sent once it is written, not before', async () => {
    const { send, state, settle, setWrite } = setUp();
    setWrite(never);
    const waiting = send('queued');
    setWrite(() => Promise.resolve());
    const written = send('written');
    await settle();
    expect([state(waiting), state(written)]).toEqual(['pending', 'sent']);
  });

  it('leaves a message refused by a closed connection pending, and sends it on the next fresh session', async () => {
    const { send, state, settle, setWrite, startSession, sentIds } = setUp();
    setWrite(() => Promise.reject(new Error('closed')));
    const message = send('later');
    await settle();
    expect(state(message)).toBe('pending');
    setWrite(() => Promise.resolve());
    await startSession(false);
    expect(sentIds()).toEqual([message.id, message.id]);
    expect(state(message)).toBe('sent');
  });

  it('fails a message an outgoing step refused for encryption, keeping the reason as a code for the renderer to translate; retry clears it', async () => {
    const { send, store, settle, setWrite, outbox } = setUp();
    setWrite(() => Promise.reject(new CausetteError('encryption-unavailable', 'alice@x has no OMEMO devices you trust: the message was not sent.', undefined, { context: 'noTrusted', jid: 'alice@x' })));
    const message = send('secret');
    await settle();
    expect(store.get(message.id)).toMatchObject({
      state: 'failed',
      error: 'alice@x has no OMEMO devices you trust: the message was not sent.',
      failure: { code: 'encryption-unavailable', params: { context: 'noTrusted', jid: 'alice@x' } },
    });
    setWrite(() => Promise.resolve());
    const retried = outbox.retry(store.get(message.id)!);
    expect(retried?.failure).toBeUndefined();
    expect(retried?.error).toBeUndefined();
  });

  it('writes again, on a resumed session too, a message whose write failed (XEP-0198 §5: the server never had it)', async () => {
    const { send, state, settle, setWrite, setAcknowledging, startSession, sentIds, ack } = setUp();
    setAcknowledging(true);
    setWrite(() => Promise.reject(new Error('closed')));
    const lost = send('lost');
    setWrite(() => Promise.resolve());
    const written = send('written');
    await settle();
    await startSession(true);
    // The written one is the library's to resend on resumption; only the lost one is ours to write again.
    expect(sentIds(2)).toEqual([lost.id]);
    await ack(lost.id);
    expect([state(lost), state(written)]).toEqual(['sent', 'pending']);
  });

  it('sends a message stuck pending again on request, with the same id and origin-id', async () => {
    const { send, settle, setAcknowledging, outbox, sentIds, changed } = setUp();
    setAcknowledging(true);
    const stuck = send('no ack ever came');
    await settle();
    expect(outbox.retry(stuck)).toMatchObject({ id: stuck.id, state: 'pending' });
    await settle();
    expect(sentIds()).toEqual([stuck.id, stuck.id]);
    expect(changed).toEqual([]);
  });

  it('sends a failed message again as it was: pending, then sent, same id and origin-id', async () => {
    const { send, state, settle, store, outbox, sent, changed } = setUp();
    const message = send('retry me');
    await settle();
    // The server bounced it (RFC 6120 §8.3).
    const failed = store.setState(message.id, 'failed', 'The server refused the message.');
    if (!failed) throw new Error('the message is not stored');
    changed.length = 0;
    expect(outbox.retry(failed)).toMatchObject({ id: message.id, state: 'pending' });
    expect(store.get(message.id)?.error).toBeUndefined();
    await settle();
    expect(state(message)).toBe('sent');
    expect(changed.map((each) => each.state)).toEqual(['pending', 'sent']);
    expect(sent.map((stanza) => [stanza.attrs.id, stanza.getChild('origin-id', NS_SID)?.attrs.id])).toEqual([
      [message.id, message.id],
      [message.id, message.id],
    ]);
  });
});

describe('the outbox across sessions', () => {
  it('resends, in order, what a fresh session did not acknowledge; nothing acknowledged, nothing on a resumed session', async () => {
    const { send, ack, settle, setAcknowledging, startSession, sentIds } = setUp();
    setAcknowledging(true);
    const [one, two, three] = [send('one'), send('two'), send('three')];
    await settle();
    await ack(two.id);
    await startSession(true);
    expect(sentIds(3)).toEqual([]);
    await startSession(false);
    expect(sentIds(3)).toEqual([one.id, three.id]);
  });

  it('does not resend what is still queued in the connection', async () => {
    const { send, settle, setWrite, setAcknowledging, startSession, sentIds, state } = setUp();
    setAcknowledging(true);
    const written = send('written');
    await settle();
    setWrite(never);
    const queued = send('queued');
    await settle();
    await startSession(false);
    expect(sentIds(2)).toEqual([written.id]);
    expect(state(queued)).toBe('pending');
  });

  it('resends a stanza about a message (a marker) after the stored messages, and forgets it once acknowledged', async () => {
    const { send, outbox, ack, settle, setAcknowledging, startSession, sentIds } = setUp();
    setAcknowledging(true);
    const message = send('hello');
    outbox.sendReference({ kind: 'displayed', args: { to: 'alice@x', id: 'd1', of: 'x1' } });
    await settle();
    await startSession(false);
    expect(sentIds(2)).toEqual([message.id, 'd1']);
    await ack('d1');
    await ack(message.id);
    await startSession(false);
    expect(sentIds(4)).toEqual([]);
  });

  it('sends, on the first fresh session after a restart, what the last run left pending, once', async () => {
    const first = setUp();
    first.setWrite(never);
    const left = first.send('from before the crash');
    first.outbox.dispose();
    const next = setUp(first.db);
    await next.startSession(false);
    expect(next.sentIds()).toEqual([left.id]);
    expect(next.state(left)).toBe('sent');
    await next.startSession(false);
    expect(next.sentIds()).toEqual([left.id]);
  });

  it('keeps a correction across a restart until the server acknowledges it, then forgets it', async () => {
    const first = setUp();
    first.setWrite(never);
    first.outbox.sendReference({ kind: 'correction', args: { to: 'alice@x', id: 'c1', body: 'fixed', replaces: 'm1' } });
    first.outbox.dispose();
    const next = setUp(first.db);
    next.setAcknowledging(true);
    await next.startSession(false);
    expect(next.sentIds()).toEqual(['c1']);
    expect(String(next.sent[0])).toContain('<replace xmlns="urn:xmpp:message-correct:0" id="m1"/>');
    await next.ack('c1');
    expect(next.store.references('a1')).toEqual([]);
    await next.startSession(false);
    expect(next.sentIds()).toEqual(['c1']);
  });

  it('stops listening once disposed', async () => {
    const { send, outbox, ack, settle, setAcknowledging, startSession, sentIds, state } = setUp();
    setAcknowledging(true);
    const message = send('hello');
    await settle();
    outbox.dispose();
    await ack(message.id);
    await startSession(false);
    expect(state(message)).toBe('pending');
    expect(sentIds(1)).toEqual([]);
  });
});
