// The main window once an account exists: header, account bar, contacts on the left, conversation or contact details on the right.
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { selectSelectedAccount, useAccounts } from '../../stores/accounts.ts';
import { selectAccountRoster, selectGroupNames, useRoster } from '../../stores/roster.ts';
import { selectConversation, useChat } from '../../stores/chat.ts';
import { selectRoom, useRooms } from '../../stores/rooms.ts';
import { useUi } from '../../stores/ui.ts';
import { ChatPane } from '../chat/ChatPane.tsx';
import { ContactDetails } from '../contacts/ContactDetails.tsx';
import { JumpDialog } from '../jump/JumpDialog.tsx';
import { displayName } from '../presence/labels.ts';
import { occupantName } from '../rooms/occupant-name.ts';
import { SettingsDialog } from '../settings/SettingsDialog.tsx';
import { TransfersButton } from '../transfers/TransfersButton.tsx';
import { AccountBar } from './AccountBar.tsx';
import { AccountSwitcher } from './AccountSwitcher.tsx';
import { ConversationPane } from './ConversationPane.tsx';
import { Sidebar } from './Sidebar.tsx';

export function MainLayout() {
  const { t } = useTranslation();
  const account = useAccounts(selectSelectedAccount);
  const settingsOpen = useUi((state) => state.settingsOpen);
  const [jumping, setJumping] = useState(false);
  useJumpShortcut(() => setJumping(account !== undefined && !useUi.getState().settingsOpen));
  useFocusOnOpen();
  const stale = useUi((state) => state.link === 'lost' || state.link === 'refused');
  const open = useUi((state) => state.openContact);
  const roster = useRoster((state) => selectAccountRoster(state, account?.id));
  // Shown while the contact exists in the account on screen; gone (removed, other account) means the conversation pane.
  const contact = open && open.accountId === account?.id ? roster?.contacts.get(open.jid) : undefined;
  const chat = useUi((state) => state.openChat);
  const peer = chat && chat.accountId === account?.id ? chat.peer : undefined;
  const peerContact = peer === undefined ? undefined : roster?.contacts.get(peer);
  const peerRoom = useRooms((state) => (peer === undefined ? undefined : selectRoom(state, account?.id, peer)));
  const roomConversation = useChat((state) => (account && peer !== undefined ? selectConversation(state, account.id, peer)?.room === true : false));
  // A narrow window shows either the sidebar or this pane (layout.css).
  const showingPane = account !== undefined && (contact !== undefined || peer !== undefined);
  return (
    <div className={['app', stale ? 'stale' : '', showingPane ? 'showing-pane' : ''].filter(Boolean).join(' ')}>
      <header className="topbar">
        <h1>Causette</h1>
        <AccountSwitcher />
        {account && (
          <button type="button" className="quiet" aria-keyshortcuts="Control+K Meta+K" title={t('jump.shortcut')} onClick={() => setJumping(true)}>
            {t('jump.open')}
          </button>
        )}
        <TransfersButton />
        <button type="button" className="quiet" onClick={() => useUi.getState().setSettingsOpen(true)}>
          {t('settings.open')}
        </button>
      </header>
      {account && <AccountBar key={account.id} account={account} />}
      <div className="panes">
        <Sidebar />
        {account && contact ? (
          <ContactDetails key={contact.jid} accountId={account.id} contact={contact} groupNames={selectGroupNames(roster)} />
        ) : account && peer !== undefined ? (
          <ChatPane
            key={`${account.id} ${peer}`}
            accountId={account.id}
            peer={peer}
            name={peerContact ? displayName(peerContact) : (peerRoom?.name ?? occupantName(peer, t) ?? peer)}
            contact={peerContact}
            online={account.connection.status === 'online'}
            room={peerRoom !== undefined || roomConversation}
          />
        ) : (
          <ConversationPane />
        )}
      </div>
      {settingsOpen && <SettingsDialog account={account} />}
      {jumping && account && <JumpDialog key={account.id} accountId={account.id} onClose={() => setJumping(false)} />}
    </div>
  );
}

/** Ctrl+K (Cmd+K on macOS) from anywhere in the window, as in Element, Slack and most editors. */
function useJumpShortcut(onJump: () => void): void {
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey || event.shiftKey || event.key.toLowerCase() !== 'k') return;
      event.preventDefault();
      onJump();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [onJump]);
}

/**
 * Opened (at start, or once signed in, the welcome screen and its focus gone): the focus goes to the sidebar, on the
 * latest conversation, else the contacts, else "Add contact", so that the keyboard starts somewhere useful.
 */
function useFocusOnOpen(): void {
  useEffect(() => {
    const frame = requestAnimationFrame(() => {
      if (document.activeElement !== null && document.activeElement !== document.body) return;
      const candidates = ['.sidebar .conversation-item', '.contact-list button[tabindex="0"]', '.sidebar-head button'];
      for (const selector of candidates) {
        const target = document.querySelector<HTMLElement>(selector);
        if (target) return target.focus();
      }
    });
    return () => cancelAnimationFrame(frame);
  }, []);
}
