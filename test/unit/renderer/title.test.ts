import { describe, expect, it } from 'vitest';
import { titleFor } from '../../../renderer/title.ts';
import { visibleConversation } from '../../../renderer/visible-conversation.ts';

describe('the window title', () => {
  it('carries the unread count, and nothing when all is read', () => {
    expect(titleFor(0)).toBe('Causette');
    expect(titleFor(1)).toBe('(1) Causette');
    expect(titleFor(42)).toBe('(42) Causette');
  });
});

describe('the conversation the user is looking at', () => {
  const open = { accountId: 'a1', peer: 'bob@x', focusMessageId: 'm1' };
  it('is the open one only while the page is visible and focused', () => {
    expect(visibleConversation(open, true, true)).toEqual({ accountId: 'a1', peer: 'bob@x' });
    expect(visibleConversation(open, false, true)).toBeUndefined();
    expect(visibleConversation(open, true, false)).toBeUndefined();
    expect(visibleConversation(undefined, true, true)).toBeUndefined();
  });
});
