// Whether files go directly with this contact (XEP-0260 §6.1): with a mutual subscription they do; anyone else learns our
// IP address from a direct transfer only once the user allows it here, else files go by the proxy or in-band.
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Contact } from '../../../shared/model/contact.ts';
import { call, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { useSettings } from '../../stores/settings.ts';

export function DirectTransfers({ accountId, contact, name }: { readonly accountId: string; readonly contact: Contact; readonly name: string }) {
  const id = useId();
  const { t } = useTranslation();
  const enabled = useSettings((state) => state.settings.directTransfers);
  const mutual = contact.subscription === 'both';
  const [allowed, setAllowed] = useState<boolean>();
  const [error, setError] = useState<string>();

  useEffect(() => {
    if (mutual) return;
    let current = true;
    call('transfer.directAllowed', { accountId, peer: contact.jid })
      .then((value) => current && setAllowed(value))
      .catch((failure: unknown) => current && setError(messageOf(failure)));
    return () => void (current = false);
  }, [accountId, contact.jid, mutual]);

  async function choose(next: boolean) {
    setError(undefined);
    try {
      // The box follows what the core kept.
      setAllowed(await call('transfer.allowDirect', { accountId, peer: contact.jid, allowed: next }));
    } catch (failure) {
      setError(messageOf(failure));
    }
  }

  return (
    <section className="stack" aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{t('contact.directTitle')}</h3>
      {mutual ? (
        <p className="hint">{t('contact.directMutual', { name })}</p>
      ) : (
        <>
          <div className="field check">
            <input
              id={`${id}-allow`}
              type="checkbox"
              aria-describedby={`${id}-hint`}
              checked={allowed === true}
              disabled={allowed === undefined}
              onChange={(event) => void choose(event.target.checked)}
            />
            <label htmlFor={`${id}-allow`}>{t('contact.allowDirect', { name })}</label>
          </div>
          <p id={`${id}-hint`} className="hint">
            {t('contact.allowDirectHint', { name })}
          </p>
        </>
      )}
      {!enabled && <p className="hint warning">{t('contact.directOff')}</p>}
      {error !== undefined && <Alert>{error}</Alert>}
    </section>
  );
}
