// The core's outgoing events, to the listeners of whichever host runs it; checked against the contract in tests and
// development builds, so a wrong payload fails there loudly instead of being dropped without a word by the renderer.
import type { Emit } from '../../shared/ipc/contract.ts';
import { eventMismatch } from '../../shared/ipc/event-check.ts';
import type { CoreEventListener } from './core-api.ts';
import type { Logger } from './log/logger.ts';

/** A core event whose payload breaks the contract: a bug in Causette, never something the user did. */
export class EventContractError extends Error {
  override readonly name = 'EventContractError';
}

export interface CoreEvents {
  readonly emit: Emit;
  readonly onEvent: (listener: CoreEventListener) => () => void;
}

/** On unless NODE_ENV says production: tests (vitest sets 'test') and `npm run web` check; the desktop shell decides for itself. */
export const checkEventsByDefault = (env: NodeJS.ProcessEnv): boolean => env.NODE_ENV !== 'production';

export interface CoreEventsOptions {
  readonly check: boolean;
  readonly logger: Logger;
  /** Reports a mismatch beyond the emitter, which may catch and log what it throws: by default an uncaught exception on
   *  the next turn, which fails a vitest run and stops a development host with the message. */
  readonly raise?: (error: EventContractError) => void;
}

const raiseUncaught = (error: EventContractError) =>
  void setImmediate(() => {
    throw error;
  });

export function createCoreEvents(options: CoreEventsOptions): CoreEvents {
  const listeners = new Set<CoreEventListener>();
  const raise = options.raise ?? raiseUncaught;
  return {
    emit(name, payload) {
      if (options.check) {
        const mismatch = eventMismatch(name, payload);
        if (mismatch !== undefined) {
          options.logger.error('A core event does not match the contract', { event: name, mismatch });
          const error = new EventContractError(`The event ${name} does not match the contract: ${mismatch}`);
          raise(error);
          throw error;
        }
      }
      for (const listener of listeners) listener(name, payload);
    },
    onEvent(listener) {
      listeners.add(listener);
      return () => void listeners.delete(listener);
    },
  };
}
