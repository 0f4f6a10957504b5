// Chooses which account the window shows, when there is more than one.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { selectSelectedAccount, useAccounts } from '../../stores/accounts.ts';

export function AccountSwitcher() {
  const id = useId();
  const { t } = useTranslation();
  const accounts = useAccounts((state) => state.accounts);
  const selected = useAccounts(selectSelectedAccount);
  if (accounts.length < 2 || !selected) return null;
  return (
    <div className="switcher">
      <label htmlFor={`${id}-account`}>{t('account.switch')}</label>
      <select id={`${id}-account`} value={selected.id} onChange={(event) => useAccounts.getState().select(event.target.value)}>
        {accounts.map((account) => (
          <option key={account.id} value={account.id}>
            {account.jid}
          </option>
        ))}
      </select>
    </div>
  );
}
