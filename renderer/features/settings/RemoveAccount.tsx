// Removing an account from this computer, after an explicit confirmation.
import { Trans, useTranslation } from 'react-i18next';
import type { Account } from '../../../shared/model/account.ts';
import { call } from '../../api.ts';
import { ConfirmedAction } from '../../components/ConfirmedAction.tsx';

interface RemoveAccountProps {
  readonly account: Account;
  readonly onRemoved: () => void;
}

export function RemoveAccount({ account, onRemoved }: RemoveAccountProps) {
  const { t } = useTranslation();
  return (
    <div className="remove-account">
      <p>
        <Trans i18nKey="removeAccount.current" values={{ jid: account.jid }} components={{ strong: <strong /> }} />
      </p>
      <ConfirmedAction
        label={t('removeAccount.label')}
        question={t('removeAccount.question', { jid: account.jid })}
        keepLabel={t('removeAccount.keep')}
        confirmLabel={t('remove.confirm')}
        run={async () => {
          await call('account.remove', { accountId: account.id });
          onRemoved();
        }}
      />
    </div>
  );
}
