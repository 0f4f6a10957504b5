// The "Bookmarks" section of the sidebar: the rooms saved on the account (XEP-0402), each to open (joining it with the saved
// nickname and password), to join automatically at sign-in or not, or to remove; an autojoin that failed says why.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Bookmark } from '../../../shared/model/bookmark.ts';
import { call, CallError, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { errorText } from '../../i18n/errors.ts';
import { selectAccount, useAccounts } from '../../stores/accounts.ts';
import { selectBookmarks, useBookmarks } from '../../stores/bookmarks.ts';
import { useRooms } from '../../stores/rooms.ts';
import { useUi } from '../../stores/ui.ts';

interface BookmarkListProps {
  readonly accountId: string;
  readonly ownJid: string;
}

export function BookmarkList({ accountId, ownJid }: BookmarkListProps) {
  const id = useId();
  const { t } = useTranslation();
  const bookmarks = useBookmarks((state) => selectBookmarks(state, accountId));
  const failures = useBookmarks((state) => state.byAccount[accountId]?.failures);
  const rooms = useRooms((state) => state.byAccount[accountId]?.rooms);
  const online = useAccounts((state) => selectAccount(state, accountId)?.connection.status === 'online');
  /** The room whose command is under way. */
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();
  if (bookmarks.length === 0) return null;

  async function run(room: string, action: () => Promise<unknown>): Promise<void> {
    setBusy(room);
    setError(undefined);
    try {
      await action();
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(undefined);
    }
  }

  /** Opens the room's conversation, joining it first when this session is not in it. */
  async function open(bookmark: Bookmark): Promise<void> {
    const state = rooms?.[bookmark.jid]?.state;
    if (state !== 'joined' && state !== 'joining') {
      setBusy(bookmark.jid);
      setError(undefined);
      useBookmarks.getState().dismiss(accountId, bookmark.jid);
      try {
        const room = await call('muc.join', { accountId, room: bookmark.jid, nick: bookmark.nick ?? ownJid.split('@')[0] ?? '' });
        useRooms.getState().room(accountId, room);
      } catch (failure) {
        if (failure instanceof CallError) {
          useBookmarks.getState().failed(accountId, bookmark.jid, { code: failure.code, message: failure.message, ...(failure.params ? { params: failure.params } : {}) });
        }
        else setError(messageOf(failure));
        return;
      } finally {
        setBusy(undefined);
      }
    }
    useUi.getState().showChat(accountId, bookmark.jid);
  }

  const toggle = (bookmark: Bookmark) =>
    run(bookmark.jid, () =>
      call('muc.bookmark', {
        accountId,
        room: bookmark.jid,
        nick: bookmark.nick ?? ownJid.split('@')[0] ?? '',
        autojoin: !bookmark.autojoin,
        ...(bookmark.name === undefined ? {} : { name: bookmark.name }),
      }),
    );

  return (
    <section className="bookmarks" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('bookmarks.title')}</h3>
      {error !== undefined && (
        <Alert>
          <p>{error}</p>
        </Alert>
      )}
      <ul className="bookmark-list">
        {bookmarks.map((bookmark) => {
          const name = bookmark.name ?? bookmark.jid;
          const failure = failures?.[bookmark.jid];
          const disabled = !online || busy === bookmark.jid;
          return (
            <li key={bookmark.jid} className="bookmark-item">
              <button type="button" className="bookmark-open" title={bookmark.jid} disabled={disabled} onClick={() => void open(bookmark)}>
                <span className="bookmark-name">{name}</span>
                <span className="visually-hidden">{rooms?.[bookmark.jid]?.state === 'joined' ? ` ${t('bookmarks.joined')}` : ` ${t('bookmarks.notJoined')}`}</span>
              </button>
              <label className="bookmark-autojoin">
                <input type="checkbox" checked={bookmark.autojoin} disabled={disabled} aria-label={t('bookmarks.autojoinLabel', { name })} onChange={() => void toggle(bookmark)} />
                <span aria-hidden="true">{t('bookmarks.autojoinShort')}</span>
              </label>
              <button
                type="button"
                className="quiet danger-quiet bookmark-remove"
                disabled={disabled}
                aria-label={t('bookmarks.removeLabel', { name })}
                onClick={() => void run(bookmark.jid, () => call('muc.unbookmark', { accountId, room: bookmark.jid }))}
              >
                {t('bookmarks.remove')}
              </button>
              {failure && (
                <Alert>
                  <p>{t('bookmarks.joinFailed', { name, error: errorText(failure) })}</p>
                  <button type="button" className="quiet" onClick={() => useBookmarks.getState().dismiss(accountId, bookmark.jid)}>
                    {t('bookmarks.dismiss')}
                  </button>
                </Alert>
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
