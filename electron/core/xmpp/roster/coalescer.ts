// Batches contact changes (or a room's occupants') into few deltas: the latest state of each contact, sent once changes pause,
// and at least once per interval while they keep coming. A contact's state is built once, when its delta is sent.
import type { Contact } from '../../../../shared/model/contact.ts';

export interface Delta {
  readonly upserts: Contact[];
  readonly removed: string[];
}

/** The same batching for anything keyed (a room's occupants): the latest upsert or removal per key. */
export interface KeyedDelta<T, R> {
  readonly upserts: T[];
  readonly removed: R[];
}

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
  /** Milliseconds on a monotonic clock: a burst keeps one pause timer, moved on when it fires, not one per change. */
  now(): number;
}

export interface KeyedCoalescer<T, R> {
  upsert(key: string, value: T): void;
  remove(key: string, removal: R): void;
  /** Sends what is pending now (e.g. right after the initial roster). */
  flush(): void;
  /** Drops what is pending and stops the timer. */
  dispose(): void;
}

export interface Coalescer {
  /** The contact changed: its state is read (by `contactOf`) when the delta goes out. */
  upsert(jid: string): void;
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
  now: () => performance.now(),
};

/** `contactOf` gives a contact's current state, or undefined when it is no longer in the roster (its removal follows). */
export function createCoalescer(
  send: (delta: Delta) => void,
  contactOf: (jid: string) => Contact | undefined,
  flushMs = defaultFlushMs,
  timers: Timers = realTimers,
  quietMs = defaultQuietMs,
): Coalescer {
  const keyed = createKeyedCoalescer<string, string>(
    ({ upserts, removed }) => {
      const contacts: Contact[] = [];
      for (const jid of upserts) {
        const contact = contactOf(jid);
        if (contact) contacts.push(contact);
      }
      send({ upserts: contacts, removed });
    },
    flushMs,
    timers,
    quietMs,
  );
  return { upsert: (jid) => keyed.upsert(jid, jid), remove: (jid) => keyed.remove(jid, jid), flush: () => keyed.flush(), dispose: () => keyed.dispose() };
}

export function createKeyedCoalescer<T, R>(
  send: (delta: KeyedDelta<T, R>) => void,
  flushMs = defaultFlushMs,
  timers: Timers = realTimers,
  quietMs = defaultQuietMs,
): KeyedCoalescer<T, R> {
  // A key is either upserted (with its latest state) or removed, never both: the last word wins.
  const pending = new Map<string, { readonly upsert: T } | { readonly removed: R }>();
  /** Ends the interval that the first pending change opened. */
  let timer: unknown;
  /** Fires once changes pause: when it finds a change newer than the pause, it waits out the rest. */
  let quiet: unknown;
  let lastChange = 0;

  function stop(): void {
    if (timer !== undefined) timers.clearTimeout(timer);
    if (quiet !== undefined) timers.clearTimeout(quiet);
    timer = undefined;
    quiet = undefined;
  }

  function flush(): void {
    stop();
    if (pending.size === 0) return;
    const upserts: T[] = [];
    const removed: R[] = [];
    for (const change of pending.values()) {
      if ('removed' in change) removed.push(change.removed);
      else upserts.push(change.upsert);
    }
    pending.clear();
    send({ upserts, removed });
  }

  function paused(): void {
    quiet = undefined;
    const idle = timers.now() - lastChange;
    if (idle >= quietMs) flush();
    else quiet = timers.setTimeout(paused, quietMs - idle);
  }

  function schedule(): void {
    lastChange = timers.now();
    if (timer === undefined) timer = timers.setTimeout(flush, flushMs);
    quiet ??= timers.setTimeout(paused, quietMs);
  }

  return {
    upsert(key, value) {
      pending.delete(key);
      pending.set(key, { upsert: value });
      schedule();
    },
    remove(key, removal) {
      pending.delete(key);
      pending.set(key, { removed: removal });
      schedule();
    },
    flush,
    dispose() {
      stop();
      pending.clear();
    },
  };
}
