// Removing an account from this computer, after an explicit confirmation that also asks about its history and password.
import { useId, useState } from 'react';
import { Trans, useTranslation } from 'react-i18next';
import type { Account } from '../../../shared/model/account.ts';
import { call } from '../../api.ts';
import { ConfirmedAction } from '../../components/ConfirmedAction.tsx';

interface RemoveAccountProps {
  readonly account: Account;
  readonly onRemoved: () => void;
}

/**
 * As Gajim does, the question says what else goes. By default the history stays (it cannot be had back, and the
 * server's archive may not hold all of it) and the saved password goes (no secret is left behind for an account gone).
 */
export function RemoveAccount({ account, onRemoved }: RemoveAccountProps) {
  const id = useId();
  const { t } = useTranslation();
  const [deleteHistory, setDeleteHistory] = useState(false);
  const [forgetPassword, setForgetPassword] = useState(true);
  return (
    <div className="remove-account">
      <p>
        <Trans i18nKey="removeAccount.current" values={{ jid: account.jid }} components={{ strong: <strong /> }} />
      </p>
      <ConfirmedAction
        label={t('removeAccount.label')}
        question={t('removeAccount.question', { jid: account.jid })}
        options={
          <div className="stack tight">
            <div className="field check">
              <input id={`${id}-history`} type="checkbox" aria-describedby={`${id}-history-hint`} checked={deleteHistory} onChange={(event) => setDeleteHistory(event.target.checked)} />
              <label htmlFor={`${id}-history`}>{t('removeAccount.deleteHistory')}</label>
              <p id={`${id}-history-hint`} className="hint">
                {deleteHistory ? t('removeAccount.deleteHistoryHint') : t('removeAccount.keepHistoryHint')}
              </p>
            </div>
            {account.passwordSaved && (
              <div className="field check">
                <input id={`${id}-password`} type="checkbox" checked={forgetPassword} onChange={(event) => setForgetPassword(event.target.checked)} />
                <label htmlFor={`${id}-password`}>{t('removeAccount.forgetPassword')}</label>
              </div>
            )}
          </div>
        }
        keepLabel={t('removeAccount.keep')}
        confirmLabel={t('remove.confirm')}
        run={async () => {
          await call('account.remove', { accountId: account.id, deleteHistory, forgetPassword });
          onRemoved();
        }}
      />
    </div>
  );
}
