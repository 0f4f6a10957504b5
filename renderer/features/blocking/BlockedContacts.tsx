// The Settings section listing the account's blocked addresses (XEP-0191), each with its "Unblock" button.
import { useId, useState } from 'react';
import { call, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { selectBlocking, useBlocking } from '../../stores/blocking.ts';

export function BlockedContacts({ accountId }: { readonly accountId: string }) {
  const id = useId();
  const blocking = useBlocking((state) => selectBlocking(state, accountId));
  const [busy, setBusy] = useState<string>();
  const [error, setError] = useState<string>();

  async function unblock(jid: string) {
    setBusy(jid);
    setError(undefined);
    try {
      await call('blocking.unblock', { accountId, jid });
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(undefined);
    }
  }

  return (
    <section aria-labelledby={`${id}-title`} className="stack">
      <h3 id={`${id}-title`}>Blocked contacts</h3>
      {!blocking.supported && blocking.jids.length === 0 ? (
        <p className="hint">This account’s server does not offer blocking, or the account is offline.</p>
      ) : blocking.jids.length === 0 ? (
        <p className="hint">Nobody is blocked.</p>
      ) : (
        <ul aria-label="Blocked contacts" className="blocked-list">
          {blocking.jids.map((jid) => (
            <li key={jid}>
              <span className="jid">{jid}</span>
              <button type="button" aria-label={`Unblock ${jid}`} disabled={busy === jid} onClick={() => void unblock(jid)}>
                Unblock
              </button>
            </li>
          ))}
        </ul>
      )}
      {error !== undefined && <Alert>{error}</Alert>}
    </section>
  );
}
