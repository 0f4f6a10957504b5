import xml from '@xmpp/xml';
import { describe, expect, it } from 'vitest';
import type { Message } from '../../../../shared/model/message.ts';
import { silentLogger } from '../../../../electron/core/log/logger.ts';
import { createAccountStore } from '../../../../electron/core/storage/accounts.ts';
import { openDatabase } from '../../../../electron/core/storage/database.ts';
import { createMessageStore } from '../../../../electron/core/storage/messages.ts';
import type { SessionInfo } from '../../../../electron/core/xmpp/connection.ts';
import { setupChat } from '../../../../electron/core/xmpp/chat/chat.ts';
import { NS_SID } from '../../../../electron/core/xmpp/chat/chat-stanzas.ts';
import { fakeConnection } from '../fake-connection.ts';

function setUp(send?: () => Promise<void>, db = openDatabase(':memory:')) {
  if (createAccountStore(db).list().length === 0) createAccountStore(db).insert({ id: 'a1', jid: 'bob@x', resource: 'r', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
  const store = createMessageStore(db);
  const fake = fakeConnection();
  const events: Message[] = [];
  const sessions = new Set<(info: SessionInfo) => void>();
  const onSessionStart = (listener: (info: SessionInfo) => void) => {
    sessions.add(listener);
    return () => void sessions.delete(listener);
  };
  const connection = { ...fake.connection, ...(send ? { send } : {}), onSessionStart };
  const startSession = () => {
    for (const listener of sessions) listener({ resumed: false });
  };
  const chat = setupChat({ accountId: 'a1', ownJid: 'bob@x', connection, store, logger: silentLogger, onMessage: (message) => events.push(message), now: () => 42 });
  return { ...fake, store, events, chat, db, startSession };
}

describe('chat on a session', () => {
  it('stores an outgoing message as pending before sending it, then marks it sent', async () => {
    const { chat, sent, events, store } = setUp();
    const message = chat.send('alice@x', 'hello');
    expect(message).toMatchObject({ state: 'pending', direction: 'out', timestamp: 42, originId: message.id });
    expect(store.history('a1', 'alice@x', undefined, 10)).toHaveLength(1);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(sent.map(String)).toEqual([`<message type="chat" to="alice@x" id="${message.id}"><body>hello</body><origin-id xmlns="urn:xmpp:sid:0" id="${message.id}"/></message>`]);
    expect(events.map((event) => event.state)).toEqual(['pending', 'sent']);
  });

  it('marks a message failed, with the reason, when the connection refuses it', async () => {
    const { chat, events } = setUp(() => Promise.reject(new Error('too many waiting')));
    chat.send('alice@x', 'hello');
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(events.at(-1)).toMatchObject({ state: 'failed', error: 'too many waiting' });
  });

  it('sends again, on the next session, a message a previous run left pending; never one already in flight', async () => {
    const never = () => new Promise<void>(() => undefined);
    const first = setUp(never);
    const left = first.chat.send('alice@x', 'from before the crash');
    first.startSession();
    first.chat.dispose();
    const next = setUp(undefined, first.db);
    next.startSession();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(next.sent.map((stanza) => stanza.getChild('origin-id', NS_SID)?.attrs.id)).toEqual([left.id]);
    expect(next.store.pending('a1')).toEqual([]);
    next.startSession();
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(next.sent).toHaveLength(1);
  });

  it('stores an incoming message once, even when it comes again', async () => {
    const { receive, events, store } = setUp();
    const stanza = () => xml('message', { type: 'chat', from: 'alice@x/phone' }, xml('body', {}, 'hi'), xml('origin-id', { xmlns: NS_SID, id: 'o1' }));
    await receive(stanza());
    await receive(stanza());
    expect(events).toHaveLength(1);
    expect(store.history('a1', 'alice@x', undefined, 10)).toMatchObject([{ body: 'hi', direction: 'in', originId: 'o1', state: 'sent' }]);
  });
});
