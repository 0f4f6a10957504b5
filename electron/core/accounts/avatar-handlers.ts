// The avatar.* commands: a cached avatar as a data: URL, and publishing or removing ours then announcing it in our presence.
import type { Handlers } from '../../../shared/ipc/contract.ts';
import { CausetteError } from '../../../shared/ipc/errors.ts';
import type { Logger } from '../log/logger.ts';
import type { AvatarCache } from '../storage/avatar-cache.ts';
import { StanzaError } from '../xmpp/errors.ts';
import type { AccountService } from './account-service.ts';
import type { AccountSession } from './account-session.ts';
import type { OwnPresenceState } from './own-presence-state.ts';

export type AvatarHandlers = Pick<Handlers, 'avatar.get' | 'avatar.setOwn' | 'avatar.removeOwn'>;

export interface AvatarHandlerDeps {
  readonly accounts: AccountService;
  readonly cache: AvatarCache;
  readonly presence: OwnPresenceState;
  readonly logger: Logger;
}

export function createAvatarHandlers({ accounts, cache, presence, logger }: AvatarHandlerDeps): AvatarHandlers {
  function onlineSession(accountId: string): AccountSession {
    const entry = accounts.entry(accountId);
    const session = entry.session;
    if (!session || entry.state.status !== 'online') throw new CausetteError('not-connected', `Sign in to ${entry.record.jid} first.`, undefined, { context: 'account', jid: entry.record.jid });
    return session;
  }

  // XEP-0153 §4.1: the new hash (or none) goes out in our presence at once, unless we are to appear offline.
  async function announce(accountId: string, session: AccountSession): Promise<void> {
    if (presence.announced(accountId).show === 'offline') return;
    await session.announce().catch((error: unknown) => logger.warn('presence with the new avatar not sent', { error: String(error) }));
  }

  return {
    'avatar.get': ({ accountId, hash }) => {
      accounts.entry(accountId);
      const found = cache.get(hash);
      if (!found) return Promise.reject(new CausetteError('not-found', 'That avatar is not in the cache.'));
      return Promise.resolve({ dataUrl: `data:${found.type};base64,${Buffer.from(found.bytes).toString('base64')}` });
    },
    'avatar.setOwn': async ({ accountId, pngBase64 }) => {
      const session = onlineSession(accountId);
      let hash: string;
      try {
        hash = await session.avatars.publishOwn(pngBase64);
      } catch (error) {
        if (error instanceof StanzaError) throw new CausetteError('bad-request', `The server refused the avatar (${error.condition}).`);
        throw error;
      }
      await announce(accountId, session);
      return { hash };
    },
    'avatar.removeOwn': async ({ accountId }) => {
      const session = onlineSession(accountId);
      try {
        await session.avatars.removeOwn();
      } catch (error) {
        if (error instanceof StanzaError) throw new CausetteError('bad-request', `The server refused to remove the avatar (${error.condition}).`);
        throw error;
      }
      await announce(accountId, session);
      return null;
    },
  };
}
