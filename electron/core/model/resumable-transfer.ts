// An interrupted Jingle file transfer that can go on (XEP-0234 §6.4), as the store keeps it: kept by the protocol module,
// stored under it (storage/jingle-resumable.ts), so that either side can go on after a sign-in or a restart.
import type { TransferMethod } from '../../../shared/model/transfer.ts';

/** XEP-0300 §4: a hash function's IANA name and the base64 of the digest. */
export interface FileHash {
  readonly algo: string;
  readonly value: string;
}

/** XEP-0234 §5: what describes a file in an offer or a request. */
export interface FileDescription {
  readonly name: string;
  readonly size: number;
  readonly mediaType?: string;
  /** XEP-0082 date-time of the last modification. */
  readonly date?: string;
  readonly desc?: string;
  readonly hashes: readonly FileHash[];
  /** §5: the sender will send its hashes later, with these algorithms (XEP-0300 §3 <hash-used/>). */
  readonly hashesUsed: readonly string[];
  /** §5, §6.4: a part of the file only, from `offset`, of `length` bytes (to the end when absent). */
  readonly range?: { readonly offset: number; readonly length?: number };
}

export interface Resumable {
  readonly transferId: string;
  readonly accountId: string;
  readonly direction: 'in' | 'out';
  /** The peer's full JID in the last session. */
  readonly peer: string;
  readonly sid: string;
  readonly method: TransferMethod;
  /** The file as offered (its name unsanitised: the sender knows it by that name). */
  readonly file: FileDescription;
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
