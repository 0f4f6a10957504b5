// What the MAM bench parent tells each side's process, and what each reports back.
import type { ArchivedItem } from './mam-query.ts';

export interface MamJob {
  readonly host: string;
  /** XEP-0368 direct TLS port, as in the roster bench. */
  readonly port: number;
  readonly caPem: string;
  readonly jid: string;
  readonly password: string;
  readonly pageSize: number;
  /** The last archive entry seen before going offline: both sides fetch what follows it. */
  readonly cursor: ArchivedItem;
  /** The marker's text: Causette's profile holds the marker message itself, as the session that saw it stored it. */
  readonly markerBody: string;
  readonly expected: number;
  readonly timeoutMs: number;
}

/** Milliseconds from 'online' (session bound), and memory once done. */
export interface MamResult {
  readonly online: number;
  /** Baseline: the first page answered. Causette: the first conversation whose history answers with messages. */
  readonly firstReadable: number;
  /** Causette only: the first chat.message event. */
  readonly firstMessage?: number;
  /** Baseline: the last page answered. Causette: chat.archiveSync back to idle. */
  readonly done: number;
  /** Baseline: archived messages counted. Causette: rows in the store at the end. */
  readonly messages: number;
  /** Baseline: pages asked for. Causette: 'syncing' progress events after the first (one per page). */
  readonly pages?: number;
  /** Causette only: conversations in the store at the end. */
  readonly conversations?: number;
  readonly heapUsedMiB: number;
  readonly rssMiB: number;
}
