// Unit tests of one-to-one chat on a session: sending, corrections, retractions, reactions, chat states, markers, batched deltas.
import xml, { type Element } from '@xmpp/xml';
import { createAccountInfo } from '../../../../electron/core/xmpp/disco/account-info.ts';
import { describe, expect, it, vi } from 'vitest';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import type { ChatState, Conversation, Message } from '../../../../shared/model/message.ts';
import { silentLogger } from '../../../../electron/core/log/logger.ts';
import { createAccountStore } from '../../../../electron/core/storage/accounts.ts';
import { openDatabase } from '../../../../electron/core/storage/database.ts';
import { createMessageStore } from '../../../../electron/core/storage/messages.ts';
import { NS_CARBONS } from '../../../../electron/core/xmpp/carbons/carbons-stanzas.ts';
import { setupChat } from '../../../../electron/core/xmpp/chat/chat.ts';
import {
  NS_CHAT_STATES,
  NS_CORRECT,
  NS_MARKERS,
  NS_REACTIONS,
  NS_RECEIPTS,
  NS_RETRACT,
  NS_SID,
} from '../../../../electron/core/xmpp/chat/chat-stanzas.ts';
import { fakeConnection } from '../fake-connection.ts';

const own = 'bob@x';
const BATCH_WAIT_MS = 80;

/** XEP-0085 §5.6 expiry, short for the tests. */
const composingExpiresMs = 250;

function setUp(mayShareActivity?: (peer: string) => boolean) {
  const db = openDatabase(':memory:');
  createAccountStore(db).insert({ id: 'a1', jid: own, resource: 'desk', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
  const store = createMessageStore(db);
  const fake = fakeConnection();
  const events: Message[] = [];
  const conversations: Conversation[] = [];
  const typing: [string, ChatState][] = [];
  let clock = 1_000;
  const chat = setupChat({
    accountId: 'a1',
    ownJid: own,
    connection: fake.connection,
    accountInfo: createAccountInfo(fake.connection, own),
    store,
    logger: silentLogger,
    onMessage: (message) => events.push(message),
    onConversation: (conversation) => conversations.push(conversation),
    composingExpiresMs,
    onTyping: (peer, state) => typing.push([peer, state]),
    now: () => (clock += 10),
    ...(mayShareActivity ? { mayShareActivity } : {}),
  });
  const stanzas = (name: string, ns: string) => fake.sent.filter((stanza) => stanza.getChild(name, ns) !== undefined);
  const fromAlice = (id: string, ...children: Element[]) => xml('message', { type: 'chat', from: 'alice@x/phone', to: `${own}/desk`, id }, ...children);
  return { ...fake, store, chat, events, conversations, typing, stanzas, fromAlice };
}

const codeOf = (action: () => unknown) => {
  try {
    action();
  } catch (error) {
    return error instanceof CausetteError ? error.code : 'not a CausetteError';
  }
  return undefined;
};
const batched = () => new Promise((resolve) => setTimeout(resolve, BATCH_WAIT_MS));

describe('chat on a session', () => {
  it('stores a message as pending before anything is written, then marks it sent', async () => {
    const { chat, store, setWrite, events, settle } = setUp();
    const statesAtWrite: (string | undefined)[] = [];
    setWrite((stanza) => {
      statesAtWrite.push(store.get(String(stanza.attrs.id))?.state);
      return Promise.resolve();
    });
    const message = chat.send('alice@x', 'hello');
    expect(message).toMatchObject({ state: 'pending', direction: 'out', peer: 'alice@x', originId: message.id, remoteId: message.id, timestamp: 1_010 });
    await settle();
    expect(statesAtWrite).toEqual(['pending']);
    expect(events.map((event) => event.state)).toEqual(['pending', 'sent']);
  });

  it('sends the body with origin-id = id, a receipt request, a markable marker and the active state', async () => {
    const { chat, sent, settle } = setUp();
    const message = chat.send('alice@x', '<b>hi</b>');
    await settle();
    const [stanza] = sent;
    expect(stanza?.attrs).toEqual({ type: 'chat', to: 'alice@x', id: message.id });
    expect(stanza?.getChildText('body')).toBe('<b>hi</b>');
    expect(stanza?.getChild('origin-id', NS_SID)?.attrs.id).toBe(message.id);
    expect(stanza?.getChild('request', NS_RECEIPTS)).toBeDefined();
    expect(stanza?.getChild('markable', NS_MARKERS)).toBeDefined();
    expect(stanza?.getChild('active', NS_CHAT_STATES)).toBeDefined();
  });

  it('sends a reply with the quoted message’s id and stores the quote (XEP-0461)', async () => {
    const { chat, receive, fromAlice, store, sent } = setUp();
    await receive(fromAlice('x1', xml('body', {}, 'lunch?')));
    const quoted = store.byRemoteId('a1', 'alice@x', 'in', 'x1');
    if (!quoted) throw new Error('the message was not stored');
    const reply = chat.send('alice@x', 'yes', quoted.id);
    expect(reply.replyTo).toEqual({ messageId: quoted.id, quote: 'lunch?', direction: 'in' });
    expect(sent.at(-1)?.getChild('reply', 'urn:xmpp:reply:0')?.attrs).toMatchObject({ to: 'alice@x', id: 'x1' });
    expect(sent.at(-1)?.getChildText('body')).toBe('> lunch?\nyes');
    expect(codeOf(() => chat.send('carol@x', 'no', quoted.id))).toBe('bad-request');
  });

  it('corrects only our last message to the peer (XEP-0308)', async () => {
    const { chat, store, stanzas, receive, fromAlice, settle } = setUp();
    const first = chat.send('alice@x', 'one');
    const last = chat.send('alice@x', 'tow');
    await receive(fromAlice('x1', xml('body', {}, 'theirs')));
    expect(codeOf(() => chat.correct(first.id, 'uno'))).toBe('bad-request');
    const theirs = store.byRemoteId('a1', 'alice@x', 'in', 'x1');
    expect(codeOf(() => chat.correct(theirs?.id ?? '', 'mine now'))).toBe('bad-request');
    expect(codeOf(() => chat.correct('unknown', 'x'))).toBe('not-found');
    expect(chat.correct(last.id, 'two')).toMatchObject({ id: last.id, body: 'two' });
    await settle();
    const corrections = stanzas('replace', NS_CORRECT);
    expect(corrections.map((stanza) => [stanza.getChild('replace', NS_CORRECT)?.attrs.id, stanza.getChildText('body')])).toEqual([[last.id, 'two']]);
    expect(store.get(first.id)?.body).toBe('one');
  });

  it('retracts our message by its origin-id and hides it here at once, then refuses to edit it (XEP-0424)', async () => {
    const { chat, store, stanzas, settle } = setUp();
    const message = chat.send('alice@x', 'oops');
    expect(chat.retract(message.id)).toMatchObject({ body: '', retracted: true });
    await settle();
    expect(stanzas('retract', NS_RETRACT).map((stanza) => [stanza.attrs.to, stanza.getChild('retract', NS_RETRACT)?.attrs.id])).toEqual([['alice@x', message.id]]);
    expect(codeOf(() => chat.correct(message.id, 'again'))).toBe('bad-request');
    expect(codeOf(() => chat.react(message.id, ['👍']))).toBe('bad-request');
    chat.retract(message.id);
    expect(stanzas('retract', NS_RETRACT)).toHaveLength(1);
    expect(store.get(message.id)?.retracted).toBe(true);
  });

  it('does not send again, on a fresh session, a message deleted before the server acknowledged it', async () => {
    const { chat, store, setWrite, setAcknowledging, startSession, sent, settle } = setUp();
    setAcknowledging(true);
    const message = chat.send('alice@x', 'sent by mistake');
    await settle();
    // The stream drops before the ack; the retraction waits for the connection.
    setWrite(() => new Promise<void>(() => undefined));
    chat.retract(message.id);
    await startSession(false);
    expect(sent.map((stanza) => stanza.attrs.id)).toEqual([message.id, sent[1]?.attrs.id]);
    expect(sent[1]?.getChild('retract', NS_RETRACT)?.attrs.id).toBe(message.id);
    expect(store.pending('a1')).toEqual([]);
  });

  it('sends our whole set of reactions to the peer’s message by its id, and keeps it under our JID (XEP-0444)', async () => {
    const { chat, receive, fromAlice, store, stanzas } = setUp();
    await receive(fromAlice('x1', xml('body', {}, 'party?')));
    const target = store.byRemoteId('a1', 'alice@x', 'in', 'x1');
    if (!target) throw new Error('the message was not stored');
    expect(chat.react(target.id, ['🎉', '👍']).reactions).toEqual([
      { emoji: '🎉', senders: [own] },
      { emoji: '👍', senders: [own] },
    ]);
    expect(chat.react(target.id, []).reactions).toBeUndefined();
    expect(codeOf(() => chat.react(target.id, ['+1']))).toBe('bad-request');
    const sets = stanzas('reactions', NS_REACTIONS).map((stanza) => {
      const reactions = stanza.getChild('reactions', NS_REACTIONS);
      return [reactions?.attrs.id, reactions?.getChildren('reaction').map((each) => each.text())];
    });
    expect(sets).toEqual([
      ['x1', ['🎉', '👍']],
      ['x1', []],
    ]);
  });

  it('sends a chat state only when it changes (XEP-0085), a message counting as active', async () => {
    const { chat, stanzas, settle } = setUp();
    const states = () => stanzas('composing', NS_CHAT_STATES).length + stanzas('paused', NS_CHAT_STATES).length;
    chat.typing('alice@x', 'composing');
    chat.typing('alice@x', 'composing');
    chat.typing('alice@x', 'paused');
    chat.typing('carol@x', 'composing');
    await settle();
    expect(states()).toBe(3);
    chat.send('alice@x', 'done');
    chat.typing('alice@x', 'active');
    await settle();
    expect(stanzas('active', NS_CHAT_STATES)).toHaveLength(1);
  });

  it('marks a conversation read and sends displayed for the newest markable unread message, by its id', async () => {
    const { chat, receive, fromAlice, stanzas, store, settle } = setUp();
    const markable = () => xml('markable', { xmlns: NS_MARKERS });
    await receive(fromAlice('x1', xml('body', {}, 'one'), markable()));
    await receive(fromAlice('x2', xml('body', {}, 'two'), markable()));
    await receive(fromAlice('x3', xml('body', {}, 'three')));
    chat.markRead('alice@x');
    await settle();
    expect(stanzas('displayed', NS_MARKERS).map((stanza) => [stanza.attrs.to, stanza.getChild('displayed', NS_MARKERS)?.attrs.id])).toEqual([['alice@x', 'x2']]);
    expect(store.conversation('a1', 'alice@x').unread).toBe(0);
    chat.markRead('alice@x');
    await settle();
    expect(stanzas('displayed', NS_MARKERS)).toHaveLength(1);
  });

  it('answers a live receipt request, shows the peer typing, and leaves carbons and archive results to their modules', async () => {
    const { receive, fromAlice, stanzas, typing, store } = setUp();
    await receive(fromAlice('x1', xml('body', {}, 'hi'), xml('request', { xmlns: NS_RECEIPTS }), xml('active', { xmlns: NS_CHAT_STATES })));
    await receive(fromAlice('x2', xml('composing', { xmlns: NS_CHAT_STATES })));
    expect(stanzas('received', NS_RECEIPTS).map((stanza) => [stanza.attrs.to, stanza.getChild('received', NS_RECEIPTS)?.attrs.id])).toEqual([['alice@x/phone', 'x1']]);
    expect(typing).toEqual([
      ['alice@x', 'active'],
      ['alice@x', 'composing'],
    ]);
    await receive(xml('message', { from: own, to: `${own}/desk` }, xml('received', { xmlns: NS_CARBONS }), xml('body', {}, 'wrapped')));
    await receive(xml('message', { from: own, to: `${own}/desk` }, xml('result', { xmlns: 'urn:xmpp:mam:2' }), xml('body', {}, 'archived')));
    expect(store.conversations('a1').map((conversation) => conversation.peer)).toEqual(['alice@x']);
  });

  it('tells only peers it may share activity with that a message arrived, was read, or that we type (XEP-0184 §8)', async () => {
    const { receive, fromAlice, stanzas, chat, store, settle } = setUp((peer) => peer !== 'alice@x');
    await receive(fromAlice('x1', xml('body', {}, 'hi'), xml('request', { xmlns: NS_RECEIPTS }), xml('markable', { xmlns: NS_MARKERS })));
    chat.typing('alice@x', 'composing');
    chat.markRead('alice@x');
    await settle();
    expect(stanzas('received', NS_RECEIPTS)).toEqual([]);
    expect(stanzas('displayed', NS_MARKERS)).toEqual([]);
    expect(stanzas('composing', NS_CHAT_STATES)).toEqual([]);
    // Read here all the same.
    expect(store.conversation('a1', 'alice@x').unread).toBe(0);
    chat.typing('carol@x', 'composing');
    await settle();
    expect(stanzas('composing', NS_CHAT_STATES)).toHaveLength(1);
  });

  it('shows a peer that stopped typing without saying so as paused after a while, counted from the last composing', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const { receive, fromAlice, typing } = setUp();
      const composing = async (id: string) => {
        const received = receive(fromAlice(id, xml('composing', { xmlns: NS_CHAT_STATES })));
        await vi.advanceTimersByTimeAsync(0);
        await received;
      };
      await composing('x1');
      await vi.advanceTimersByTimeAsync(composingExpiresMs - 100);
      await composing('x2');
      // Past the expiry counted from the first composing, not from the last.
      await vi.advanceTimersByTimeAsync(composingExpiresMs - 1);
      expect(typing).toEqual([
        ['alice@x', 'composing'],
        ['alice@x', 'composing'],
      ]);
      await vi.advanceTimersByTimeAsync(1);
      expect(typing.at(-1)).toEqual(['alice@x', 'paused']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('stores a live message that asks not to be copied to other devices (XEP-0280 §7 private)', async () => {
    const { receive, fromAlice, store } = setUp();
    await receive(fromAlice('x1', xml('body', {}, 'just here'), xml('private', { xmlns: NS_CARBONS }), xml('no-copy', { xmlns: 'urn:xmpp:hints' })));
    expect(store.page('a1', 'alice@x', {}, 10).messages.map((message) => message.body)).toEqual(['just here']);
  });

  it('batches conversation deltas: one per peer for a burst of messages', async () => {
    const { receive, fromAlice, conversations, chat } = setUp();
    for (const n of [1, 2, 3]) await receive(fromAlice(`x${n}`, xml('body', {}, `m${n}`)));
    await receive(xml('message', { type: 'chat', from: 'carol@x/r', to: own, id: 'y1' }, xml('body', {}, 'hey')));
    chat.send('alice@x', 'answer');
    await batched();
    expect(conversations.map((conversation) => [conversation.peer, conversation.unread, conversation.lastMessage?.body])).toEqual([
      ['alice@x', 3, 'answer'],
      ['carol@x', 1, 'hey'],
    ]);
  });

  it('retries a failed message or one still pending, never one already sent', async () => {
    const { chat, store, settle, sent } = setUp();
    const message = chat.send('alice@x', 'hello');
    await settle();
    expect(store.get(message.id)?.state).toBe('sent');
    expect(codeOf(() => chat.retry(message.id))).toBe('bad-request');
    store.setState(message.id, 'failed', 'refused');
    expect(chat.retry(message.id)).toMatchObject({ state: 'pending' });
    await settle();
    expect(store.get(message.id)?.state).toBe('sent');
    store.setState(message.id, 'pending');
    expect(chat.retry(message.id)).toMatchObject({ state: 'pending' });
    await settle();
    expect(sent.map((stanza) => stanza.attrs.id)).toEqual([message.id, message.id, message.id]);
  });
});
