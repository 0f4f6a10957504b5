// The left pane: the message search, contact requests, the contact search, the contact list, and "Add contact".
import { useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ensureRoster, loadRoster } from '../../roster-sync.ts';
import { selectSelectedAccount, useAccounts } from '../../stores/accounts.ts';
import { selectAccountRoster, useRoster } from '../../stores/roster.ts';
import { Alert } from '../../components/Alert.tsx';
import { ConversationList } from '../chat/ConversationList.tsx';
import { AddContactDialog } from '../contacts/AddContactDialog.tsx';
import { ContactList } from '../contacts/ContactList.tsx';
import { ContactRequests } from '../requests/ContactRequests.tsx';
import { MessageSearch } from '../search/MessageSearch.tsx';

export function Sidebar() {
  const id = useId();
  const { t } = useTranslation();
  const account = useAccounts(selectSelectedAccount);
  const roster = useRoster((state) => selectAccountRoster(state, account?.id));
  const [query, setQuery] = useState('');
  const [adding, setAdding] = useState(false);
  const online = account?.connection.status === 'online';

  // On selection (or when it comes online): this account's roster, if not loaded yet.
  useEffect(() => {
    if (account && online) ensureRoster(account.id);
  }, [account, online]);

  const count = roster?.contacts.size ?? 0;
  return (
    <nav className="sidebar" aria-label={t('sidebar.label')}>
      {account && <MessageSearch />}
      {account && <ConversationList key={account.id} accountId={account.id} ownJid={account.jid} />}
      <div className="sidebar-head">
        <h2 id={`${id}-title`}>{t('sidebar.contacts')}</h2>
        <button type="button" onClick={() => setAdding(true)} disabled={!account || !online}>
          {t('sidebar.addContact')}
        </button>
      </div>
      {account && roster && <ContactRequests accountId={account.id} roster={roster} />}
      {account && roster?.loadError !== undefined && (
        <Alert>
          <p>{t('sidebar.loadFailed', { reason: roster.loadError })}</p>
          <div className="actions start">
            <button type="button" onClick={() => void loadRoster(account.id)}>
              {t('common.tryAgain')}
            </button>
          </div>
        </Alert>
      )}
      {count > 0 && (
        <div role="search" className="contact-search">
          <label htmlFor={`${id}-search`} className="visually-hidden">
            {t('sidebar.searchContacts')}
          </label>
          <input
            id={`${id}-search`}
            type="search"
            placeholder={t('sidebar.searchContacts')}
            autoComplete="off"
            spellCheck={false}
            value={query}
            onChange={(event) => setQuery(event.target.value)}
          />
        </div>
      )}
      {account && roster && count > 0 ? (
        <ContactList key={account.id} accountId={account.id} contacts={roster.contacts} query={query} />
      ) : (
        roster?.loadError === undefined && <EmptyContacts online={online} loading={online && !roster?.loaded} />
      )}
      {adding && account && <AddContactDialog accountId={account.id} ownJid={account.jid} onClose={() => setAdding(false)} />}
    </nav>
  );
}

function EmptyContacts({ online, loading }: { readonly online: boolean; readonly loading: boolean }) {
  const { t } = useTranslation();
  if (loading) {
    return (
      <p role="status" className="progress working">
        {t('sidebar.loading')}
      </p>
    );
  }
  return (
    <div className="empty">
      <p>{t('sidebar.empty')}</p>
      <p className="hint">{online ? t('sidebar.emptyHint') : t('sidebar.signInHint')}</p>
    </div>
  );
}
