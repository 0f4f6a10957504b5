import { describe, expect, it } from 'vitest';
import { commands } from '../../../shared/ipc/contract.ts';

const valid = (name: 'chat.send' | 'chat.history', request: unknown) => commands[name].request.safeParse(request).success;

describe('the chat commands of the contract', () => {
  it('accepts a body of 1 to 100,000 characters (a huge paste) and nothing else', () => {
    expect(valid('chat.send', { accountId: 'a1', peer: 'bob@x', body: 'x' })).toBe(true);
    expect(valid('chat.send', { accountId: 'a1', peer: 'bob@x', body: 'x'.repeat(100_000) })).toBe(true);
    expect(valid('chat.send', { accountId: 'a1', peer: 'bob@x', body: '' })).toBe(false);
    expect(valid('chat.send', { accountId: 'a1', peer: 'bob@x', body: 'x'.repeat(100_001) })).toBe(false);
    expect(valid('chat.send', { accountId: 'a1', peer: 'bob@x', body: 'x', html: '<b>x</b>' })).toBe(false);
  });

  it('pages history 50 at a time by default, at most 200', () => {
    expect(commands['chat.history'].request.parse({ accountId: 'a1', peer: 'bob@x' }).limit).toBe(50);
    expect(valid('chat.history', { accountId: 'a1', peer: 'bob@x', limit: 200, before: 'message-id' })).toBe(true);
    expect(valid('chat.history', { accountId: 'a1', peer: 'bob@x', before: 5 })).toBe(false);
    expect(valid('chat.history', { accountId: 'a1', peer: 'bob@x', limit: 201 })).toBe(false);
    expect(valid('chat.history', { accountId: 'a1', peer: 'bob@x', limit: 0 })).toBe(false);
  });
});
