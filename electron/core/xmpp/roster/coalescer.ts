// Batches contact changes (or a room's occupants') into few deltas: the latest state of each contact, sent as soon as the
// client has caught up with what the server sent (or once changes pause), and at least once per interval while they keep
// coming. A contact's state is built once, when its delta is sent.
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
  /** After the I/O of this turn of the event loop (Node's setImmediate). */
  setImmediate(callback: () => void): void;
  /** Milliseconds on a monotonic clock: a burst keeps one pause timer, moved on when it fires, not one per change. */
  now(): number;
}

export interface KeyedCoalescer<T, R> {
  upsert(key: string, value: T): void;
  remove(key: string, removal: R): void;
  /** Sends what is pending now (e.g. right after the initial roster). */
  flush(): void;
  /** Settles once nothing is pending: at once, or when the next delta has gone out (or on dispose). */
  idle(): Promise<void>;
  /** Drops what is pending and stops the timer. */
  dispose(): void;
}

export interface Coalescer {
  /** The contact changed: its state is read (by `contactOf`) when the delta goes out. */
  upsert(jid: string): void;
  remove(jid: string): void;
  /** Sends what is pending now (e.g. right after the initial roster). */
  flush(): void;
  /** Settles once nothing is pending: at once, or when the next delta has gone out (or on dispose). */
  idle(): Promise<void>;
  /** Drops what is pending and stops the timer. */
  dispose(): void;
}

export const defaultFlushMs = 75;
/** A pause this long ends a burst (a sign-in's presences): what it brought is sent then, not at the end of the interval. */
export const defaultQuietMs = 16;

const realTimers: Timers = {
  setTimeout: (callback, ms) => setTimeout(callback, ms),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
  setImmediate: (callback) => void setImmediate(callback),
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
  return {
    upsert: (jid) => keyed.upsert(jid, jid),
    remove: (jid) => keyed.remove(jid, jid),
    flush: () => keyed.flush(),
    idle: () => keyed.idle(),
    dispose: () => keyed.dispose(),
  };
}

export function createKeyedCoalescer<T, R>(
  send: (delta: KeyedDelta<T, R>) => void,
  flushMs = defaultFlushMs,
  timers: Timers = realTimers,
  quietMs = defaultQuietMs,
): KeyedCoalescer<T, R> {
  // A key is either upserted (with its latest state) or removed, never both: the last word wins. Two maps rather than one
  // of tagged entries: a roster of thousands passes through here, and nothing is built per change.
  const upserts = new Map<string, T>();
  const removals = new Map<string, R>();
  /** Ends the interval that the first pending change opened. */
  let timer: unknown;
  /** Fires once changes pause: when it finds a change newer than the pause, it waits out the rest. */
  let quiet: unknown;
  let lastChange = 0;
  let lastSent = Number.NEGATIVE_INFINITY;
  /** A change came since the last look after the event loop's I/O; `looking` while such a look is due. */
  let changedSinceLook = false;
  let looking = false;
  let idleWaiters: (() => void)[] = [];

  function wake(): void {
    const waiters = idleWaiters;
    idleWaiters = [];
    for (const waiter of waiters) waiter();
  }

  function stop(): void {
    if (timer !== undefined) timers.clearTimeout(timer);
    if (quiet !== undefined) timers.clearTimeout(quiet);
    timer = undefined;
    quiet = undefined;
  }

  function flush(): void {
    stop();
    if (upserts.size === 0 && removals.size === 0) return;
    const delta = { upserts: [...upserts.values()], removed: [...removals.values()] };
    upserts.clear();
    removals.clear();
    lastSent = timers.now();
    try {
      send(delta);
    } finally {
      wake();
    }
  }

  /**
   * Runs after each turn of the event loop that brought changes. A turn that brought none means the client has read all
   * the server had sent: what is pending goes out at once rather than after the pause, unless a delta went out less than
   * a pause ago (then it goes out a pause after that delta, so a trickle still makes at most one delta per pause).
   */
  function look(): void {
    if (changedSinceLook) {
      changedSinceLook = false;
      timers.setImmediate(look);
      return;
    }
    looking = false;
    const sinceSent = timers.now() - lastSent;
    if (sinceSent >= quietMs) {
      flush();
      return;
    }
    if (quiet !== undefined) timers.clearTimeout(quiet);
    quiet = timers.setTimeout(flush, quietMs - sinceSent);
  }

  function paused(): void {
    quiet = undefined;
    const idle = timers.now() - lastChange;
    if (idle >= quietMs) flush();
    else quiet = timers.setTimeout(paused, quietMs - idle);
  }

  function schedule(): void {
    lastChange = timers.now();
    changedSinceLook = true;
    if (!looking) {
      looking = true;
      timers.setImmediate(look);
    }
    if (timer === undefined) timer = timers.setTimeout(flush, flushMs);
    quiet ??= timers.setTimeout(paused, quietMs);
  }

  return {
    upsert(key, value) {
      removals.delete(key);
      upserts.delete(key);
      upserts.set(key, value);
      schedule();
    },
    remove(key, removal) {
      upserts.delete(key);
      removals.delete(key);
      removals.set(key, removal);
      schedule();
    },
    flush,
    idle() {
      if (upserts.size === 0 && removals.size === 0) return Promise.resolve();
      return new Promise<void>((resolve) => idleWaiters.push(resolve));
    },
    dispose() {
      stop();
      upserts.clear();
      removals.clear();
      wake();
    },
  };
}
