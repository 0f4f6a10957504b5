// Automatic resume of a Jingle file transfer that a lost connection broke, ours or the peer's (XEP-0234 §6.4), once our
// session is back and the peer's device is online again, without the user asking; Resume stays for the other cases.
// Who acts, so that the two sides never open two sessions for one file: only the receiver. It knows the bytes it holds, and
// asks for the rest with a file request (§6.2, senders 'responder') carrying <range offset/> (§6.4); the sender of a broken
// transfer waits for that request and serves it (file-transfer/resume.ts), never offering the file again by itself.
// Bounded: a few attempts with a growing wait after each reconnection (ours, or the peer's device coming back online).
import type { Transfer } from '../../../shared/model/transfer.ts';
import type { Logger } from '../log/logger.ts';
import type { Reason, Party } from '../jingle/session-machine.ts';
import type { Transfers } from './transfers.ts';

export interface AutoResumeDeps {
  readonly transfers: Pick<Transfers, 'list'>;
  /** Whether our account is online. */
  readonly online: () => boolean;
  /** Whether a device of this contact (bare JID) is online. */
  readonly available: (peer: string) => boolean;
  /** Asks the peer's device for the rest of the file. */
  readonly resume: (transfer: Transfer) => Promise<void>;
  readonly logger: Logger;
  /** Attempts after each reconnection; 0 leaves every interrupted transfer to the user. */
  readonly attempts?: number;
  /** The wait before the first attempt after an interruption, and after a failed one (doubled each time, at most a minute). */
  readonly backoffMs?: number;
}

const ATTEMPTS = 5;
const BACKOFF_MS = 2_000;
const MAX_BACKOFF_MS = 60_000;

/** A broken connection (ours, or the peer's: its device gone, or its bytes stopped), not a transfer refused or failed on its merits. */
export const lostConnection = (reason: Reason, by: Party): boolean => reason === 'connectivity-error' || (reason === 'gone' && by === 'remote');

interface Waiting {
  tries: number;
  busy: boolean;
  peerOnline: boolean;
  timer?: ReturnType<typeof setTimeout>;
}

export function setupAutoResume(deps: AutoResumeDeps) {
  const max = deps.attempts ?? ATTEMPTS;
  const base = deps.backoffMs ?? BACKOFF_MS;
  const waiting = new Map<string, Waiting>();
  const wait = (tries: number): number => Math.min(base * 2 ** tries, MAX_BACKOFF_MS);
  const interruptedOne = (id: string): Transfer | undefined => deps.transfers.list().find((each) => each.id === id && each.state === 'failed' && each.resumable === true);

  function schedule(id: string, entry: Waiting, ms: number): void {
    clearTimeout(entry.timer);
    entry.timer = setTimeout(() => void attempt(id), ms);
  }

  async function attempt(id: string): Promise<void> {
    const entry = waiting.get(id);
    if (!entry || entry.busy) return;
    clearTimeout(entry.timer);
    const transfer = interruptedOne(id);
    // Resumed by hand, cancelled, done or forgotten: nothing to do any more.
    if (!transfer) return void waiting.delete(id);
    // Not now: our session and the peer's presence bring it back (reconnected, peerChanged).
    if (entry.tries >= max || !deps.online() || !deps.available(transfer.peer)) return;
    entry.tries += 1;
    entry.busy = true;
    try {
      await deps.resume(transfer);
      deps.logger.info('an interrupted transfer goes on by itself', { attempt: entry.tries });
    } catch (error) {
      deps.logger.info('an automatic resume failed', { attempt: entry.tries, error: error instanceof Error ? error.message : String(error) });
      if (entry.tries < max) schedule(id, entry, wait(entry.tries));
    } finally {
      entry.busy = false;
    }
  }

  return {
    /** A transfer ended interrupted (XEP-0166 reason, and who ended it): a receiver whose connection broke tries again. */
    interrupted(transfer: Transfer, reason: Reason, by: Party): void {
      if (max === 0 || transfer.direction !== 'in' || !lostConnection(reason, by)) return;
      for (const id of [...waiting.keys()]) if (!interruptedOne(id)) waiting.delete(id);
      const entry = waiting.get(transfer.id) ?? { tries: 0, busy: false, peerOnline: deps.available(transfer.peer) };
      waiting.set(transfer.id, entry);
      // Not at once: the peer's side may not have seen the break yet.
      schedule(transfer.id, entry, wait(0));
    },
    /** Our session is back (a new one, or a resumed one, XEP-0198): a fresh budget of attempts. */
    reconnected(): void {
      for (const [id, entry] of waiting) {
        entry.tries = 0;
        void attempt(id);
      }
    },
    /** A contact's presence changed (RFC 6121 §4): its device back online starts a fresh budget for its transfers. */
    peerChanged(peer: string): void {
      // Every contact's presence passes here (a sign-in brings thousands): nothing is looked at while no transfer waits.
      if (waiting.size === 0) return;
      let online: boolean | undefined;
      for (const [id, entry] of waiting) {
        if (deps.transfers.list().find((each) => each.id === id)?.peer !== peer) continue;
        online ??= deps.available(peer);
        if (online && !entry.peerOnline) entry.tries = 0;
        entry.peerOnline = online;
        if (online) void attempt(id);
      }
    },
    dispose(): void {
      for (const entry of waiting.values()) clearTimeout(entry.timer);
      waiting.clear();
    },
  };
}

export type AutoResume = ReturnType<typeof setupAutoResume>;
