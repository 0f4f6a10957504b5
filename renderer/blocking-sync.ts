// Keeps the blocking slice current: blocking.changed as it comes, and blocking.list whenever an account comes online.
import { whenOnline } from './account-online.ts';
import type { Api } from './api.ts';
import { useAccounts } from './stores/accounts.ts';
import { useBlocking } from './stores/blocking.ts';

async function load(api: Api, accountId: string): Promise<void> {
  try {
    const list = await api.call('blocking.list', { accountId });
    if (useAccounts.getState().accounts.some((account) => account.id === accountId)) useBlocking.getState().loaded(accountId, list);
  } catch {
    // Signed out meanwhile: the next time it is online it is asked again.
  }
}

export function startBlockingSync(api: Api): void {
  api.on('blocking.changed', (change) => {
    useBlocking.getState().changed(change);
    // The first list of a session also tells what the server offers, which the event does not carry.
    void load(api, change.accountId);
  });
  api.on('account.removed', ({ accountId }) => useBlocking.getState().forget(accountId));
  whenOnline(api, (accountId) => void load(api, accountId), { atStart: true });
}
