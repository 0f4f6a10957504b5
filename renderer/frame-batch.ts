// Events that come faster than frames (a room's stream of messages, a big room's presences) applied together, at most
// once per window of about a frame, in the order they came: one store update and one render for many, not one each.
// The first after a quiet spell is applied at once, so that a lone event (a message's state) is not delayed.

export interface Timers {
  setTimeout(callback: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
}

export interface FrameBatch<T> {
  push(item: T): void;
  /** Applies what is waiting now (before an event that must not overtake it). */
  flush(): void;
}

export const frameMs = 16;

const realTimers: Timers = { setTimeout: (callback, ms) => setTimeout(callback, ms), clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>) };

export function createFrameBatch<T>(apply: (items: readonly T[]) => void, windowMs = frameMs, timers: Timers = realTimers): FrameBatch<T> {
  let waiting: T[] = [];
  /** Runs while a window is open: what comes meanwhile waits for its end. */
  let timer: unknown;
  function applyWaiting(): void {
    if (waiting.length === 0) return;
    const items = waiting;
    waiting = [];
    apply(items);
  }
  function windowEnds(): void {
    timer = undefined;
    if (waiting.length === 0) return;
    applyWaiting();
    timer = timers.setTimeout(windowEnds, windowMs);
  }
  return {
    push(item) {
      waiting.push(item);
      if (timer !== undefined) return;
      applyWaiting();
      timer = timers.setTimeout(windowEnds, windowMs);
    },
    flush() {
      if (timer !== undefined) timers.clearTimeout(timer);
      timer = undefined;
      applyWaiting();
    },
  };
}
