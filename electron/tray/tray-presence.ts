// What the tray knows of the accounts: connection and own presence, from app.snapshot then core events.
import type { Account } from '../../shared/model/account.ts';
import type { Core } from '../core/core-api.ts';
import { onCoreEvents } from './core-events.ts';
import type { AccountTrayState } from './tray-menu.ts';

export interface TrayPresence {
  accounts(): AccountTrayState[];
  recentStatuses(): readonly string[];
  dispose(): void;
}

export function trackTrayPresence(core: Pick<Core, 'handlers' | 'onEvent'>, initial: readonly Account[], onChange: () => void): TrayPresence {
  const accounts = new Map<string, AccountTrayState>(initial.map((a) => [a.id, { connection: a.connection.status, invisibility: 'unknown' }]));
  let recentStatuses: readonly string[] = [];
  // Accounts whose presence an event reported: a slower snapshot answer must not overwrite it.
  const reported = new Set<string>();

  const unsubscribe = onCoreEvents(core, {
    'account.updated': (account) => {
      accounts.set(account.id, { invisibility: 'unknown', ...accounts.get(account.id), connection: account.connection.status });
      onChange();
    },
    'account.removed': ({ accountId }) => {
      accounts.delete(accountId);
      onChange();
    },
    'presence.ownChanged': ({ accountId, presence, recentStatuses: recent, invisibility }) => {
      reported.add(accountId);
      accounts.set(accountId, { connection: accounts.get(accountId)?.connection ?? 'offline', presence, invisibility });
      recentStatuses = recent;
      onChange();
    },
  });

  // An account already signed in may have announced its presence before the tray listened.
  for (const account of initial.filter((a) => a.connection.status === 'online')) {
    core.handlers['roster.snapshot']({ accountId: account.id }).then(
      (roster) => {
        const known = accounts.get(account.id);
        if (known === undefined || reported.has(account.id)) return;
        accounts.set(account.id, { ...known, presence: roster.presence, invisibility: roster.invisibility });
        if (recentStatuses.length === 0) recentStatuses = roster.recentStatuses;
        onChange();
      },
      // Events will bring the state; the snapshot only closes a start-up gap.
      () => undefined,
    );
  }

  return { accounts: () => [...accounts.values()], recentStatuses: () => recentStatuses, dispose: unsubscribe };
}
