import { describe, expect, it } from 'vitest';
import { attentionCount, notifiedInRoom } from '../../../shared/model/attention.ts';
import type { Conversation } from '../../../shared/model/message.ts';

const chat: Conversation = { peer: 'bob@x', unread: 4, muted: false };
const room: Conversation = { peer: 'tea@muc.x', unread: 7, muted: false, room: true, mentions: 2 };

describe('what a conversation counts in the title, tray and badge', () => {
  it('a chat counts its unread messages unless muted or a message request', () => {
    expect(attentionCount(chat)).toBe(4);
    expect(attentionCount({ ...chat, muted: true })).toBe(0);
    expect(attentionCount({ ...chat, request: true })).toBe(0);
  });

  it('a room counts its mentions by default, every unread message with “all”, nothing with “none” or muted', () => {
    expect(attentionCount(room)).toBe(2);
    expect(attentionCount({ ...room, notify: 'mentions' })).toBe(2);
    expect(attentionCount({ ...room, notify: 'all' })).toBe(7);
    expect(attentionCount({ ...room, notify: 'none' })).toBe(0);
    expect(attentionCount({ ...room, notify: 'all', muted: true })).toBe(0);
    expect(attentionCount({ ...room, mentions: undefined })).toBe(0);
  });
});

describe('which new room messages are notified', () => {
  const said = { kind: 'groupchat' as const };
  it('mentions by default, every one with “all”, none with “none”; other conversations are not concerned', () => {
    expect(notifiedInRoom(said, undefined)).toBe(false);
    expect(notifiedInRoom({ ...said, mention: true }, undefined)).toBe(true);
    expect(notifiedInRoom(said, 'all')).toBe(true);
    expect(notifiedInRoom({ ...said, mention: true }, 'none')).toBe(false);
    expect(notifiedInRoom({ ...said, mention: true }, 'mentions')).toBe(true);
    expect(notifiedInRoom({ kind: 'chat' }, 'none')).toBe(true);
    expect(notifiedInRoom({ kind: 'private' }, undefined)).toBe(true);
  });
});
