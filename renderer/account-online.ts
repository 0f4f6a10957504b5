// What each slice's sync needs: to load an account's state whenever it comes online, and again for every online
// account once the link to Causette is back (events were missed while it was down).
import type { Api } from './api.ts';
import { useAccounts } from './stores/accounts.ts';

export function onlineAccountIds(): ReadonlySet<string> {
  return new Set(useAccounts.getState().accounts.filter((account) => account.connection.status === 'online').map((account) => account.id));
}

/** `load` for each account that becomes online; `atStart` also for those online already (else they load on demand). */
export function whenOnline(api: Api, load: (accountId: string) => void, { atStart }: { readonly atStart: boolean }): void {
  let online: ReadonlySet<string> = atStart ? new Set() : onlineAccountIds();
  const refresh = () => {
    const now = onlineAccountIds();
    for (const accountId of now) if (!online.has(accountId)) load(accountId);
    online = now;
  };
  useAccounts.subscribe(refresh);
  if (atStart) refresh();
  let link = api.linkState();
  api.onLinkState((next) => {
    if (next === 'open' && link === 'lost') for (const accountId of onlineAccountIds()) load(accountId);
    link = next;
  });
}
