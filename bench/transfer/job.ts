// What the transfer bench parent tells each side's process, and what each side reports back.
import type { Transfer } from '../../shared/model/transfer.ts';
import type { RssFigures } from './rss.ts';

/** The raw copies: file on disk → socket → socket → file on disk (synced), the same plus sha-256 at both ends, or memory to memory. */
export type RawMode = 'disk' | 'disk-sha256' | 'memory';

/**
 * A Jingle transport (XEP-0234 over XEP-0260 direct or through the server's XEP-0065 proxy, or XEP-0261 in-band), by the
 * name the core gives it in a transfer's method.
 */
export type JingleMethod = Exclude<Transfer['method'], 'upload'>;

export interface RawReceiveJob {
  readonly mode: RawMode;
  /** Where the bytes are written ('disk' modes). */
  readonly path: string;
  readonly size: number;
  readonly timeoutMs: number;
}

export interface RawSendJob {
  readonly mode: RawMode;
  /** The file sent ('disk' modes). */
  readonly path: string;
  readonly size: number;
  readonly port: number;
  readonly timeoutMs: number;
}

export interface Account {
  readonly jid: string;
  readonly password: string;
}

export interface JingleJob {
  readonly host: string;
  /** XEP-0368 direct TLS port. */
  readonly port: number;
  readonly caPem: string;
  readonly account: Account;
  readonly method: JingleMethod;
  readonly size: number;
  readonly timeoutMs: number;
}

export interface JingleReceiveJob extends JingleJob {
  /** The sender's bare JID: the only offer taken. */
  readonly from: string;
  /** The downloads folder the file is saved in. */
  readonly folder: string;
}

export interface JingleSendJob extends JingleJob {
  /** The receiver's full JID, from its ready line. */
  readonly to: string;
  readonly path: string;
}

/** The first line a receiving side prints: where to send. */
export type Ready = { readonly ready: { readonly port: number } } | { readonly ready: { readonly jid: string } };

/** One side of one transfer. Times are epoch milliseconds (performance.timeOrigin + now), comparable across processes. */
export interface SideResult {
  /** Sender: just before it connects or offers. Receiver: its first byte. */
  readonly startedAt: number;
  /** Sender: its last byte handed over (Jingle: its session ended with success). Receiver: the file complete, synced and checked. */
  readonly finishedAt: number;
  readonly bytes: number;
  /** The sha-256 (hex) of the bytes this side saw, where it computed one. */
  readonly sha256?: string;
  /** Jingle: the method the transfer went by, as the core reported it. */
  readonly method?: string;
  readonly rss: RssFigures;
}

/** Epoch milliseconds with sub-millisecond resolution. */
export const epochNow = (): number => performance.timeOrigin + performance.now();

/** Stops the child at its deadline with a message; `cleanup` runs first. */
export function deadline(label: string, timeoutMs: number, cleanup: () => void = () => undefined): NodeJS.Timeout {
  return setTimeout(() => {
    cleanup();
    process.stderr.write(`${label}: not done within ${String(timeoutMs)} ms\n`);
    process.exit(1);
  }, timeoutMs);
}
