// Keeps the bookmarks slice current: muc.bookmarks whenever an account comes online, then the events.
import { whenOnline } from './account-online.ts';
import type { Api } from './api.ts';
import { useAccounts } from './stores/accounts.ts';
import { useBookmarks } from './stores/bookmarks.ts';

const known = (accountId: string) => useAccounts.getState().accounts.some((account) => account.id === accountId);

async function load(api: Api, accountId: string): Promise<void> {
  try {
    const bookmarks = await api.call('muc.bookmarks', { accountId });
    if (known(accountId)) useBookmarks.getState().loaded(accountId, bookmarks);
  } catch {
    // Signed out meanwhile: the next time it is online it is asked again.
  }
}

export function startBookmarksSync(api: Api): void {
  api.on('muc.bookmarks', ({ accountId, bookmarks }) => useBookmarks.getState().loaded(accountId, bookmarks));
  api.on('muc.autojoinFailed', ({ accountId, room, error }) => useBookmarks.getState().failed(accountId, room, error));
  api.on('account.removed', ({ accountId }) => useBookmarks.getState().forget(accountId));
  whenOnline(api, (accountId) => void load(api, accountId), { atStart: true });
}
