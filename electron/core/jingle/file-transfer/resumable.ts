// Interrupted Jingle file transfers that can go on (XEP-0234 §6.4): for a file we sent, where it is, so that the receiver may
// ask for the rest (§6.2, a file request with a range); for a file we received in part, its temporary file and the folder it
// goes to, so that we can ask for the rest, or take the rest of a new offer of the same file. Kept for the core's life, across
// sign-ins, whichever side's connection broke.
import type { FileOffer } from '../file-stanzas.ts';
import { sha256Of } from '../file-stanzas.ts';

export interface Resumable {
  readonly transferId: string;
  readonly accountId: string;
  readonly direction: 'in' | 'out';
  /** The peer's full JID in the last session. */
  readonly peer: string;
  readonly sid: string;
  /** The file as offered (its name unsanitised: the sender knows it by that name). */
  readonly file: FileOffer;
  /** 'out': the file sent; 'in': the temporary file holding the bytes received. */
  readonly path: string;
  /** 'in': the folder the file goes to, and its (sanitised) name there. */
  readonly folder?: string;
  readonly name?: string;
}

export interface ResumeStore {
  put(record: Resumable): void;
  get(transferId: string): Resumable | undefined;
  remove(transferId: string): void;
  list(): readonly Resumable[];
}

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
