// Keeps the roster slice current: events as they come, and a roster.snapshot whenever an account comes online.
import { whenOnline } from './account-online.ts';
import type { Api } from './api.ts';
import { messageOf } from './api.ts';
import { setOwnAvatar } from './stores/avatars.ts';
import { useAccounts } from './stores/accounts.ts';
import { useRoster } from './stores/roster.ts';

let current: Api | undefined;
const inFlight = new Set<string>();
/** Accounts asked for again while a request was under way: its answer may already be out of date. */
const again = new Set<string>();

/** Asks for the account's roster and own presence; one request at a time per account. */
export async function loadRoster(accountId: string): Promise<void> {
  if (!current) return;
  if (inFlight.has(accountId)) {
    again.add(accountId);
    return;
  }
  inFlight.add(accountId);
  try {
    const snapshot = await current.call('roster.snapshot', { accountId });
    // The account may have been removed while we waited.
    if (useAccounts.getState().accounts.some((account) => account.id === accountId)) {
      useRoster.getState().snapshot(accountId, snapshot);
      setOwnAvatar(accountId, snapshot.ownAvatarHash);
    }
  } catch (error) {
    useRoster.getState().loadFailed(accountId, messageOf(error));
  } finally {
    inFlight.delete(accountId);
    if (again.delete(accountId)) void loadRoster(accountId);
  }
}

/** Loads the roster once for an online account that has none yet (e.g. on selection, or after a failure). */
export function ensureRoster(accountId: string): void {
  const account = useAccounts.getState().accounts.find((entry) => entry.id === accountId);
  const roster = useRoster.getState().byAccount[accountId];
  if (account?.connection.status === 'online' && !roster?.loaded) void loadRoster(accountId);
}

export function startRosterSync(api: Api): void {
  current = api;
  const roster = useRoster.getState();
  api.on('roster.changed', roster.changed);
  api.on('subscription.requestsChanged', roster.requestsChanged);
  api.on('presence.ownChanged', roster.ownChanged);
  api.on('avatar.ownChanged', ({ accountId, hash }) => setOwnAvatar(accountId, hash));
  api.on('account.removed', ({ accountId }) => useRoster.getState().forget(accountId));

  // An account that just became online: its roster may have changed on the server while it was away. Those online
  // already load when shown (ensureRoster), so that a large roster of another account costs nothing at start.
  whenOnline(api, (accountId) => void loadRoster(accountId), { atStart: false });
}
