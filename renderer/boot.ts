// Wires the api to the stores: events first, then the snapshot; a fresh snapshot after the link comes back.
import { install, messageOf, type Api } from './api.ts';
import { startBlockingSync } from './blocking-sync.ts';
import { startBookmarksSync } from './bookmarks-sync.ts';
import { startChatSync } from './chat-sync.ts';
import { startOmemoSync } from './omemo-sync.ts';
import { startRoomsSync } from './rooms-sync.ts';
import { startTransfersSync } from './transfers-sync.ts';
import { startRosterSync } from './roster-sync.ts';
import { useAccounts } from './stores/accounts.ts';
import { useSettings } from './stores/settings.ts';
import { useUi } from './stores/ui.ts';

let current: Api | undefined;

/** Loads (or reloads) everything the window shows from app.snapshot. */
export async function loadSnapshot(): Promise<void> {
  if (!current) return;
  const ui = useUi.getState();
  if (ui.boot.status === 'failed') ui.setBoot({ status: 'loading' });
  try {
    const snapshot = await current.call('app.snapshot', {});
    useAccounts.getState().snapshot(snapshot.accounts);
    useSettings.getState().snapshot(snapshot);
    useUi.getState().setBoot({ status: 'ready' });
  } catch (error) {
    // After a first success, a failed reload leaves the last known state and the "connection lost" banner.
    if (useUi.getState().boot.status !== 'ready') useUi.getState().setBoot({ status: 'failed', message: messageOf(error) });
  }
}

export function start(api: Api): void {
  current = api;
  install(api);
  // Listening before asking for the snapshot: nothing that happens in between is missed.
  api.on('account.updated', (account) => useAccounts.getState().updated(account));
  api.on('account.removed', ({ accountId }) => {
    useAccounts.getState().removed(accountId);
    useUi.getState().forgetSignIn(accountId);
  });
  api.on('settings.updated', (settings) => useSettings.getState().updated(settings));
  startRosterSync(api);
  startBlockingSync(api);
  startChatSync(api);
  startOmemoSync(api);
  startRoomsSync(api);
  startTransfersSync(api);
  startBookmarksSync(api);

  useUi.getState().setLink(api.linkState());
  api.onLinkState((link) => {
    const before = useUi.getState().link;
    useUi.getState().setLink(link);
    // Events were missed while the link was down.
    if (link === 'open' && before === 'lost') void loadSnapshot();
  });
  void loadSnapshot();
}
