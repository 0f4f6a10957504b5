// Batches contact changes into few 'roster.changed' deltas: the latest state of each contact, sent once changes pause,
// and at least once per interval while they keep coming.
import type { Contact } from '../../../../shared/model/contact.ts';

export interface Delta {
  readonly upserts: Contact[];
  readonly removed: string[];
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface Coalescer {
  upsert(contact: Contact): void;
  remove(jid: string): void;
  /** Sends what is pending now (e.g. right after the initial roster). */
  flush(): void;
  /** Drops what is pending and stops the timer. */
  dispose(): void;
}

export const defaultFlushMs = 75;
/** A pause this long ends a burst (a sign-in's presences): what it brought is sent then, not at the end of the interval. */
export const defaultQuietMs = 16;

const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

export function createCoalescer(send: (delta: Delta) => void, flushMs = defaultFlushMs, timers: Timers = realTimers, quietMs = defaultQuietMs): Coalescer {
  // A JID is either upserted (with its latest state) or removed, never both: the last word wins.
  const pending = new Map<string, Contact | 'removed'>();
  /** Ends the interval that the first pending change opened. */
  let timer: unknown;
  /** Restarted by each change: fires once they pause. */
  let quiet: unknown;

  function stop(): void {
    if (timer !== undefined) timers.clearTimeout(timer);
    if (quiet !== undefined) timers.clearTimeout(quiet);
    timer = undefined;
    quiet = undefined;
  }

  function flush(): void {
    stop();
    if (pending.size === 0) return;
    const upserts: Contact[] = [];
    const removed: string[] = [];
    for (const [jid, change] of pending) {
      if (change === 'removed') removed.push(jid);
      else upserts.push(change);
    }
    pending.clear();
    send({ upserts, removed });
  }

  function schedule(): void {
    if (timer === undefined) timer = timers.setTimeout(flush, flushMs);
    if (quiet !== undefined) timers.clearTimeout(quiet);
    quiet = timers.setTimeout(flush, quietMs);
  }

  return {
    upsert(contact) {
      pending.delete(contact.jid);
      pending.set(contact.jid, contact);
      schedule();
    },
    remove(jid) {
      pending.delete(jid);
      pending.set(jid, 'removed');
      schedule();
    },
    flush,
    dispose() {
      stop();
      pending.clear();
    },
  };
}
