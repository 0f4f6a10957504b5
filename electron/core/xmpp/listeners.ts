// A set of listeners that a failing one cannot break: its error is logged and the others still run.
import type { Logger } from '../log/logger.ts';

export interface Listeners<T> {
  add(listener: (value: T) => void): () => void;
  emit(value: T): void;
}

export function createListeners<T>(what: string, logger: Logger): Listeners<T> {
  const listeners = new Set<(value: T) => void>();
  return {
    add(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
    emit(value) {
      for (const listener of [...listeners]) {
        try {
          listener(value);
        } catch (error) {
          logger.error(`a ${what} listener failed`, { error: String(error) });
        }
      }
    },
  };
}
