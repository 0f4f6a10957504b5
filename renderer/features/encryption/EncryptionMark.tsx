// The lock on a one-to-one or room message: whether it was end-to-end encrypted (OMEMO, XEP-0384) and, for a message another
// device sent, whether that device is verified now (so verifying it later changes the mark). In a room, the device is the
// occupant's real JID's (members-only rooms that show addresses, where encryption works).
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../shared/model/message.ts';
import { useKnownDevices } from '../../omemo-sync.ts';
import { selectDevices, selectMessageLock, useOmemo } from '../../stores/omemo.ts';
import { LockIcon } from './LockIcon.tsx';

interface EncryptionMarkProps {
  readonly accountId: string;
  readonly ownJid: string;
  readonly message: Pick<Message, 'kind' | 'encrypted' | 'senderDevice' | 'direction' | 'peer' | 'sender'>;
}

/** Whose device sent it: the contact, the room occupant's real JID in a room or privately (undefined when the room did not show it), or us. */
function senderOf(message: EncryptionMarkProps['message'], ownJid: string): string | undefined {
  if (message.direction === 'out') return ownJid;
  return message.kind === 'chat' ? message.peer : message.sender?.jid;
}

export function EncryptionMark({ accountId, ownJid, message }: EncryptionMarkProps) {
  const { t } = useTranslation();
  const encrypted = message.encrypted === true;
  // Ours from this device carries no sender device (or, echoed by a room, this device's): nothing to verify. One from another device of ours came as a carbon or through the room.
  const sender = encrypted && message.senderDevice !== undefined ? senderOf(message, ownJid) : undefined;
  // A room's occupants are no contacts whose devices a conversation asked for: asked once when a lock needs them.
  useKnownDevices(accountId, sender ?? '');
  const lock = useOmemo((state) => {
    if (sender === undefined || message.senderDevice === undefined) return undefined;
    if (sender === ownJid && selectDevices(state, accountId, ownJid)?.own.deviceId === message.senderDevice) return undefined;
    return selectMessageLock(state, accountId, sender, message.senderDevice, encrypted);
  });
  const label = !encrypted ? t('encryption.notEncrypted') : lock === 'verified' ? t('encryption.fromVerified') : lock === 'unverified' ? t('encryption.fromUnverified') : t('encryption.encrypted');
  const className = ['encryption-mark', encrypted ? 'encrypted' : '', lock === 'verified' ? 'verified' : ''].filter(Boolean).join(' ');
  return (
    <span role="img" aria-label={label} title={label} className={className}>
      <LockIcon locked={encrypted} verified={lock === 'verified'} />
    </span>
  );
}
