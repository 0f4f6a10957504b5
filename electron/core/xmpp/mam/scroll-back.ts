// XEP-0313 scroll-back in one conversation: the archive just older than the oldest message stored here, page by page.
import type { Logger } from '../../log/logger.ts';
import type { MessageStore } from '../../storage/messages.ts';
import { ingestPage, type ArchiveIntake } from './catch-up.ts';
import { isItemNotFound, seen, type ArchivePage, type QueryArchive } from './mam-query.ts';
import { nextScrollBackStep, scrollBackPage, type PageRequest } from './paging.ts';

export interface ScrollBackDeps<T> {
  readonly accountId: string;
  readonly store: Pick<MessageStore, 'oldest' | 'setArchiveComplete' | 'batch'>;
  readonly query: QueryArchive;
  /** The archive's bare JID. */
  readonly archive: string;
  readonly intake: ArchiveIntake<T>;
  readonly logger: Logger;
}

/** Fetches until about `wanted` older messages came, or the archive has none older ('complete', remembered in the store). */
export async function scrollBack<T>(deps: ScrollBackDeps<T>, peer: string, wanted: number, timeoutMs: number): Promise<'more' | 'complete'> {
  const oldest = deps.store.oldest(deps.accountId, peer);
  // A room's archive is the room's conversation: no filter by the other party.
  const filter = peer === deps.archive ? undefined : peer;
  let request: PageRequest = scrollBackPage(filter, oldest);
  let page: ArchivePage = await deps.query(request, timeoutMs).catch((error: unknown) => {
    // XEP-0059 §2.6: an archive id the server no longer knows; the oldest message's time says the same.
    if (oldest === undefined || request.before === '' || !isItemNotFound(error)) throw error;
    request = scrollBackPage(filter, { timestamp: oldest.timestamp });
    return deps.query(request, timeoutMs);
  });
  let pages = 1;
  let messages = 0;
  for (;;) {
    await ingestPage(deps, page);
    messages += page.results.filter((result) => result.message.getChild('body') !== undefined).length;
    const step = nextScrollBackStep(request, seen(page), { pages, messages }, wanted);
    if (step.kind === 'done') {
      if (!step.exhausted) return 'more';
      deps.store.setArchiveComplete(deps.accountId, peer);
      return 'complete';
    }
    request = step.request;
    page = await deps.query(request, timeoutMs);
    pages += 1;
  }
}
