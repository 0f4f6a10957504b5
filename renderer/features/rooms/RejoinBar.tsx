// Shown in a room we are not in (left, put out, or waiting for it): why, and "Join again" with the nickname we had.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Room } from '../../../shared/model/room.ts';
import { call, messageOf } from '../../api.ts';
import { selectAccount, useAccounts } from '../../stores/accounts.ts';
import { useRooms } from '../../stores/rooms.ts';

interface RejoinBarProps {
  readonly accountId: string;
  readonly peer: string;
  readonly room: Room | undefined;
  readonly onError: (error: string | undefined) => void;
}

export function RejoinBar({ accountId, peer, room, onError }: RejoinBarProps) {
  const { t } = useTranslation();
  const ownJid = useAccounts((state) => selectAccount(state, accountId)?.jid ?? '');
  const [busy, setBusy] = useState(false);
  if (room?.state === 'joining' || room?.state === 'offline') return null;
  const rejoin = () => {
    setBusy(true);
    onError(undefined);
    const nick = room?.nick ?? ownJid.split('@')[0] ?? '';
    call('muc.join', { accountId, room: peer, nick }).then(
      (joined) => {
        useRooms.getState().room(accountId, joined);
        setBusy(false);
      },
      (cause: unknown) => {
        onError(messageOf(cause));
        setBusy(false);
      },
    );
  };
  // §10.9: a destroyed room is gone; joining it again would create another.
  const destroyed = room?.state === 'removed' && room.removed?.reason === 'destroyed' ? room.removed : undefined;
  if (destroyed) {
    return (
      <div className="rejoin-bar">
        <div>
          <p>{destroyed.text === undefined ? t('room.destroyed') : t('room.destroyedBecause', { reason: destroyed.text })}</p>
          {destroyed.alternate !== undefined && <p>{t('room.destroyedAlternate', { room: destroyed.alternate })}</p>}
        </div>
      </div>
    );
  }
  return (
    <div className="rejoin-bar">
      <p>{room?.state === 'removed' ? t('room.removed') : t('room.notJoined')}</p>
      <button type="button" disabled={busy} onClick={rejoin}>
        {t('room.rejoin')}
      </button>
    </div>
  );
}
