// The main window once an account exists: header, account bar, contacts on the left, conversation on the right.
import { selectSelectedAccount, useAccounts } from '../../stores/accounts.ts';
import { useUi } from '../../stores/ui.ts';
import { SettingsDialog } from '../settings/SettingsDialog.tsx';
import { AccountBar } from './AccountBar.tsx';
import { AccountSwitcher } from './AccountSwitcher.tsx';
import { ConversationPane } from './ConversationPane.tsx';
import { Sidebar } from './Sidebar.tsx';

export function MainLayout() {
  const account = useAccounts(selectSelectedAccount);
  const settingsOpen = useUi((state) => state.settingsOpen);
  const stale = useUi((state) => state.link === 'lost');
  return (
    <div className={stale ? 'app stale' : 'app'}>
      <header className="topbar">
        <h1>Causette</h1>
        <AccountSwitcher />
        <button type="button" className="quiet" onClick={() => useUi.getState().setSettingsOpen(true)}>
          Settings
        </button>
      </header>
      {account && <AccountBar key={account.id} account={account} />}
      <div className="panes">
        <Sidebar />
        <ConversationPane />
      </div>
      {settingsOpen && <SettingsDialog account={account} />}
    </div>
  );
}
