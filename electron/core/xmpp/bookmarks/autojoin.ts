// XEP-0402 §3 (XEP-0048 §3.2): the rooms saved with autojoin are joined when we sign in, with their nickname and password,
// and when one of our clients (this one too) sets autojoin; a refusal is the user's to see, not only the log's.
import type { Muc } from '../muc/muc.ts';
import type { StoredBookmark } from './bookmark-stanzas.ts';

export interface AutojoinDeps {
  readonly muc: Pick<Muc, 'room' | 'join'>;
  /** The nickname for a bookmark that names none: our account's local part. */
  readonly defaultNick: string;
  readonly onFailure: (room: string, error: unknown) => void;
}

export function createAutojoin(deps: AutojoinDeps) {
  /** Joins under way: a notification and our own save of one bookmark make one join. */
  const pending = new Set<string>();

  /** Joins one saved room, unless this session already has it (joined, joining, or waiting to rejoin after a reconnect). */
  function one(bookmark: StoredBookmark): void {
    const state = deps.muc.room(bookmark.jid)?.state;
    if (pending.has(bookmark.jid) || state === 'joined' || state === 'joining' || state === 'offline') return;
    pending.add(bookmark.jid);
    void deps.muc
      .join(bookmark.jid, bookmark.nick ?? deps.defaultNick, bookmark.password)
      .catch((error: unknown) => deps.onFailure(bookmark.jid, error))
      .finally(() => pending.delete(bookmark.jid));
  }

  return { one };
}

export type Autojoin = ReturnType<typeof createAutojoin>;
