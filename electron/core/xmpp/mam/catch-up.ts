// XEP-0313 catch-up after signing in: newest pages first down to the stored cursor, which moves only once all of it is here.
import type { ArchiveSync } from '../../../../shared/model/message.ts';
import type { Logger } from '../../log/logger.ts';
import type { ArchiveCursor, MessageStore } from '../../storage/messages.ts';
import type { MessageContext } from '../pipeline/message-context.ts';
import type { Element } from '@xmpp/xml';
import { isItemNotFound, seen, type ArchivePage, type QueryArchive } from './mam-query.ts';
import { caughtUp, firstCatchUpPage, newestOf, nextCatchUpStep, type CatchUpPlan, type PageRequest } from './paging.ts';

export const CATCH_UP_PAGE_TIMEOUT_MS = 30_000;

/** Who takes an archive's messages: chat for our account's archive, the room for a room's; prepared in parallel, applied in one transaction. */
export interface ArchiveIntake<T> {
  prepare(message: Element, context: MessageContext): Promise<T | undefined>;
  apply(prepared: T): void;
}

export interface CatchUpDeps<T> {
  readonly accountId: string;
  readonly store: Pick<MessageStore, 'archiveCursor' | 'setArchiveCursor' | 'batch'>;
  readonly query: QueryArchive;
  /** The archive's bare JID. */
  readonly archive: string;
  readonly intake: ArchiveIntake<T>;
  readonly logger: Logger;
  readonly onProgress: (sync: ArchiveSync) => void;
  readonly now: () => number;
  /** Without a cursor, how many messages to fetch at most (see CatchUpPlan). */
  readonly firstSyncMessages?: number;
}

type PageDeps<T> = Pick<CatchUpDeps<T>, 'intake' | 'logger' | 'archive'> & { readonly store: Pick<MessageStore, 'batch'> };

/**
 * Hands one page to chat, oldest first: every message prepared (the pipeline's steps) before one transaction applies them
 * all. The stanza-id is the archive's id (XEP-0359 §3). Stamps in whole seconds (XEP-0082 without fractions) get the
 * archive's order as milliseconds, so messages of one second stay in order. Returns how many could not be taken.
 */
export async function ingestPage<T>(deps: PageDeps<T>, page: ArchivePage): Promise<number> {
  let second: number | undefined;
  let rank = 0;
  let failed = 0;
  const failure = (id: string) => (error: unknown) => {
    failed += 1;
    deps.logger.warn('an archived message could not be taken', { id, error: error instanceof Error ? error.message : String(error) });
    return undefined;
  };
  const prepared = await Promise.all(
    page.results.map((result): Promise<T | undefined> => {
      const stamp = result.timestamp;
      rank = stamp !== undefined && stamp === second ? Math.min(rank + 1, 999) : 0;
      second = stamp;
      const timestamp = stamp !== undefined && stamp % 1000 === 0 ? stamp + rank : stamp;
      const context = { source: 'archive', archive: deps.archive, stanzaId: result.id, ...(timestamp === undefined ? {} : { timestamp }) } as const;
      return deps.intake.prepare(result.message, context).catch(failure(result.id));
    }),
  );
  deps.store.batch(() => {
    for (const [index, ready] of prepared.entries()) {
      if (!ready) continue;
      try {
        deps.intake.apply(ready);
      } catch (error) {
        failure(page.results[index]?.id ?? '')(error);
      }
    }
  });
  return failed;
}

/**
 * Runs one catch-up; `cancelled` stops it between pages (the session ended), leaving the cursor where it was. `asked`
 * hears each page being asked for, and a failure: the caller's later questions can queue behind the first page.
 */
export async function runCatchUp<T>(deps: CatchUpDeps<T>, extended: boolean, cancelled: () => boolean, asked: () => void = () => undefined): Promise<void> {
  let plan: CatchUpPlan = {
    cursor: deps.store.archiveCursor(deps.accountId, deps.archive),
    extended,
    now: deps.now(),
    ...(deps.firstSyncMessages === undefined ? {} : { firstSyncMessages: deps.firstSyncMessages }),
  };
  let request: PageRequest = firstCatchUpPage(plan);
  let fetched = 0;
  let pages = 0;
  let newest: ArchiveCursor | undefined;
  /** Messages that could not be taken: the cursor then stays, so that the next catch-up brings them again. */
  let failed = 0;
  deps.onProgress({ status: 'syncing', fetched });
  /** The next page, asked for before the current one is stored, so that the server prepares it meanwhile. */
  let next: Promise<ArchivePage> | undefined;
  try {
    for (;;) {
      let page: ArchivePage;
      try {
        const asking = next ?? deps.query(request, CATCH_UP_PAGE_TIMEOUT_MS);
        asked();
        page = await asking;
      } catch (error) {
        // A server may refuse an after-id it no longer holds: then the cursor's time alone bounds the catch-up.
        if (request.afterId === undefined || !isItemNotFound(error)) throw error;
        plan = { ...plan, extended: false };
        request = firstCatchUpPage(plan);
        next = undefined;
        continue;
      }
      pages += 1;
      fetched += page.results.length;
      const step = nextCatchUpStep(plan, request, seen(page), { pages, fetched });
      next = step.kind === 'next' ? deps.query(step.request, CATCH_UP_PAGE_TIMEOUT_MS) : undefined;
      // Awaited at the next turn; until then a failure must not count as unhandled.
      next?.catch(() => undefined);
      failed += await ingestPage(deps, page);
      newest ??= newestOf(page.results, plan.now);
      if (cancelled()) return;
      deps.onProgress({ status: 'syncing', fetched });
      if (step.kind === 'next') {
        request = step.request;
        continue;
      }
      if (caughtUp(step) && newest && failed === 0) deps.store.setArchiveCursor(deps.accountId, deps.archive, newest);
      if (failed > 0) deps.logger.warn('the archive cursor stays: some messages could not be taken', { failed });
      if (step.reason !== 'complete' && step.reason !== 'reached-cursor') deps.logger.warn('the archive catch-up stopped early', { reason: step.reason, pages, fetched });
      deps.onProgress({ status: 'idle', fetched });
      return;
    }
  } catch (error) {
    asked();
    if (cancelled()) return;
    const message = error instanceof Error ? error.message : String(error);
    deps.logger.warn('the archive catch-up failed', { error: message, pages, fetched });
    deps.onProgress({ status: 'failed', fetched, error: message });
  }
}
