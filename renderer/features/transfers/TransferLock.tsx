// Says that a transfer is end-to-end encrypted (a Jingle transport with OMEMO, XEP-0391/0396, or an aesgcm:// upload), in
// words beside the padlock; nothing for one that is not.
import { useTranslation } from 'react-i18next';
import type { Transfer } from '../../../shared/model/transfer.ts';
import { LockIcon } from '../encryption/LockIcon.tsx';

export function TransferLock({ transfer }: { readonly transfer: Pick<Transfer, 'encrypted'> }) {
  const { t } = useTranslation();
  if (transfer.encrypted !== true) return null;
  return (
    <span className="transfer-encrypted">
      <LockIcon locked /> {t('transfers.encrypted')}
    </span>
  );
}
