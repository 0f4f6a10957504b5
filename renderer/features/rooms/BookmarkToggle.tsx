// The room header's bookmark switch: saves the room (XEP-0402) with our nickname there, to join at sign-in, or removes it.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Room } from '../../../shared/model/room.ts';
import { call, messageOf } from '../../api.ts';
import { selectBookmark, useBookmarks } from '../../stores/bookmarks.ts';

interface BookmarkToggleProps {
  readonly accountId: string;
  readonly room: Room;
  readonly onError: (message: string) => void;
}

export function BookmarkToggle({ accountId, room, onError }: BookmarkToggleProps) {
  const { t } = useTranslation();
  const saved = useBookmarks((state) => selectBookmark(state, accountId, room.jid)) !== undefined;
  const [busy, setBusy] = useState(false);

  async function toggle(): Promise<void> {
    setBusy(true);
    try {
      if (saved) await call('muc.unbookmark', { accountId, room: room.jid });
      else await call('muc.bookmark', { accountId, room: room.jid, nick: room.nick, autojoin: true, ...(room.name === undefined ? {} : { name: room.name }) });
    } catch (failure) {
      onError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  return (
    <button type="button" className="quiet bookmark-toggle" aria-pressed={saved} disabled={busy} title={saved ? t('bookmarks.savedHint') : t('bookmarks.saveHint')} onClick={() => void toggle()}>
      <span aria-hidden="true">{saved ? '★ ' : '☆ '}</span>
      {t('bookmarks.bookmark')}
    </button>
  );
}
