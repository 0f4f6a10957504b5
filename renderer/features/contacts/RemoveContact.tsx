// Removing a contact from the roster (RFC 6121 §2.5), which also ends presence sharing both ways, after a confirmation.
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../shared/model/contact.ts';
import { call } from '../../api.ts';
import { ConfirmedAction } from '../../components/ConfirmedAction.tsx';
import { displayName } from '../presence/labels.ts';

interface RemoveContactProps {
  readonly accountId: string;
  readonly contact: Contact;
  readonly onRemoved: () => void;
}

export function RemoveContact({ accountId, contact, onRemoved }: RemoveContactProps) {
  const { t } = useTranslation();
  return (
    <ConfirmedAction
      label={t('remove.label')}
      question={displayName(contact) === contact.jid ? t('remove.questionAddress', { jid: contact.jid }) : t('remove.question', { name: displayName(contact), jid: contact.jid })}
      keepLabel={t('remove.keep')}
      confirmLabel={t('remove.confirm')}
      run={async () => {
        await call('roster.remove', { accountId, jid: contact.jid });
        onRemoved();
      }}
    />
  );
}
