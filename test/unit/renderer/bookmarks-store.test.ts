import { describe, expect, it } from 'vitest';
import type { Bookmark } from '../../../shared/model/bookmark.ts';
import { applyAutojoinFailed, applyBookmarks, applyFailureDismissed, selectBookmark, selectBookmarks, type BookmarksState } from '../../../renderer/stores/bookmarks.ts';

const bookmark = (jid: string, autojoin = true): Bookmark => ({ jid, hasPassword: false, autojoin });
const empty: BookmarksState = { byAccount: {} };
const failure = { code: 'not-found' as const, message: 'The room does not exist.' };

describe('bookmarks slice', () => {
  it('replaces the list per account, and finds one room’s bookmark', () => {
    const state = applyBookmarks(applyBookmarks(empty, 'a1', [bookmark('tea@c')]), 'a2', [bookmark('coffee@c')]);
    expect(selectBookmarks(state, 'a1').map((b) => b.jid)).toEqual(['tea@c']);
    expect(selectBookmark(state, 'a2', 'coffee@c')?.autojoin).toBe(true);
    expect(selectBookmark(state, 'a1', 'coffee@c')).toBeUndefined();
    expect(selectBookmarks(empty, 'a1')).toBe(selectBookmarks(empty, 'a2'));
  });

  it('keeps an autojoin failure until dismissed, or until its room is no longer saved', () => {
    const listed = applyBookmarks(empty, 'a1', [bookmark('tea@c'), bookmark('gone@c')]);
    const failed = applyAutojoinFailed(applyAutojoinFailed(listed, 'a1', 'gone@c', failure), 'a1', 'tea@c', failure);
    expect(Object.keys(failed.byAccount['a1']?.failures ?? {}).sort()).toEqual(['gone@c', 'tea@c']);
    const dismissed = applyFailureDismissed(failed, 'a1', 'tea@c');
    expect(Object.keys(dismissed.byAccount['a1']?.failures ?? {})).toEqual(['gone@c']);
    const removed = applyBookmarks(dismissed, 'a1', [bookmark('tea@c')]);
    expect(removed.byAccount['a1']?.failures).toEqual({});
  });
});
