// Blocking a contact (XEP-0191) after a confirmation, optionally reporting spam (XEP-0377); unblocking when blocked.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api.ts';
import { Alert } from '../../components/Alert.tsx';
import { useConfirmation } from '../../components/use-confirmation.ts';
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
  const { asking, ask, keep, busy, error, run, keepRef, askRef } = useConfirmation<'block'>();
  const block = (report?: 'spam') => run(() => call('blocking.block', { accountId, jid, ...(report === undefined ? {} : { report }) }), 'close');
  const unblock = () => run(() => call('blocking.unblock', { accountId, jid }), 'close');

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
      ) : asking === undefined ? (
        <div className="actions start">
          <button type="button" ref={askRef('block')} className="danger-quiet" onClick={() => ask('block')}>
            {t('blocking.block')}
          </button>
        </div>
      ) : (
        <div role="group" aria-labelledby={`${id}-question`} className="confirm">
          <p id={`${id}-question`}>
            {name === jid ? t('blocking.questionAddress', { jid }) : t('blocking.question', { name, jid })}
          </p>
          <div className="actions start">
            <button type="button" ref={keepRef} onClick={keep} disabled={busy}>
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
