// Removing an account from this computer, after an explicit confirmation.
import { useEffect, useId, useRef, useState } from 'react';
import type { Account } from '../../../shared/model/account.ts';
import { call, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';

interface RemoveAccountProps {
  readonly account: Account;
  readonly onRemoved: () => void;
}

export function RemoveAccount({ account, onRemoved }: RemoveAccountProps) {
  const id = useId();
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const keepRef = useRef<HTMLButtonElement>(null);
  const removeRef = useRef<HTMLButtonElement>(null);

  const asked = useRef(false);

  // The safe choice gets focus when the question appears; focus returns to "Remove account" when it goes.
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
      await call('account.remove', { accountId: account.id });
      onRemoved();
    } catch (failure) {
      setError(messageOf(failure));
      setBusy(false);
    }
  }

  return (
    <div className="remove-account">
      <p>
        Current account: <strong>{account.jid}</strong>
      </p>
      {!confirming ? (
        <div className="actions start">
          <button type="button" ref={removeRef} className="danger-quiet" onClick={() => setConfirming(true)}>
            Remove account
          </button>
        </div>
      ) : (
        <div role="group" aria-labelledby={`${id}-question`} className="confirm">
          <p id={`${id}-question`}>
            Remove {account.jid} from Causette? Its saved password and settings on this computer are deleted. The account
            itself stays on the server.
          </p>
          <div className="actions start">
            <button type="button" ref={keepRef} onClick={() => setConfirming(false)} disabled={busy}>
              Keep account
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
