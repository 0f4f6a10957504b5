// The presence.* commands: the user's choice per account or for all (the tray), and auto-away from idle time.
// "Offline" signs the account out and keeps it signed out, as Gajim does; choosing an available state signs it in again.
import type { Handlers, ValidRequest } from '../../../shared/ipc/contract.ts';
import { CausetteError } from '../../../shared/ipc/errors.ts';
import type { Settings } from '../../../shared/model/settings.ts';
import type { Logger } from '../log/logger.ts';
import { autoState } from '../xmpp/presence/auto-away.ts';
import type { Live } from './account-link.ts';
import type { AccountService } from './account-service.ts';
import type { OwnPresenceState } from './own-presence-state.ts';

export interface PresenceServiceDeps {
  readonly accounts: AccountService;
  readonly presence: OwnPresenceState;
  readonly settings: () => Settings;
  readonly logger: Logger;
  readonly now?: () => number;
}

type SetRequest = ValidRequest<'presence.set'>;

export function createPresenceHandlers(deps: PresenceServiceDeps): Pick<Handlers, 'presence.set' | 'presence.activity'> {
  const { accounts, presence, logger } = deps;
  const now = deps.now ?? Date.now;
  const signedIn = (entry: Live) => entry.session !== undefined && entry.state.status !== 'offline';

  /** Sends the presence now if online; otherwise when the connection is back (a fresh session announces it anyway). */
  async function announce(entry: Live): Promise<void> {
    const sending = entry.session?.announce();
    if (entry.state.status === 'online') await sending;
    else sending?.catch((error: unknown) => logger.warn('presence not sent', { error: String(error) }));
  }

  async function apply(entry: Live, request: SetRequest, quiet: boolean): Promise<void> {
    const accountId = entry.record.id;
    const { show } = request;
    const before = presence.chosen(accountId);
    presence.choose(accountId, { show, ...(request.status === undefined ? {} : { status: request.status }), ...(request.priority === undefined ? {} : { priority: request.priority }) });
    if (show === 'offline') {
      // RFC 6121 §4.5.1: the unavailable presence carries the status message, then the stream closes.
      if (entry.state.status === 'online') await entry.session?.announce().catch((error: unknown) => logger.warn('unavailable presence not sent', { error: String(error) }));
      await accounts.disconnect({ accountId });
      return;
    }
    if (signedIn(entry)) {
      await announce(entry).catch((error: unknown) => {
        // Not applied (e.g. invisibility turned out unavailable): keep the previous choice.
        if (error instanceof CausetteError && error.code === 'not-supported') presence.choose(accountId, before);
        throw error;
      });
    } else if (await accounts.passwordOf(entry).catch(() => undefined)) {
      await accounts.connect({ accountId });
    } else if (!quiet) {
      throw new CausetteError('password-required', `Enter the password of ${entry.record.jid} to sign in.`, undefined, { context: 'account', jid: entry.record.jid });
    }
    accounts.publishOwn(accountId);
  }

  const canHide = (entry: Live) => entry.session?.invisibility() !== 'unavailable';

  return {
    async 'presence.set'(request) {
      const all = request.accountId === undefined;
      let targets = all ? accounts.entries() : [accounts.entry(request.accountId ?? '')];
      if (request.show === 'invisible') {
        // From the tray: hide the accounts that can hide; leave the others as they are.
        targets = targets.filter(canHide);
        if (targets.length === 0) {
          throw new CausetteError('not-supported', 'The server offers no way to appear offline while signed in (neither XEP-0186 nor privacy lists).', undefined, {
            context: 'invisible',
          });
        }
      }
      for (const entry of targets) await apply(entry, request, all);
      return null;
    },

    async 'presence.activity'({ idleSeconds, locked }) {
      const settings = deps.settings();
      const idleSince = now() - idleSeconds * 1000;
      for (const entry of accounts.entries()) {
        if (entry.state.status !== 'online') continue;
        const accountId = entry.record.id;
        const next = autoState(presence.chosen(accountId).show, settings, { idleSeconds, locked });
        if (!presence.setAuto(accountId, next, idleSince)) continue;
        accounts.publishOwn(accountId);
        await announce(entry).catch((error: unknown) => logger.warn('auto-away presence not sent', { error: String(error) }));
      }
      return null;
    },
  };
}
