// Interrupted Jingle file transfers that can go on (XEP-0234 §6.4): for a file we sent, where it is, so that the receiver may
// ask for the rest (§6.2, a file request with a range); for a file we received in part, its temporary file and the folder it
// goes to, so that we can ask for the rest, or take the rest of a new offer of the same file. In memory here (tests); the core
// keeps them in its store (storage/jingle-resumable.ts), across sign-ins and restarts.
import { stat } from 'node:fs/promises';
import type { Transfer } from '../../../../shared/model/transfer.ts';
import type { Resumable, ResumeStore } from '../../model/resumable-transfer.ts';
import { sha256Of, type FileOffer } from '../file-stanzas.ts';

export type { Resumable, ResumeStore } from '../../model/resumable-transfer.ts';

/** Kept for so long, and so many: an interrupted transfer is meant to go on soon. */
const MAX_KEPT = 200;

export function createResumeStore(): ResumeStore {
  const records = new Map<string, Resumable>();
  return {
    put(record) {
      records.delete(record.transferId);
      records.set(record.transferId, record);
      for (const oldest of [...records.keys()].slice(0, Math.max(0, records.size - MAX_KEPT))) records.delete(oldest);
    },
    get: (transferId) => records.get(transferId),
    remove: (transferId) => void records.delete(transferId),
    list: () => [...records.values()],
  };
}

const bare = (jid: string): string => jid.split('/')[0] ?? jid;

/** The row an interrupted transfer of an earlier run shows again; none when its file (sent, or received so far) is gone. */
export async function restoredTransfer(record: Resumable, now: number): Promise<Transfer | undefined> {
  const info = await stat(record.path).catch(() => undefined);
  if (!info?.isFile()) return undefined;
  return {
    id: record.transferId,
    accountId: record.accountId,
    peer: bare(record.peer),
    direction: record.direction,
    method: record.method,
    name: record.name ?? record.file.name,
    size: record.file.size,
    done: record.direction === 'in' ? Math.min(info.size, record.file.size) : 0,
    state: 'failed',
    startedAt: now,
    resumable: true,
    error: { code: 'transfer-failed', message: 'The transfer was interrupted when Causette closed.', params: { reason: 'gone' } },
  };
}

/**
 * §6.2 (RFC 5547 §5 file selector): the same file when the name and size match, and the date and sha-256 wherever both
 * sides know them.
 */
export function sameFile(a: FileOffer, b: FileOffer): boolean {
  if (a.name !== b.name || a.size !== b.size) return false;
  if (a.date !== undefined && b.date !== undefined && Date.parse(a.date) !== Date.parse(b.date)) return false;
  const hashA = sha256Of(a.hashes);
  const hashB = sha256Of(b.hashes);
  return hashA === undefined || hashB === undefined || hashA === hashB;
}

/** The interrupted transfer of this file with this peer (bare JID), in this direction, if any. */
export function findResumable(store: ResumeStore, accountId: string, direction: 'in' | 'out', peer: string, file: FileOffer): Resumable | undefined {
  return store
    .list()
    .findLast((record) => record.accountId === accountId && record.direction === direction && bare(record.peer) === bare(peer) && sameFile(record.file, file));
}
