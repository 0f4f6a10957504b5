// Bookmarks slice (XEP-0402): per account, the saved rooms, and the autojoins that failed at sign-in until dismissed.
import { create } from 'zustand';
import type { AppError } from '../../shared/ipc/errors.ts';
import type { Bookmark } from '../../shared/model/bookmark.ts';

export interface AccountBookmarks {
  readonly bookmarks: readonly Bookmark[];
  /** Per room: why it could not be joined automatically. */
  readonly failures: Readonly<Record<string, AppError>>;
}

export interface BookmarksState {
  readonly byAccount: Readonly<Record<string, AccountBookmarks>>;
}

const empty: AccountBookmarks = { bookmarks: [], failures: {} };
/** One shared empty list: a selector must return the same value while nothing changed. */
const none: readonly Bookmark[] = [];

function withAccount(state: BookmarksState, accountId: string, change: (before: AccountBookmarks) => AccountBookmarks): BookmarksState {
  return { byAccount: { ...state.byAccount, [accountId]: change(state.byAccount[accountId] ?? empty) } };
}

const without = (failures: Readonly<Record<string, AppError>>, room: string) => Object.fromEntries(Object.entries(failures).filter(([jid]) => jid !== room));

/** muc.bookmarks (command or event): the whole list; a failure of a room no longer saved goes with it. */
export function applyBookmarks(state: BookmarksState, accountId: string, bookmarks: readonly Bookmark[]): BookmarksState {
  return withAccount(state, accountId, (before) => {
    const saved = new Set(bookmarks.map((b) => b.jid));
    return { bookmarks, failures: Object.fromEntries(Object.entries(before.failures).filter(([jid]) => saved.has(jid))) };
  });
}

export function applyAutojoinFailed(state: BookmarksState, accountId: string, room: string, error: AppError): BookmarksState {
  return withAccount(state, accountId, (before) => ({ ...before, failures: { ...before.failures, [room]: error } }));
}

export function applyFailureDismissed(state: BookmarksState, accountId: string, room: string): BookmarksState {
  return withAccount(state, accountId, (before) => ({ ...before, failures: without(before.failures, room) }));
}

export function selectBookmarks(state: BookmarksState, accountId: string): readonly Bookmark[] {
  return state.byAccount[accountId]?.bookmarks ?? none;
}

export function selectBookmark(state: BookmarksState, accountId: string | undefined, room: string): Bookmark | undefined {
  return accountId === undefined ? undefined : state.byAccount[accountId]?.bookmarks.find((b) => b.jid === room);
}

interface BookmarksActions {
  readonly loaded: (accountId: string, bookmarks: readonly Bookmark[]) => void;
  readonly failed: (accountId: string, room: string, error: AppError) => void;
  readonly dismiss: (accountId: string, room: string) => void;
  readonly forget: (accountId: string) => void;
}

export const useBookmarks = create<BookmarksState & BookmarksActions>()((set) => ({
  byAccount: {},
  loaded: (accountId, bookmarks) => set((state) => applyBookmarks(state, accountId, bookmarks)),
  failed: (accountId, room, error) => set((state) => applyAutojoinFailed(state, accountId, room, error)),
  dismiss: (accountId, room) => set((state) => applyFailureDismissed(state, accountId, room)),
  forget: (accountId) => set((state) => ({ byAccount: Object.fromEntries(Object.entries(state.byAccount).filter(([id]) => id !== accountId)) })),
}));
