// Removing a contact from the roster (RFC 6121 §2.5), which also ends presence sharing both ways, after a confirmation.
import { useEffect, useId, useRef, useState } from 'react';
import type { Contact } from '../../../shared/model/contact.ts';
import { call, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { displayName } from '../presence/labels.ts';

interface RemoveContactProps {
  readonly accountId: string;
  readonly contact: Contact;
  readonly onRemoved: () => void;
}

export function RemoveContact({ accountId, contact, onRemoved }: RemoveContactProps) {
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const keepRef = useRef<HTMLButtonElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);

  // The safe choice gets focus when the question appears; focus returns to "Remove contact" when it goes.
  useEffect(() => {
    if (confirming) {
      asked.current = true;
      keepRef.current?.focus();
    } else if (asked.current) {
      removeRef.current?.focus();
    }
  }, [confirming]);

  async function remove() {
    setBusy(true);
    setError(undefined);
    try {
      await call('roster.remove', { accountId, jid: contact.jid });
      onRemoved();
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(false);
    }
  }

  return (
    <div className="remove-contact">
      {!confirming ? (
        <div className="actions start">
          <button type="button" ref={removeRef} className="danger-quiet" onClick={() => setConfirming(true)}>
            Remove contact
          </button>
        </div>
      ) : (
        <div role="group" aria-labelledby={`${id}-question`} className="confirm">
          <p id={`${id}-question`}>
            Remove {displayName(contact)} ({contact.jid}) from your contacts? You stop seeing each other’s presence.
          </p>
          <div className="actions start">
            <button type="button" ref={keepRef} onClick={() => setConfirming(false)} disabled={busy}>
              Keep contact
            </button>
            <button type="button" className="danger" onClick={() => void remove()} disabled={busy}>
              Remove
            </button>
          </div>
        </div>
      )}
      {error !== undefined && <Alert>{error}</Alert>}
    </div>
  );
}
