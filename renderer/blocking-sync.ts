// Keeps the blocking slice current: blocking.changed as it comes, and blocking.list whenever an account comes online.
import type { Api } from './api.ts';
import { useAccounts } from './stores/accounts.ts';
import { useBlocking } from './stores/blocking.ts';

function onlineIds(): ReadonlySet<string> {
  return new Set(useAccounts.getState().accounts.filter((account) => account.connection.status === 'online').map((account) => account.id));
}

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
  let online = new Set<string>();
  const refresh = () => {
    const now = onlineIds();
    for (const accountId of now) if (!online.has(accountId)) void load(api, accountId);
    online = new Set(now);
  };
  useAccounts.subscribe(refresh);
  refresh();
  // Events were missed while the link to Causette was down.
  let link = api.linkState();
  api.onLinkState((next) => {
    if (next === 'open' && link === 'lost') for (const accountId of onlineIds()) void load(api, accountId);
    link = next;
  });
}
