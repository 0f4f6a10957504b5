// What can be changed about presence sharing with a contact (RFC 6121 §3), offered only where it applies.
import { useState } from 'react';
import type { Contact } from '../../../shared/model/contact.ts';
import { call, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { subscriptionActions, type SubscriptionCommand } from './subscription-actions.ts';

export function SubscriptionActions({ accountId, contact }: { readonly accountId: string; readonly contact: Contact }) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const actions = subscriptionActions(contact);

  async function run(command: SubscriptionCommand) {
    setBusy(true);
    setError(undefined);
    try {
      await call(command, { accountId, jid: contact.jid });
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }

  if (actions.length === 0) return null;
  return (
    <>
      <div className="actions start">
        {actions.map(({ label, command }) => (
          <button key={label} type="button" disabled={busy} onClick={() => void run(command)}>
            {label}
          </button>
        ))}
      </div>
      {error !== undefined && <Alert>{error}</Alert>}
    </>
  );
}
