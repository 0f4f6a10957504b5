// Callers that wait for the connection to come (back) online, released in the order they arrived.
import { CausetteError } from '../../../shared/ipc/errors.ts';

interface Waiter {
  readonly resolve: () => void;
  readonly reject: (error: Error) => void;
  readonly timer: NodeJS.Timeout | undefined;
}

export interface WaitQueue {
  /** Resolves at the next release(); rejects at reject(), or with a timeout error after `timeoutMs`. */
  wait(timeoutMs: number | undefined, timeoutError: () => Error): Promise<void>;
  release(): void;
  reject(error: Error): void;
}

export function createWaitQueue(limit: number): WaitQueue {
  const waiters = new Set<Waiter>();
  const settle = (action: (waiter: Waiter) => void) => {
    const all = [...waiters];
    waiters.clear();
    for (const waiter of all) {
      clearTimeout(waiter.timer);
      action(waiter);
    }
  };
  return {
    wait(timeoutMs, timeoutError) {
      if (waiters.size >= limit) {
        return Promise.reject(new CausetteError('stream-error', `Too many requests (${limit}) are waiting for the connection.`, undefined, { context: 'tooMany', limit }));
      }
      return new Promise<void>((resolve, reject) => {
        const timer =
          timeoutMs === undefined
            ? undefined
            : setTimeout(() => {
                waiters.delete(waiter);
                reject(timeoutError());
              }, timeoutMs);
        const waiter: Waiter = { resolve, reject, timer };
        waiters.add(waiter);
      });
    },
    release: () => settle((waiter) => waiter.resolve()),
    reject: (error) => settle((waiter) => waiter.reject(error)),
  };
}
