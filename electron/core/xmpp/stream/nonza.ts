// A short request/answer exchange on the stream itself (STARTTLS, SASL), abandoned if the stream drops.
import type { Client } from '@xmpp/client-core';
import type { Element } from '@xmpp/xml';
import { CausetteError } from '../../../../shared/ipc/errors.ts';

export type Step<T> = (element: Element, done: (value: T) => void) => Promise<void> | void;

/** Sends `first`, then hands every incoming non-stanza element to `step` until it calls `done` or throws. */
export function exchange<T>(entity: Client, first: Element, step: Step<T>): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const cleanup = () => {
      entity.off('nonza', onElement);
      entity.off('disconnect', onDisconnect);
    };
    const fail = (error: unknown) => {
      cleanup();
      reject(error instanceof Error ? error : new Error(String(error)));
    };
    const done = (value: T) => {
      cleanup();
      resolve(value);
    };
    const onElement = (element: Element) => {
      Promise.resolve()
        .then(() => step(element, done))
        .catch(fail);
    };
    const onDisconnect = () => fail(new CausetteError('stream-error', 'The connection closed during stream negotiation.'));
    entity.on('nonza', onElement);
    entity.on('disconnect', onDisconnect);
    entity.send(first).catch(fail);
  });
}
