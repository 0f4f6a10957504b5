// Evaluated just before the Signal library (see signal-library.ts): what the process listened to before it loaded.
import type { EventEmitter } from 'node:events';

type Listener = (...args: unknown[]) => void;

const guarded = ['uncaughtException', 'unhandledRejection'] as const;
// The generic EventEmitter view of process: its own typings have one overload per event name.
const emitter: EventEmitter = process;

export type ListenerSnapshot = ReadonlyMap<string, readonly Listener[]>;

export function snapshotListeners(): ListenerSnapshot {
  return new Map(guarded.map((event) => [event, emitter.listeners(event) as Listener[]]));
}

/** Removes exactly the listeners added since the snapshot, leaving the host's own (and vitest's) in place. */
export function removeListenersAddedSince(before: ListenerSnapshot): number {
  let removed = 0;
  for (const event of guarded) {
    const known = new Set(before.get(event));
    for (const listener of emitter.listeners(event) as Listener[]) {
      if (known.has(listener)) continue;
      emitter.removeListener(event, listener);
      removed += 1;
    }
  }
  return removed;
}

export const beforeSignalLibrary = snapshotListeners();
