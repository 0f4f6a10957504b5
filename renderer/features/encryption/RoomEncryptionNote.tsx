// Why a room cannot be encrypted in, said in the room's header: OMEMO needs to know every member's real address (XEP-0384
// as OMEMO clients apply it to rooms: members-only, non-anonymous).
import { useTranslation } from 'react-i18next';
import { useEncryption } from './use-encryption.ts';

interface RoomEncryptionNoteProps {
  readonly accountId: string;
  readonly room: string;
  readonly id: string;
}

export function RoomEncryptionNote({ accountId, room, id }: RoomEncryptionNoteProps) {
  const { t } = useTranslation();
  const [state] = useEncryption(accountId, room);
  if (state?.reason === undefined) return null;
  return (
    <p className="room-encryption-note" id={id}>
      {state.reason === 'notMembersOnly' ? t('encryption.roomNotMembersOnly') : t('encryption.roomAnonymous')}
    </p>
  );
}
