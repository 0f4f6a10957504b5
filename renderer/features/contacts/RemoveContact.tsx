// Removing a contact from the roster (RFC 6121 §2.5), which also ends presence sharing both ways, after a confirmation.
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
  return (
    <ConfirmedAction
      label="Remove contact"
      question={`Remove ${displayName(contact)} (${contact.jid}) from your contacts? You stop seeing each other’s presence.`}
      keepLabel="Keep contact"
      confirmLabel="Remove"
      run={async () => {
        await call('roster.remove', { accountId, jid: contact.jid });
        onRemoved();
      }}
    />
  );
}
