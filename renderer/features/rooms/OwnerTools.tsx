// An owner's part in the room (XEP-0045 §10): its configuration (§10.2) and its destruction (§10.9), each in a dialog.
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { selectRoom, useRooms } from '../../stores/rooms.ts';
import { DestroyRoomDialog } from './DestroyRoomDialog.tsx';
import { RoomConfigDialog } from './RoomConfigDialog.tsx';

interface OwnerToolsProps {
  readonly accountId: string;
  readonly room: string;
}

export function OwnerTools({ accountId, room }: OwnerToolsProps) {
  const { t } = useTranslation();
  const name = useRooms((state) => selectRoom(state, accountId, room)?.name) ?? room;
  const [open, setOpen] = useState<'configure' | 'destroy'>();
  return (
    <>
      <button type="button" className="quiet" onClick={() => setOpen('configure')}>
        {t('roomConfig.open')}
      </button>
      <button type="button" className="quiet danger-quiet" onClick={() => setOpen('destroy')}>
        {t('destroyRoom.open')}
      </button>
      {open === 'configure' && <RoomConfigDialog accountId={accountId} room={room} onClose={() => setOpen(undefined)} />}
      {open === 'destroy' && <DestroyRoomDialog accountId={accountId} room={room} name={name} onClose={() => setOpen(undefined)} />}
    </>
  );
}
