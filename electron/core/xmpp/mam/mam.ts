// XEP-0313 v1.x against our own archive on one session: support learned from our account's disco#info (§7), catch-up
// after each fresh session, and scroll-back into what the local store does not hold.
import type { ArchiveSync } from '../../../../shared/model/message.ts';
import type { Logger } from '../../log/logger.ts';
import type { MessageStore } from '../../storage/messages.ts';
import type { MessageIntake } from '../chat/chat.ts';
import type { Connection } from '../connection.ts';
import type { AccountInfo } from '../disco/account-info.ts';
import { runCatchUp } from './catch-up.ts';
import { createArchiveQuery } from './mam-query.ts';
import { NS_MAM, NS_MAM_EXTENDED } from './mam-stanzas.ts';
import { scrollBack } from './scroll-back.ts';

export const SCROLL_BACK_TIMEOUT_MS = 10_000;

export interface MamDeps {
  readonly accountId: string;
  readonly ownJid: string;
  readonly connection: Pick<Connection, 'iq' | 'pipeline'>;
  readonly store: Pick<MessageStore, 'archiveCursor' | 'setArchiveCursor' | 'oldest' | 'setArchiveComplete' | 'batch'>;
  readonly logger: Logger;
  /** Chat: an archived <message/> as its sender wrote it. */
  readonly intake: Pick<MessageIntake, 'prepare' | 'apply'>;
  readonly onProgress: (sync: ArchiveSync) => void;
  /** §7: the archive is our account's, so its features are our account's. */
  readonly accountInfo: Pick<AccountInfo, 'features'>;
  readonly now?: () => number;
}

interface Support {
  readonly archive: boolean;
  readonly extended: boolean;
}

export function setupMam(deps: MamDeps) {
  const { accountId, connection, logger } = deps;
  const now = deps.now ?? Date.now;
  const archive = deps.ownJid;
  const { query, dispose: removeQueries } = createArchiveQuery({ address: { archive, ownJid: deps.ownJid }, connection, logger });
  let session = 0;
  let disposed = false;
  /** This session's catch-up is fetching: it brings the newest messages of every conversation first. */
  let catchingUp = false;
  const scrolling = new Map<string, Promise<'more' | 'complete' | 'unavailable'>>();

  /** §7: what our account's archive supports; account-info asks once per session, and again after a failure. */
  function discover(): Promise<Support> {
    return deps.accountInfo.features().then((features) => ({ archive: features.includes(NS_MAM), extended: features.includes(NS_MAM_EXTENDED) }));
  }

  return {
    /** After each fresh session's roster and presence: fetches what arrived while we were away; `asked` as in runCatchUp. */
    async catchUp(asked?: () => void): Promise<void> {
      session += 1;
      const mine = session;
      const found = await discover().catch((error: unknown) => {
        logger.warn('the archive’s features are unknown', { error: String(error) });
        return undefined;
      });
      if (!found) return deps.onProgress({ status: 'failed', fetched: 0, error: 'The server did not say whether it keeps an archive.' });
      if (!found.archive) return deps.onProgress({ status: 'idle', fetched: 0 });
      catchingUp = true;
      try {
        await runCatchUp({ accountId, store: deps.store, query, archive, intake: deps.intake, logger, onProgress: deps.onProgress, now }, found.extended, () => disposed || session !== mine, asked);
      } finally {
        if (session === mine) catchingUp = false;
      }
    },
    /** Whether the catch-up after sign-in is still fetching. */
    catchingUp: () => catchingUp,
    /** About `limit` messages of the peer's history older than what is stored; 'unavailable' when the server keeps no archive. */
    scrollBack(peer: string, limit: number): Promise<'more' | 'complete' | 'unavailable'> {
      const running = scrolling.get(peer);
      if (running) return running;
      const started = discover()
        .then((found) => (found.archive ? scrollBack({ accountId, store: deps.store, query, archive, intake: deps.intake, logger }, peer, limit, SCROLL_BACK_TIMEOUT_MS) : ('unavailable' as const)))
        .finally(() => scrolling.delete(peer));
      scrolling.set(peer, started);
      return started;
    },
    dispose(): void {
      disposed = true;
      removeQueries();
    },
  };
}

export type Mam = ReturnType<typeof setupMam>;
