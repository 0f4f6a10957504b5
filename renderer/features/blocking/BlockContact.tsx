// Blocking a contact (XEP-0191) after a confirmation, optionally reporting spam (XEP-0377); unblocking when blocked.
import { useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, messageOf } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { selectBlocking, useBlocking } from '../../stores/blocking.ts';

interface BlockContactProps {
  readonly accountId: string;
  readonly jid: string;
  /** How to name them in the question. */
  readonly name: string;
}

export function BlockContact({ accountId, jid, name }: BlockContactProps) {
  const id = useId();
  const { t } = useTranslation();
  const blocking = useBlocking((state) => selectBlocking(state, accountId));
  const blocked = blocking.jids.includes(jid);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const cancelRef = useRef<HTMLButtonElement>(null);
  const blockRef = useRef<HTMLButtonElement>(null);
  const asked = useRef(false);

  // The safe choice gets focus when the question appears; focus returns to "Block" when it goes.
  useEffect(() => {
    if (confirming) {
      asked.current = true;
      cancelRef.current?.focus();
    } else if (asked.current) {
      blockRef.current?.focus();
    }
  }, [confirming]);

  async function run(work: () => Promise<unknown>) {
    setBusy(true);
    setError(undefined);
    try {
      await work();
      setConfirming(false);
    } catch (failure) {
      setError(messageOf(failure));
    } finally {
      setBusy(false);
    }
  }
  const block = (report?: 'spam') => run(() => call('blocking.block', { accountId, jid, ...(report === undefined ? {} : { report }) }));
  const unblock = () => run(() => call('blocking.unblock', { accountId, jid }));

  if (!blocking.supported && !blocked) return null;
  return (
    <div className="block-contact">
      {blocked ? (
        <div className="actions start">
          <span className="hint">{t('blocking.blocked', { jid })}</span>
          <button type="button" disabled={busy} onClick={() => void unblock()}>
            {t('blocking.unblock')}
          </button>
        </div>
      ) : !confirming ? (
        <div className="actions start">
          <button type="button" ref={blockRef} className="danger-quiet" onClick={() => setConfirming(true)}>
            {t('blocking.block')}
          </button>
        </div>
      ) : (
        <div role="group" aria-labelledby={`${id}-question`} className="confirm">
          <p id={`${id}-question`}>
            {name === jid ? t('blocking.questionAddress', { jid }) : t('blocking.question', { name, jid })}
          </p>
          <div className="actions start">
            <button type="button" ref={cancelRef} onClick={() => setConfirming(false)} disabled={busy}>
              {t('common.cancel')}
            </button>
            <button type="button" className="danger" onClick={() => void block()} disabled={busy}>
              {t('blocking.block')}
            </button>
            {blocking.reportSupported && (
              <button type="button" className="danger" onClick={() => void block('spam')} disabled={busy}>
                {t('blocking.report')}
              </button>
            )}
          </div>
        </div>
      )}
      {error !== undefined && <Alert>{error}</Alert>}
    </div>
  );
}
