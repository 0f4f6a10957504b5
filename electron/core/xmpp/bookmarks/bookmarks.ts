// One session's saved rooms: PEP native bookmarks (XEP-0402) when our account's disco#info offers them, else private XML
// storage (XEP-0048 §3.2 over XEP-0049); fetched once per fresh session, saved and removed here, and changed live by our
// other clients' notifications (XEP-0402 §3.4, §3.5).
import type { Element } from '@xmpp/xml';
import type { Bookmark } from '../../../../shared/model/bookmark.ts';
import type { Logger } from '../../log/logger.ts';
import type { Connection } from '../connection.ts';
import type { AccountInfo } from '../disco/account-info.ts';
import { StanzaError } from '../errors.ts';
import { NS_PUBSUB_EVENT } from '../avatar/avatar-stanzas.ts';
import { roomOf } from '../muc/room-entry.ts';
import {
  buildBookmarkPublish,
  buildBookmarkRetract,
  buildBookmarksGet,
  buildPrivateGet,
  buildPrivateSet,
  NS_BOOKMARKS_COMPAT,
  parseBookmarksEvent,
  parseBookmarksResult,
  parsePrivateResult,
  type StoredBookmark,
} from './bookmark-stanzas.ts';

export interface BookmarksDeps {
  readonly ownJid: string;
  readonly connection: Pick<Connection, 'iq' | 'pipeline'>;
  readonly accountInfo: Pick<AccountInfo, 'features'>;
  readonly logger: Logger;
  /** The list changed (fetched, saved here, or by another client). */
  readonly onChange: (bookmarks: Bookmark[]) => void;
  /**
   * A room to join automatically: at the first fetch of this sign-in, every autojoin room; later (a notification, our own
   * save, a fetch after a reconnect) one whose autojoin was newly set — a room the user left stays left.
   */
  readonly onAutojoin?: (bookmark: StoredBookmark) => void;
}

/** What muc.bookmark saves: a password left out keeps the one saved, an empty one removes it. */
export interface BookmarkEdit {
  readonly jid: string;
  readonly name?: string;
  readonly nick?: string;
  readonly password?: string;
  readonly autojoin: boolean;
}

export const toBookmark = (b: StoredBookmark): Bookmark => ({
  jid: b.jid,
  ...(b.name === undefined ? {} : { name: b.name }),
  ...(b.nick === undefined ? {} : { nick: b.nick }),
  hasPassword: b.password !== undefined,
  autojoin: b.autojoin,
});

export function setupBookmarks(deps: BookmarksDeps) {
  const { connection } = deps;
  const saved = new Map<string, StoredBookmark>();
  /** Which storage this session's server gets; decided by the fetch. */
  let storage: 'pep' | 'private' | undefined;
  let fetchedOnce = false;

  const list = (): Bookmark[] => [...saved.values()].map(toBookmark).sort((a, b) => a.jid.localeCompare(b.jid));
  const changed = () => deps.onChange(list());

  async function storageOf(): Promise<'pep' | 'private'> {
    storage ??= (await deps.accountInfo.features()).includes(NS_BOOKMARKS_COMPAT) ? 'pep' : 'private';
    return storage;
  }

  async function read(): Promise<StoredBookmark[]> {
    if ((await storageOf()) === 'private') return parsePrivateResult(await connection.iq(buildPrivateGet(), 15_000));
    try {
      return parseBookmarksResult(await connection.iq(buildBookmarksGet(), 15_000));
    } catch (error) {
      // XEP-0060 §6.5.9.11: no node yet, no bookmarks yet.
      if (error instanceof StanzaError && error.condition === 'item-not-found') return [];
      throw error;
    }
  }

  // XEP-0402 §3.4, §3.5: only our own account's PEP service (our bare JID) changes our bookmarks.
  const removeEvents = connection.pipeline.handle({ stanza: 'message', child: { name: 'event', xmlns: NS_PUBSUB_EVENT } }, (stanza: Element) => {
    const from = stanza.attrs.from;
    if (from !== undefined && (from.includes('/') || roomOf(from) !== deps.ownJid)) return;
    const event = parseBookmarksEvent(stanza);
    if (!event) return;
    for (const jid of event.retracted) saved.delete(jid);
    for (const b of event.published) {
      const before = saved.get(b.jid);
      saved.set(b.jid, b);
      if (b.autojoin && !before?.autojoin) deps.onAutojoin?.(b);
    }
    changed();
  });

  async function save(edit: BookmarkEdit): Promise<Bookmark> {
    const before = saved.get(edit.jid);
    const password = edit.password === undefined ? before?.password : edit.password === '' ? undefined : edit.password;
    const next: StoredBookmark = {
      jid: edit.jid,
      ...(edit.name === undefined || edit.name === '' ? {} : { name: edit.name }),
      ...(edit.nick === undefined ? {} : { nick: edit.nick }),
      ...(password === undefined ? {} : { password }),
      autojoin: edit.autojoin,
      ...(before?.extensions ? { extensions: before.extensions } : {}),
    };
    if ((await storageOf()) === 'pep') {
      await connection.iq(buildBookmarkPublish(next));
    } else {
      // XEP-0049 replaces the whole storage: read it again first, so that another client's rooms saved meanwhile stay.
      const others = (await read()).filter((b) => b.jid !== next.jid);
      await connection.iq(buildPrivateSet([...others, next]));
      saved.clear();
      for (const b of others) saved.set(b.jid, b);
    }
    saved.set(next.jid, next);
    changed();
    if (next.autojoin && !before?.autojoin) deps.onAutojoin?.(next);
    return toBookmark(next);
  }

  return {
    list,
    /** The stored bookmark (with its password) of a room, if saved. */
    get: (jid: string): StoredBookmark | undefined => saved.get(jid),
    /** A fresh session: which storage the server offers, and what it holds. */
    async fetch(): Promise<StoredBookmark[]> {
      storage = undefined;
      const fetched = await read();
      const before = new Map(saved);
      saved.clear();
      for (const b of fetched) saved.set(b.jid, b);
      changed();
      for (const b of fetched) if (b.autojoin && (!fetchedOnce || !before.get(b.jid)?.autojoin)) deps.onAutojoin?.(b);
      fetchedOnce = true;
      return fetched;
    },
    save,
    /** The user left a saved room: it is no longer joined at sign-in, here or on our other clients. */
    left(jid: string): void {
      const b = saved.get(jid);
      if (!b?.autojoin) return;
      // The password and other clients' extensions stay as saved (save keeps them).
      save({ jid, autojoin: false, ...(b.name === undefined ? {} : { name: b.name }), ...(b.nick === undefined ? {} : { nick: b.nick }) }).catch((error: unknown) =>
        deps.logger.warn('the bookmark could not be kept from autojoin', { room: jid, error: error instanceof Error ? error.message : String(error) }),
      );
    },
    async remove(jid: string): Promise<void> {
      if ((await storageOf()) === 'pep') {
        await connection.iq(buildBookmarkRetract(jid));
      } else {
        const others = (await read()).filter((b) => b.jid !== jid);
        await connection.iq(buildPrivateSet(others));
        saved.clear();
        for (const b of others) saved.set(b.jid, b);
      }
      saved.delete(jid);
      changed();
    },
    dispose: removeEvents,
  };
}

export type Bookmarks = ReturnType<typeof setupBookmarks>;
