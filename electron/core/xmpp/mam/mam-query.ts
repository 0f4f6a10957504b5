// One XEP-0313 query of our own archive: the results that carry its queryid (§4.2), then the <fin/> that ends it (§4.3).
import { randomUUID } from 'node:crypto';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import type { Logger } from '../../log/logger.ts';
import type { Connection } from '../connection.ts';
import { StanzaError } from '../errors.ts';
import { buildArchiveQuery, parseArchiveResult, parseFin, type ArchiveFin, type ArchiveResult } from './mam-stanzas.ts';
import type { PageRequest, PageSeen } from './paging.ts';

export interface ArchivePage {
  /** Oldest first, as the server sends them. */
  readonly results: readonly ArchiveResult[];
  readonly fin: ArchiveFin;
}

export interface ArchiveQueryDeps {
  readonly ownJid: string;
  readonly connection: Pick<Connection, 'iq' | 'onStanza'>;
  readonly logger: Logger;
}

export type QueryArchive = (request: PageRequest, timeoutMs: number) => Promise<ArchivePage>;

export function createArchiveQuery(deps: ArchiveQueryDeps): QueryArchive {
  return async (request, timeoutMs) => {
    const queryId = randomUUID();
    const results: ArchiveResult[] = [];
    const remove = deps.connection.onStanza((stanza) => {
      const result = parseArchiveResult(stanza, deps.ownJid, queryId);
      if (result === 'forged') deps.logger.warn('an archive result not sent by our own account was ignored', { from: stanza.attrs.from });
      else if (result) results.push(result);
    });
    try {
      const reply = await deps.connection.iq(buildArchiveQuery(request, queryId), timeoutMs);
      // The results precede the answer on the stream; let any still being dispatched arrive.
      await new Promise((resolve) => setImmediate(resolve));
      const fin = parseFin(reply);
      if (!fin) throw new CausetteError('internal', 'The archive ended a query without saying where it stopped (XEP-0313 <fin/>).');
      return { results: [...results], fin };
    } finally {
      remove();
    }
  };
}

/** What the paging logic needs of a page. */
export function seen(page: ArchivePage): PageSeen {
  return { ids: page.results.map((result) => result.id), complete: page.fin.complete, ...(page.fin.first === undefined ? {} : { first: page.fin.first }) };
}

/** XEP-0059 §2.6: the id we paged from is not (or no longer) in the archive. */
export function isItemNotFound(error: unknown): boolean {
  return error instanceof StanzaError && error.condition === 'item-not-found';
}
