import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/model/message.ts';
import { createAccountStore } from '../../../electron/core/storage/accounts.ts';
import { openDatabase } from '../../../electron/core/storage/database.ts';
import { createMessageStore } from '../../../electron/core/storage/messages.ts';

function setUp() {
  const db = openDatabase(':memory:');
  const accounts = createAccountStore(db);
  accounts.insert({ id: 'a1', jid: 'alice@example.com', resource: 'r', host: undefined, port: undefined, tls: 'auto', passwordSaved: false, enabled: true });
  return { accounts, messages: createMessageStore(db) };
}

let counter = 0;
function message(fields: Partial<Message>): Message {
  counter += 1;
  return { id: `m${counter}`, accountId: 'a1', peer: 'bob@x', direction: 'in', body: 'hi', timestamp: counter, state: 'sent', ...fields };
}

describe('the message store', () => {
  it('stores a message repeated with the same origin-id or stanza-id once, per peer', () => {
    const { messages } = setUp();
    expect(messages.insert(message({ originId: 'o1' }))).toBeDefined();
    expect(messages.insert(message({ originId: 'o1' }))).toBeUndefined();
    expect(messages.insert(message({ originId: 'o1', peer: 'carol@x' }))).toBeDefined();
    expect(messages.insert(message({ stanzaId: 's1' }))).toBeDefined();
    expect(messages.insert(message({ stanzaId: 's1', originId: 'o2' }))).toBeUndefined();
    // Without ids, nothing can tell two messages apart: both are kept.
    expect(messages.insert(message({ body: 'same' }))).toBeDefined();
    expect(messages.insert(message({ body: 'same' }))).toBeDefined();
    expect(messages.history('a1', 'bob@x', undefined, 50)).toHaveLength(4);
  });

  it('pages history oldest first before a time, and changes a message’s state', () => {
    const { messages } = setUp();
    const stored = [1, 2, 3, 4].map((n) => message({ timestamp: n * 1000, body: `b${n}` }));
    for (const each of stored) messages.insert(each);
    expect(messages.history('a1', 'bob@x', undefined, 2).map((m) => m.body)).toEqual(['b3', 'b4']);
    expect(messages.history('a1', 'bob@x', 3000, 50).map((m) => m.body)).toEqual(['b1', 'b2']);
    const out = message({ direction: 'out', state: 'pending', peer: 'dave@x' });
    messages.insert(out);
    expect(messages.setState(out.id, 'failed', 'gone')).toEqual({ ...out, state: 'failed', error: 'gone' });
  });

  it('lists conversations most recent first with their last message and unread count', () => {
    const { messages, accounts } = setUp();
    messages.insert(message({ peer: 'bob@x', timestamp: 10, body: 'old' }));
    messages.insert(message({ peer: 'bob@x', timestamp: 20, body: 'new' }));
    messages.insert(message({ peer: 'carol@x', timestamp: 30, body: 'mine', direction: 'out' }));
    expect(messages.conversations('a1')).toEqual([
      { peer: 'carol@x', lastMessage: { body: 'mine', timestamp: 30, direction: 'out' }, unread: 0 },
      { peer: 'bob@x', lastMessage: { body: 'new', timestamp: 20, direction: 'in' }, unread: 2 },
    ]);
    messages.markRead('a1', 'bob@x');
    expect(messages.conversations('a1')[1]?.unread).toBe(0);
    accounts.remove('a1');
    expect(messages.conversations('a1')).toEqual([]);
  });
});
