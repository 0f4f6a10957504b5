import { describe, expect, it } from 'vitest';
import type { Conversation, HistoryPage, Message } from '../../../shared/model/message.ts';
import {
  applyConversation,
  applyConversations,
  applyLoading,
  applyMessage,
  applyPage,
  applyTyping,
  initialChat,
  selectConversations,
  selectPeerTyping,
  selectView,
  type ChatSliceState,
} from '../../../renderer/stores/chat.ts';

const message = (id: string, timestamp: number, extra: Partial<Message> = {}): Message => ({
  id,
  accountId: 'a1',
  peer: 'bob@x',
  kind: 'chat',
  direction: 'out',
  body: id,
  timestamp,
  state: 'sent',
  ...extra,
});
const page = (messages: Message[], hasOlder = false, hasNewer = false): HistoryPage => ({ messages, hasOlder, hasNewer });
const ids = (state: ChatSliceState) => selectView(state, 'a1', 'bob@x').messages.map((m) => m.id);
const conversation = (peer: string, timestamp: number | undefined, extra: Partial<Conversation> = {}): Conversation => ({
  peer,
  unread: 0,
  muted: false,
  ...(timestamp === undefined ? {} : { lastMessage: { body: peer, timestamp, direction: 'in' } }),
  ...extra,
});

describe('the chat slice: pages of history', () => {
  it('the newest page replaces the window, and keeps messages that came as events while it was read', () => {
    let state = applyLoading(initialChat, 'a1', 'bob@x', 'latest');
    expect(selectView(state, 'a1', 'bob@x').loading).toBe('latest');
    state = applyMessage(state, message('live', 50));
    state = applyPage(state, 'a1', 'bob@x', 'latest', page([message('m1', 10), message('m2', 20)], true));
    expect(ids(state)).toEqual(['m1', 'm2', 'live']);
    expect(selectView(state, 'a1', 'bob@x')).toMatchObject({ hasOlder: true, hasNewer: false, loading: undefined });
  });

  it('an older page is prepended without duplicates and says whether more exists', () => {
    let state = applyPage(initialChat, 'a1', 'bob@x', 'latest', page([message('m3', 30), message('m4', 40)], true));
    state = applyPage(state, 'a1', 'bob@x', 'older', page([message('m1', 10), message('m2', 20), message('m3', 30)], false));
    expect(ids(state)).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(selectView(state, 'a1', 'bob@x').hasOlder).toBe(false);
  });

  it('a page around a message replaces the window; newer pages extend it until the present', () => {
    let state = applyPage(initialChat, 'a1', 'bob@x', 'latest', page([message('m9', 90)], true));
    state = applyPage(state, 'a1', 'bob@x', 'around', page([message('m4', 40), message('m5', 50)], true, true));
    expect(ids(state)).toEqual(['m4', 'm5']);
    state = applyPage(state, 'a1', 'bob@x', 'newer', page([message('m5', 50), message('m6', 60)], false, false));
    expect(ids(state)).toEqual(['m4', 'm5', 'm6']);
    expect(selectView(state, 'a1', 'bob@x')).toMatchObject({ hasOlder: true, hasNewer: false });
  });
});

describe('the chat slice: message events', () => {
  it('replaces a loaded message by id (state, correction, reactions) and inserts new ones in time order', () => {
    let state = applyPage(initialChat, 'a1', 'bob@x', 'latest', page([message('m1', 10), message('m3', 30)]));
    state = applyMessage(state, message('m1', 10, { state: 'read', body: 'fixed', correctedAt: 11 }));
    state = applyMessage(state, message('m2', 20));
    state = applyMessage(state, message('m4', 40));
    expect(ids(state)).toEqual(['m1', 'm2', 'm3', 'm4']);
    expect(selectView(state, 'a1', 'bob@x').messages[0]).toMatchObject({ state: 'read', body: 'fixed', correctedAt: 11 });
  });

  it('leaves a window opened back in history without gaps: nothing past its newest end or before its oldest', () => {
    let state = applyPage(initialChat, 'a1', 'bob@x', 'around', page([message('m4', 40), message('m5', 50)], true, true));
    state = applyMessage(state, message('new', 100));
    state = applyMessage(state, message('old', 1));
    expect(ids(state)).toEqual(['m4', 'm5']);
  });

  it('ignores messages of a conversation that was never opened', () => {
    expect(applyMessage(initialChat, message('m1', 1))).toBe(initialChat);
  });

  it('an incoming message ends the peer’s typing (XEP-0085 active)', () => {
    let state = applyTyping(initialChat, 'a1', 'bob@x', 'composing');
    expect(selectPeerTyping(state, 'a1', 'bob@x')).toBe('composing');
    state = applyMessage(state, message('m1', 1, { direction: 'in', state: 'received' }));
    expect(selectPeerTyping(state, 'a1', 'bob@x')).toBeUndefined();
  });
});

describe('the chat slice: conversations', () => {
  it('keeps the list most recent first as deltas replace or add conversations', () => {
    let state = applyConversations(initialChat, 'a1', [conversation('old@x', 1), conversation('new@x', 5), conversation('empty@x', undefined)]);
    expect(selectConversations(state, 'a1').map((c) => c.peer)).toEqual(['new@x', 'old@x', 'empty@x']);
    state = applyConversation(state, 'a1', conversation('old@x', 9, { unread: 2 }));
    state = applyConversation(state, 'a1', conversation('third@x', 7));
    expect(selectConversations(state, 'a1').map((c) => [c.peer, c.unread])).toEqual([
      ['old@x', 2],
      ['third@x', 0],
      ['new@x', 0],
      ['empty@x', 0],
    ]);
    state = applyConversation(state, 'a1', conversation('new@x', 5, { muted: true }));
    expect(selectConversations(state, 'a1').find((c) => c.peer === 'new@x')?.muted).toBe(true);
    expect(selectConversations(state, 'a1')).toHaveLength(4);
  });
});
