// The Settings section listing the account's blocked addresses (XEP-0191), each with its "Unblock" button.
import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { selectBlocking, useBlocking } from '../../stores/blocking.ts';

export function BlockedContacts({ accountId }: { readonly accountId: string }) {
  const id = useId();
  const { t } = useTranslation();
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
      <h3 id={`${id}-title`}>{t('blocking.title')}</h3>
      {!blocking.supported && blocking.jids.length === 0 ? (
        <p className="hint">{t('blocking.unsupported')}</p>
      ) : blocking.jids.length === 0 ? (
        <p className="hint">{t('blocking.nobody')}</p>
      ) : (
        <ul aria-label={t('blocking.title')} className="blocked-list">
          {blocking.jids.map((jid) => (
            <li key={jid}>
              <span className="jid">{jid}</span>
              <button type="button" aria-label={t('blocking.unblockJid', { jid })} disabled={busy === jid} onClick={() => void unblock(jid)}>
                {t('blocking.unblock')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {error !== undefined && <Alert>{error}</Alert>}
    </section>
  );
}
