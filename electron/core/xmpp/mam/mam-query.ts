// XEP-0313 queries of one archive: the results that carry a query's queryid (§4.2), then the <fin/> that ends it (§4.3).
import { randomUUID } from 'node:crypto';
import { CausetteError } from '../../../../shared/ipc/errors.ts';
import type { Logger } from '../../log/logger.ts';
import type { Connection } from '../connection.ts';
import { StanzaError } from '../errors.ts';
import { buildArchiveQuery, NS_MAM, parseArchiveResult, parseFin, type ArchiveAddress, type ArchiveFin, type ArchiveResult } from './mam-stanzas.ts';
import type { PageRequest, PageSeen } from './paging.ts';

export interface ArchivePage {
  /** Oldest first, as the server sends them. */
  readonly results: readonly ArchiveResult[];
  readonly fin: ArchiveFin;
}

export interface ArchiveQueryDeps {
  readonly address: ArchiveAddress;
  readonly connection: Pick<Connection, 'iq' | 'pipeline'>;
  readonly logger: Logger;
}

export type QueryArchive = (request: PageRequest, timeoutMs: number) => Promise<ArchivePage>;

/** The archive's queries, and the one handler that takes their results; `dispose` removes it. */
export function createArchiveQuery(deps: ArchiveQueryDeps): { readonly query: QueryArchive; readonly dispose: () => void } {
  const running = new Map<string, ArchiveResult[]>();
  const dispose = deps.connection.pipeline.handle({ stanza: 'message', child: { name: 'result', xmlns: NS_MAM } }, (stanza) => {
    const queryId = stanza.getChild('result', NS_MAM)?.attrs.queryid;
    const results = typeof queryId === 'string' ? running.get(queryId) : undefined;
    if (!results || typeof queryId !== 'string') return;
    const result = parseArchiveResult(stanza, deps.address, queryId);
    if (result === 'forged') deps.logger.warn('an archive result not sent by the archive asked was ignored', { from: stanza.attrs.from });
    else if (result) results.push(result);
  });

  const query: QueryArchive = async (request, timeoutMs) => {
    const queryId = randomUUID();
    const results: ArchiveResult[] = [];
    running.set(queryId, results);
    try {
      const reply = await deps.connection.iq(buildArchiveQuery(request, queryId, deps.address), timeoutMs);
      // The results precede the answer on the stream; let any still in the pipeline's steps arrive.
      await deps.connection.pipeline.stepsSettled();
      await new Promise((resolve) => setImmediate(resolve));
      const fin = parseFin(reply);
      if (!fin) throw new CausetteError('internal', 'The archive ended a query without saying where it stopped (XEP-0313 <fin/>).');
      return { results: [...results], fin };
    } finally {
      running.delete(queryId);
    }
  };
  return { query, dispose };
}

/** What the paging logic needs of a page. */
export function seen(page: ArchivePage): PageSeen {
  return { ids: page.results.map((result) => result.id), complete: page.fin.complete, ...(page.fin.first === undefined ? {} : { first: page.fin.first }) };
}

/** XEP-0059 §2.6: the id we paged from is not (or no longer) in the archive. */
export function isItemNotFound(error: unknown): boolean {
  return error instanceof StanzaError && error.condition === 'item-not-found';
}
