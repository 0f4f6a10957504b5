// The lock on a one-to-one or room message: whether it was end-to-end encrypted (OMEMO, XEP-0384) and, for a one-to-one
// message another device sent, whether that device is verified now (so verifying it later changes the mark).
import { useTranslation } from 'react-i18next';
import type { Message } from '../../../shared/model/message.ts';
import { selectMessageLock, useOmemo } from '../../stores/omemo.ts';
import { LockIcon } from './LockIcon.tsx';

interface EncryptionMarkProps {
  readonly accountId: string;
  readonly ownJid: string;
  readonly message: Pick<Message, 'kind' | 'encrypted' | 'senderDevice' | 'direction' | 'peer'>;
}

export function EncryptionMark({ accountId, ownJid, message }: EncryptionMarkProps) {
  const { t } = useTranslation();
  const encrypted = message.encrypted === true;
  // Ours from this device carries no sender device: nothing to verify. One from another device of ours came as a carbon.
  const sender = message.direction === 'in' ? message.peer : ownJid;
  // In a room the sender's own address is not known here: its lock says encrypted, not by whom.
  const lock = useOmemo((state) => (message.senderDevice === undefined || message.kind !== 'chat' ? undefined : selectMessageLock(state, accountId, sender, message.senderDevice, encrypted)));
  const label = !encrypted ? t('encryption.notEncrypted') : lock === 'verified' ? t('encryption.fromVerified') : lock === 'unverified' ? t('encryption.fromUnverified') : t('encryption.encrypted');
  const className = ['encryption-mark', encrypted ? 'encrypted' : '', lock === 'verified' ? 'verified' : ''].filter(Boolean).join(' ');
  return (
    <span role="img" aria-label={label} title={label} className={className}>
      <LockIcon locked={encrypted} verified={lock === 'verified'} />
    </span>
  );
}
