// Chooses which account the window shows, when there is more than one, with each account's unread count.
import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useShallow } from 'zustand/react/shallow';
import { selectSelectedAccount, useAccounts } from '../../stores/accounts.ts';
import { selectAccountUnread, useChat } from '../../stores/chat.ts';

export function AccountSwitcher() {
  const id = useId();
  const { t } = useTranslation();
  const accounts = useAccounts((state) => state.accounts);
  const selected = useAccounts(selectSelectedAccount);
  const unread = useChat(useShallow((state) => accounts.map((account) => selectAccountUnread(state, account.id))));
  if (accounts.length < 2 || !selected) return null;
  const elsewhere = accounts.reduce((total, account, index) => total + (account.id === selected.id ? 0 : (unread[index] ?? 0)), 0);
  return (
    <div className="switcher">
      <label htmlFor={`${id}-account`}>{t('account.switch')}</label>
      <select id={`${id}-account`} value={selected.id} onChange={(event) => useAccounts.getState().select(event.target.value)}>
        {accounts.map((account, index) => (
          <option key={account.id} value={account.id}>
            {(unread[index] ?? 0) > 0 ? t('account.withUnread', { jid: account.jid, count: unread[index] }) : account.jid}
          </option>
        ))}
      </select>
      {elsewhere > 0 && (
        <span className="unread-badge elsewhere" role="status">
          {t('account.unreadElsewhere', { count: elsewhere })}
        </span>
      )}
    </div>
  );
}
