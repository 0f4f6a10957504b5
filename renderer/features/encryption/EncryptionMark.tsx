// The lock on a one-to-one or room message: whether it was end-to-end encrypted (OMEMO, XEP-0384), as a mark with a name.
import { useTranslation } from 'react-i18next';
import { LockIcon } from './LockIcon.tsx';

export function EncryptionMark({ encrypted }: { readonly encrypted: boolean }) {
  const { t } = useTranslation();
  const label = encrypted ? t('encryption.encrypted') : t('encryption.notEncrypted');
  return (
    <span role="img" aria-label={label} title={label} className={`encryption-mark${encrypted ? ' encrypted' : ''}`}>
      <LockIcon locked={encrypted} />
    </span>
  );
}
