// Whether a private message through a room (XEP-0045 §7.5) is end-to-end encrypted: it follows the room's Encryption
// switch (XEP-0384, as Conversations does), encrypted for the occupant's real JID's devices.
import { useTranslation } from 'react-i18next';
import { Pause } from '../contacts/Pause.tsx';
import { useEncryption } from './use-encryption.ts';

export function PrivateEncryption({ accountId, room }: { readonly accountId: string; readonly room: string }) {
  const { t } = useTranslation();
  const [state] = useEncryption(accountId, room);
  const on = state?.on === true;
  return (
    <span className="encryption" title={on ? t('chat.privateEncryptedHint') : t('chat.notEncryptedHint')}>
      <Pause />
      {on ? t('chat.privateEncrypted') : t('chat.notEncrypted')}
    </span>
  );
}
