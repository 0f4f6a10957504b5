import { describe, expect, it } from 'vitest';
import type { Message } from '../../../shared/model/message.ts';
import { applyHistory, applyMessage, initialChat } from '../../../renderer/stores/chat.ts';

const base: Message = { id: 'm1', accountId: 'a1', peer: 'bob@x', direction: 'out', body: 'hi', timestamp: 1, state: 'pending' };

describe('the chat slice', () => {
  it('replaces a message by id when its state changes, and appends new ones in time order', () => {
    let state = applyHistory(initialChat, 'a1', 'bob@x', []);
    state = applyMessage(state, base);
    state = applyMessage(state, { ...base, state: 'sent' });
    state = applyMessage(state, { ...base, id: 'm0', timestamp: 0, direction: 'in', state: 'sent' });
    expect(state.byAccount.a1?.messages['bob@x']?.map((m) => [m.id, m.state])).toEqual([
      ['m0', 'sent'],
      ['m1', 'sent'],
    ]);
  });

  it('ignores messages of a peer whose history is not loaded, and keeps events that came while loading', () => {
    expect(applyMessage(initialChat, base).byAccount.a1?.messages['bob@x']).toBeUndefined();
    let state = applyHistory(initialChat, 'a1', 'bob@x', []);
    state = applyMessage(state, { ...base, id: 'live', timestamp: 5 });
    state = applyHistory(state, 'a1', 'bob@x', [base]);
    expect(state.byAccount.a1?.messages['bob@x']?.map((m) => m.id)).toEqual(['m1', 'live']);
  });
});
